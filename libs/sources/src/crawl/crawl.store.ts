import type pg from 'pg';
import type { NetworkName } from '@renown/ingestion';
import { withPoolTransaction } from '@renown/core';
import type { Candidate, QuarantinedPage } from '../networks/network-connector.js';
import type { RateLimitSnapshot } from '../http/polite-http-client.js';

export type CrawlStatus = 'queued' | 'running' | 'paused' | 'waiting' | 'cancelled' | 'done' | 'failed';
export type FrontierStatus = 'pending' | 'fetching' | 'kept' | 'dropped' | 'not-found' | 'suspended' | 'opted-out' | 'failed';

export interface CrawlRow {
  id: string;
  brandId: string | null;
  network: NetworkName;
  origin: string;
  terms: string[];
  topicSlugs: string[];
  maxAccounts: number | null;
  maxHours: number | null;
  status: CrawlStatus;
  statusReason: string | null;
  requests: number;
  rateLimit: RateLimitSnapshot | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface CrawlCounts {
  /** Accounts the crawl has heard of. */
  found: number;
  /** Accounts read in full (kept or not) or settled (not found, suspended, opted out, failed). */
  fetched: number;
  kept: number;
  dropped: number;
  pending: number;
  fetching: number;
  notFound: number;
  suspended: number;
  optedOut: number;
  failed: number;
  quarantined: number;
}

export interface ClaimedAccount {
  ref: string;
  handle: string | null;
  depth: number;
  attempts: number;
}

const CRAWL_COLUMNS = `id::text, brand_id AS "brandId", network, origin, terms, topic_slugs AS "topicSlugs", max_accounts AS "maxAccounts",
  max_hours::float8 AS "maxHours", status, status_reason AS "statusReason", requests::float8 AS requests, rate_limit AS "rateLimit",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** The frontier rows that count against the budget: every account the crawl has spent requests on. */
const SETTLED = `status NOT IN ('pending', 'fetching')`;

/**
 * The crawl's state in PostgreSQL: the crawl itself, its seed cursors and its frontier. Each change is one short
 * statement or transaction, so workers never hold a connection while they wait on the network, and a worker
 * killed at any point leaves at most one claim behind, which goes back to the pool once its heartbeat is stale.
 */
export class CrawlStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: { brandId: string | null; network: NetworkName; origin: string; terms: string[]; topicSlugs: string[]; maxAccounts: number | null; maxHours: number | null }): Promise<CrawlRow> {
    const { rows } = await this.pool.query(
      `INSERT INTO crawls (brand_id, network, origin, terms, topic_slugs, max_accounts, max_hours) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CRAWL_COLUMNS}`,
      [input.brandId, input.network, input.origin, input.terms, input.topicSlugs, input.maxAccounts, input.maxHours],
    );
    await this.pool.query(`INSERT INTO crawl_seed_cursors (crawl_id, term) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [rows[0].id, input.terms]);
    return rows[0];
  }

  async get(id: string): Promise<CrawlRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const { rows } = await this.pool.query(`SELECT ${CRAWL_COLUMNS} FROM crawls WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(brandId: string | null, limit = 50): Promise<CrawlRow[]> {
    const { rows } = await this.pool.query(
      `SELECT ${CRAWL_COLUMNS} FROM crawls WHERE brand_id IS NOT DISTINCT FROM $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [brandId, limit],
    );
    return rows;
  }

  /** Moves a crawl to `to` only from one of `from`; returns the crawl when it moved. */
  async transition(id: string, from: CrawlStatus[], to: CrawlStatus, reason: string | null = null): Promise<CrawlRow | null> {
    const { rows } = await this.pool.query(
      `UPDATE crawls SET status = $3, status_reason = $4, updated_at = now(),
         started_at = CASE WHEN $3 = 'running' THEN COALESCE(started_at, now()) ELSE started_at END,
         finished_at = CASE WHEN $3 IN ('done', 'cancelled', 'failed') THEN now() ELSE NULL END
       WHERE id = $1 AND status = ANY($2::text[]) RETURNING ${CRAWL_COLUMNS}`,
      [id, from, to, reason],
    );
    return rows[0] ?? null;
  }

  async status(id: string): Promise<CrawlStatus | null> {
    const { rows } = await this.pool.query(`SELECT status FROM crawls WHERE id = $1`, [id]);
    return rows[0]?.status ?? null;
  }

  async counts(id: string): Promise<CrawlCounts> {
    const { rows } = await this.pool.query(
      `SELECT count(*)::int AS found,
         count(*) FILTER (WHERE ${SETTLED})::int AS fetched,
         count(*) FILTER (WHERE status = 'kept')::int AS kept,
         count(*) FILTER (WHERE status = 'dropped')::int AS dropped,
         count(*) FILTER (WHERE status = 'pending')::int AS pending,
         count(*) FILTER (WHERE status = 'fetching')::int AS fetching,
         count(*) FILTER (WHERE status = 'not-found')::int AS "notFound",
         count(*) FILTER (WHERE status = 'suspended')::int AS suspended,
         count(*) FILTER (WHERE status = 'opted-out')::int AS "optedOut",
         count(*) FILTER (WHERE status = 'failed')::int AS failed,
         (SELECT count(*)::int FROM crawl_quarantine WHERE crawl_id = $1) AS quarantined
       FROM crawl_frontier WHERE crawl_id = $1`,
      [id],
    );
    return rows[0];
  }

  async addRequests(id: string, requests: number, rateLimit: RateLimitSnapshot | null) {
    await this.pool.query(`UPDATE crawls SET requests = requests + $2, rate_limit = COALESCE($3, rate_limit), updated_at = now() WHERE id = $1`, [id, requests, rateLimit ? JSON.stringify(rateLimit) : null]);
  }

  /** Seeds whose search is not exhausted, with where each stopped. */
  async openSeeds(id: string): Promise<{ term: string; cursor: string | null; pages: number }[]> {
    const { rows } = await this.pool.query(`SELECT term, cursor, pages FROM crawl_seed_cursors WHERE crawl_id = $1 AND NOT exhausted ORDER BY pages, term`, [id]);
    return rows;
  }

  /** Records a seed page: the candidates it named and the cursor after it, in one transaction. */
  async recordSeedPage(id: string, term: string, cursor: string | null, candidates: Candidate[]) {
    await withPoolTransaction(this.pool, async (client) => {
      await this.insertCandidates(client, id, candidates, 0);
      await client.query(`UPDATE crawl_seed_cursors SET cursor = $3, exhausted = $4, pages = pages + 1 WHERE crawl_id = $1 AND term = $2`, [id, term, cursor, cursor === null]);
    });
  }

  private async insertCandidates(client: pg.PoolClient | pg.Pool, id: string, candidates: Candidate[], depth: number) {
    const fresh = new Map<string, Candidate>();
    for (const c of candidates) if (!c.optedOut && !fresh.has(c.ref)) fresh.set(c.ref, c);
    if (!fresh.size) return;
    const list = [...fresh.values()];
    // Sorted, so two workers adding overlapping neighbours lock the same keys in the same order.
    list.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    await client.query(
      `INSERT INTO crawl_frontier (crawl_id, ref, handle, depth, via)
       SELECT $1, c.ref, c.handle, $2, c.via FROM unnest($3::text[], $4::text[], $5::text[]) AS c(ref, handle, via)
       WHERE NOT EXISTS (SELECT 1 FROM network_opt_outs o JOIN crawls k ON k.id = $1 WHERE o.platform = k.network AND o.external_id = c.ref)
       ON CONFLICT (crawl_id, ref) DO NOTHING`,
      [id, depth, list.map((c) => c.ref), list.map((c) => c.handle), list.map((c) => c.via)],
    );
  }

  /**
   * Claims the next account to fetch: the shallowest first, then in the order found. A 'fetching' row whose
   * heartbeat is older than `staleSeconds` belonged to a worker that died and is claimed again. The budget is
   * checked in the same statement.
   */
  async claim(id: string, staleSeconds: number, maxAccounts: number | null): Promise<ClaimedAccount | null> {
    const { rows } = await this.pool.query(
      `WITH next AS (
         SELECT crawl_id, ref FROM crawl_frontier
         WHERE crawl_id = $1 AND (status = 'pending' OR (status = 'fetching' AND claimed_at < now() - make_interval(secs => $2)))
           AND ($3::int IS NULL OR (SELECT count(*) FROM crawl_frontier f WHERE f.crawl_id = $1 AND f.status NOT IN ('pending')) < $3)
         ORDER BY status = 'fetching' DESC, depth, seq
         LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE crawl_frontier f SET status = 'fetching', claimed_at = now(), attempts = f.attempts + 1
       FROM next WHERE f.crawl_id = next.crawl_id AND f.ref = next.ref
       RETURNING f.ref, f.handle, f.depth, f.attempts`,
      [id, staleSeconds, maxAccounts],
    );
    return rows[0] ?? null;
  }

  async heartbeat(id: string, refs: string[]) {
    if (refs.length) await this.pool.query(`UPDATE crawl_frontier SET claimed_at = now() WHERE crawl_id = $1 AND ref = ANY($2::text[]) AND status = 'fetching'`, [id, refs]);
  }

  /** Gives a claim back (the network was down, or the worker stops): it will be fetched again, by anyone. */
  async release(id: string, ref: string, countAttempt = false) {
    await this.pool.query(
      `UPDATE crawl_frontier SET status = 'pending', claimed_at = NULL, attempts = attempts - CASE WHEN $3 THEN 0 ELSE 1 END WHERE crawl_id = $1 AND ref = $2 AND status = 'fetching'`,
      [id, ref, countAttempt],
    );
  }

  /** The outcome of one account, with the neighbours it leads to (only for kept accounts), in one transaction. */
  async settle(
    id: string,
    ref: string,
    outcome: { status: Exclude<FrontierStatus, 'pending' | 'fetching'>; externalId?: string | null; handle?: string | null; relevance?: number | null; reason?: string | null; platform: NetworkName },
    neighbours: Candidate[],
    depth: number,
  ) {
    await withPoolTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE crawl_frontier SET status = $3, claimed_at = NULL, fetched_at = now(), handle = COALESCE($4, handle), relevance = $5, reason = $6,
           account_id = (SELECT id FROM social_accounts WHERE platform = $7 AND external_id = $8)
         WHERE crawl_id = $1 AND ref = $2`,
        [id, ref, outcome.status, outcome.handle ?? null, outcome.relevance ?? null, outcome.reason ?? null, outcome.platform, outcome.externalId ?? ref],
      );
      if (outcome.externalId && outcome.externalId !== ref) {
        // Found by handle, known by DID: a later path to the DID must not fetch it again.
        await client.query(
          `INSERT INTO crawl_frontier (crawl_id, ref, handle, depth, via, status, fetched_at) VALUES ($1, $2, $3, $4, 'search', $5, now()) ON CONFLICT DO NOTHING`,
          [id, outcome.externalId, outcome.handle ?? null, depth, outcome.status],
        );
      }
      await this.insertCandidates(client, id, neighbours, depth + 1);
    });
  }

  async quarantine(id: string | null, pages: QuarantinedPage[]) {
    if (!pages.length) return;
    await this.pool.query(
      `INSERT INTO crawl_quarantine (crawl_id, url, reason, raw) SELECT $1, u, r, w FROM unnest($2::text[], $3::text[], $4::text[]) AS q(u, r, w)`,
      [id, pages.map((p) => p.url), pages.map((p) => p.reason), pages.map((p) => p.raw.slice(0, 64 * 1024))],
    );
  }

  async quarantined(id: string, limit = 50): Promise<{ url: string; reason: string; createdAt: Date }[]> {
    const { rows } = await this.pool.query(`SELECT url, reason, created_at AS "createdAt" FROM crawl_quarantine WHERE crawl_id = $1 ORDER BY id DESC LIMIT $2`, [id, limit]);
    return rows;
  }

  async anyOpenWork(id: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `SELECT EXISTS (SELECT 1 FROM crawl_frontier WHERE crawl_id = $1 AND status IN ('pending', 'fetching'))
           OR EXISTS (SELECT 1 FROM crawl_seed_cursors WHERE crawl_id = $1 AND NOT exhausted) AS open`,
      [id],
    );
    return rows[0].open;
  }
}
