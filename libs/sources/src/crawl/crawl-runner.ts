import type pg from 'pg';
import { logger } from '@renown/core';
import type { GraphImporter, NetworkPage } from '@renown/ingestion';
import { pagesToRecords } from '../networks/pages-to-records.js';
import { NetworkUnavailableError } from '../http/polite-http-client.js';
import { DEFAULT_FETCH_LIMITS, type FetchLimits, type NetworkConnector } from '../networks/network-connector.js';
import { MalformedPageError } from '../networks/malformed-page.error.js';
import { QuotaExhaustedError } from '../quota/quota-ledger.js';
import { CredentialRefusedError } from '../credentials/credential-refused.error.js';
import { CrawlStore, type ClaimedAccount, type CrawlCounts, type CrawlRow } from './crawl.store.js';
import { recordOptOut } from './opt-outs.js';
import { VerticalRelevance } from './vertical-relevance.js';

export interface CrawlProgress {
  crawlId: string;
  status: CrawlRow['status'];
  counts: CrawlCounts;
  /** Requests this runner made. */
  requests: number;
  /** Requests per second this runner made, since it started. */
  rate: number;
  /** The network's limit as last reported, and the share of it this window has used. */
  limit: { requests: number; windowSeconds: number; usedShare: number };
  elapsedMs: number;
  /** Seconds until the budget is met at the current pace; null when unknown. */
  etaSeconds: number | null;
  /** Time spent in the importer, of the elapsed time (ms). */
  importMs: number;
  /** When the network's daily quota resets, if this run stopped because it was spent (the crawl is 'waiting' until then). */
  resumeAt: Date | null;
}

export interface CrawlRunnerOptions {
  /** Accounts fetched at once (default 4). */
  concurrency?: number;
  /** A claim whose heartbeat is older than this is taken back (default 15 s, or CRAWL_HEARTBEAT_STALE_SECONDS). */
  staleSeconds?: number;
  limits?: Partial<FetchLimits>;
  onProgress?: (p: CrawlProgress) => void;
  /** Stop after this many accounts (tests, and a worker's time slice); the crawl stays 'running' for the next runner. */
  stopAfterAccounts?: number;
  signal?: AbortSignal;
}


const isRetryableDbError = (err: unknown) => ['40P01', '40001'].includes((err as { code?: string })?.code ?? '');

/**
 * Runs one crawl until its budget is spent, it runs out of accounts, or it is paused or cancelled. Workers
 * (concurrency) each claim one account from the frontier, fetch it with no database connection held, import
 * the pages through the importer, judge it against the vertical, and settle it with its neighbours. Several
 * runners (processes) can work on one crawl at once: claims are row locks with SKIP LOCKED, kept alive by a
 * heartbeat, so nothing is fetched twice and a killed runner's claim is taken over.
 */
export class CrawlRunner {
  private readonly store: CrawlStore;
  private requests = 0;
  private importMs = 0;
  private readonly claimed = new Set<string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly importer: GraphImporter,
    private readonly connector: NetworkConnector,
    private readonly options: CrawlRunnerOptions = {},
  ) {
    this.store = new CrawlStore(pool);
  }

  private get staleSeconds() {
    return this.options.staleSeconds ?? Number(process.env.CRAWL_HEARTBEAT_STALE_SECONDS ?? 15);
  }

  async run(crawlId: string): Promise<CrawlProgress> {
    const started = Date.now();
    const crawl = await this.store.transition(crawlId, ['queued', 'running', 'waiting'], 'running');
    if (!crawl) {
      const current = await this.store.get(crawlId);
      if (!current) throw new Error(`crawl ${crawlId} does not exist`);
      return this.progress(current, started);
    }
    const relevance = new VerticalRelevance(crawl.topicSlugs);
    const deadline = crawl.maxHours && crawl.startedAt ? crawl.startedAt.getTime() + crawl.maxHours * 3_600_000 : null;
    const heartbeat = setInterval(() => {
      this.store.heartbeat(crawlId, [...this.claimed]).catch((err) => logger.warn({ err: err.message }, 'crawl heartbeat failed'));
    }, Math.max(1_000, (this.staleSeconds * 1000) / 3));
    heartbeat.unref();
    let handled = 0;
    let stopReason: 'budget' | 'exhausted' | 'stopped' | 'down' | 'slice' | 'quota' | 'refused' | null = null;
    let downError: NetworkUnavailableError | null = null;
    let quotaError: QuotaExhaustedError | null = null;
    let refusedError: CredentialRefusedError | null = null;
    /** The day's quota is spent or the key refused: every worker stops, the claim goes back untouched. */
    const stopsAll = (err: unknown) => {
      if (err instanceof QuotaExhaustedError) return void ((stopReason = 'quota'), (quotaError ??= err));
      if (err instanceof CredentialRefusedError) return void ((stopReason = 'refused'), (refusedError ??= err));
      return false;
    };
    let seeding: Promise<boolean> | null = null;
    let lastReport = 0;
    const report = async (force = false) => {
      if (!this.options.onProgress || (!force && Date.now() - lastReport < 500)) return;
      lastReport = Date.now();
      this.options.onProgress(await this.progress((await this.store.get(crawlId))!, started));
    };
    const flushRequests = async () => {
      const n = this.connectorRequests();
      if (n) await this.store.addRequests(crawlId, n, this.connector.rateLimit());
    };

    /** Reads the next seed page of a term not yet exhausted; false when every seed is. One at a time. */
    const seedOnce = () =>
      (seeding ??= (async () => {
        try {
          const seeds = await this.store.openSeeds(crawlId);
          if (!seeds.length) return false;
          const seed = seeds[0];
          const page = await this.connector.searchAccounts(seed.term, seed.cursor);
          if (page.pages.length) await this.importPages(page.pages, crawl, `search "${seed.term}"`);
          await this.store.quarantine(crawlId, page.quarantined);
          await this.store.recordSeedPage(crawlId, seed.term, page.cursor, page.candidates);
          return true;
        } finally {
          seeding = null;
        }
      })());

    const worker = async () => {
      let idle = 0;
      while (!stopReason) {
        if (this.options.signal?.aborted) return void (stopReason = 'stopped');
        if (deadline && Date.now() > deadline) return void (stopReason = 'budget');
        if (this.options.stopAfterAccounts && handled >= this.options.stopAfterAccounts) return void (stopReason = 'slice');
        const status = await this.store.status(crawlId);
        if (status !== 'running') return void (stopReason = 'stopped');
        const claim = await this.store.claim(crawlId, this.staleSeconds, crawl.maxAccounts);
        if (!claim) {
          const counts = await this.store.counts(crawlId);
          if (crawl.maxAccounts && counts.fetched >= crawl.maxAccounts) return void (stopReason = 'budget');
          try {
            if (await seedOnce()) continue;
          } catch (err) {
            if (err instanceof NetworkUnavailableError) return void ((stopReason = 'down'), (downError = err));
            if (stopsAll(err) !== false) return;
            throw err;
          }
          // Nothing to claim and no seed left: others may still be fetching (their neighbours come next).
          if (!(await this.store.anyOpenWork(crawlId))) return void (stopReason = 'exhausted');
          await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * ++idle)));
          continue;
        }
        idle = 0;
        this.claimed.add(claim.ref);
        try {
          await this.fetchOne(crawl, claim, relevance);
          handled++;
        } catch (err) {
          if (err instanceof NetworkUnavailableError) {
            await this.store.release(crawlId, claim.ref);
            stopReason = 'down';
            downError = err;
          } else if (err instanceof QuotaExhaustedError || err instanceof CredentialRefusedError) {
            await this.store.release(crawlId, claim.ref);
            stopsAll(err);
          } else if (isRetryableDbError(err)) {
            await this.store.release(crawlId, claim.ref);
          } else {
            logger.warn({ err, crawlId, ref: claim.ref }, 'crawl: an account could not be read');
            if (claim.attempts >= 3) await this.store.settle(crawlId, claim.ref, { status: 'failed', reason: String(err?.message ?? err).slice(0, 500), platform: crawl.network }, [], claim.depth);
            else await this.store.release(crawlId, claim.ref, true);
          }
        } finally {
          this.claimed.delete(claim.ref);
        }
        await flushRequests();
        await report();
      }
    };

    try {
      await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, () => worker()));
    } finally {
      clearInterval(heartbeat);
      // A stopping runner gives back what it claimed but did not finish.
      for (const ref of this.claimed) await this.store.release(crawlId, ref).catch(() => undefined);
      await flushRequests().catch(() => undefined);
    }
    if (stopReason === 'budget' || stopReason === 'exhausted') {
      const why = stopReason === 'budget' ? 'budget spent' : 'no more accounts to follow';
      await this.store.transition(crawlId, ['running'], 'done', why);
    } else if (stopReason === 'down') {
      await this.store.transition(crawlId, ['running'], 'waiting', (downError as NetworkUnavailableError | null)?.message ?? 'the network did not answer');
    } else if (stopReason === 'quota') {
      await this.store.transition(crawlId, ['running'], 'waiting', quotaError!.message);
    } else if (stopReason === 'refused') {
      await this.store.transition(crawlId, ['running'], 'failed', refusedError!.message);
    }
    await report(true);
    const final = await this.progress((await this.store.get(crawlId))!, started);
    return stopReason === 'quota' ? { ...final, resumeAt: (quotaError as QuotaExhaustedError | null)?.resetsAt ?? null } : final;
  }

  private lastConnectorRequests = 0;
  private connectorRequests(): number {
    const total = this.connector.stats?.().requests ?? 0;
    const n = total - this.lastConnectorRequests;
    this.lastConnectorRequests = total;
    this.requests += n;
    return n;
  }

  /** One import at a time per runner: fetches overlap, imports queue (they would only contend for the same rows). */
  private importing: Promise<unknown> = Promise.resolve();

  private importPages(pages: NetworkPage[], crawl: CrawlRow, what: string): Promise<void> {
    const next = this.importing.then(() => this.importNow(pages, crawl, what));
    this.importing = next.catch(() => undefined);
    return next;
  }

  private async importNow(pages: NetworkPage[], crawl: CrawlRow, what: string) {
    const t0 = performance.now();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.importer.ingest(pagesToRecords(pages), { format: 'network-pages', source: `crawl:${crawl.network}`, file: `crawl ${crawl.id}: ${what}` });
          return;
        } catch (err) {
          // Two imports that upsert the same accounts can deadlock; every write is an upsert, so replaying is safe.
          if (!isRetryableDbError(err) || attempt >= 4) throw err;
          await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
        }
      }
    } finally {
      this.importMs += performance.now() - t0;
    }
  }

  private async fetchOne(crawl: CrawlRow, claim: ClaimedAccount, relevance: VerticalRelevance) {
    let fetched;
    try {
      fetched = await this.connector.fetchAccount(claim.ref, { ...DEFAULT_FETCH_LIMITS, ...this.options.limits });
    } catch (err) {
      if (!(err instanceof MalformedPageError)) throw err;
      await this.store.quarantine(crawl.id, [{ url: err.url, reason: err.reason, raw: err.raw }]);
      await this.store.settle(crawl.id, claim.ref, { status: 'failed', reason: `unreadable profile page: ${err.reason}`, platform: crawl.network }, [], claim.depth);
      return;
    }
    await this.store.quarantine(crawl.id, fetched.quarantined);
    if (fetched.status !== 'fetched') {
      if (fetched.status === 'opted-out') await recordOptOut(this.pool, crawl.network, fetched.externalId ?? claim.ref, fetched.handle ?? claim.handle, fetched.message);
      await this.store.settle(crawl.id, claim.ref, { status: fetched.status, externalId: fetched.externalId, handle: fetched.handle, reason: fetched.message, platform: crawl.network }, [], claim.depth);
      return;
    }
    await this.importPages(fetched.pages, crawl, `@${fetched.handle}`);
    await this.pool.query(`UPDATE social_accounts SET last_fetched_at = now() WHERE platform = $1 AND external_id = $2`, [crawl.network, fetched.externalId]);
    const verdict = relevance.judge(fetched.bio, fetched.posts);
    await this.store.settle(
      crawl.id,
      claim.ref,
      { status: verdict.kept ? 'kept' : 'dropped', externalId: fetched.externalId, handle: fetched.handle, relevance: verdict.share, reason: verdict.reason, platform: crawl.network },
      verdict.kept ? fetched.neighbours : [],
      claim.depth,
    );
  }

  async progress(crawl: CrawlRow, started: number): Promise<CrawlProgress> {
    const counts = await this.store.counts(crawl.id);
    const elapsedMs = Date.now() - started;
    const snapshot = this.connector.rateLimit();
    const perSecond = elapsedMs > 0 ? counts.fetched / (elapsedMs / 1000) : 0;
    const left = crawl.maxAccounts ? Math.max(0, crawl.maxAccounts - counts.fetched) : null;
    return {
      crawlId: crawl.id,
      status: crawl.status,
      counts,
      requests: this.requests,
      rate: elapsedMs > 0 ? this.requests / (elapsedMs / 1000) : 0,
      limit: { requests: snapshot.limit, windowSeconds: snapshot.windowSeconds, usedShare: snapshot.usedShare },
      elapsedMs,
      etaSeconds: left !== null && perSecond > 0 ? Math.round(left / perSecond) : null,
      importMs: Math.round(this.importMs),
      resumeAt: null,
    };
  }
}
