import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyRow } from './encode-copy-text.js';
import type { GraphBatch } from './graph-batch.js';

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface BatchCounts {
  accounts: EntityCounts;
  posts: EntityCounts;
  interactions: EntityCounts;
  accountHistory: EntityCounts;
  postHistory: EntityCounts;
  deletions: number;
}

const STAGING_DDL = `
  CREATE TEMP TABLE IF NOT EXISTS stage_accounts (
    platform text, external_id text, is_stub boolean, handle text, display_name text, bio text, links text[],
    language text, location text, verified boolean, account_created_at timestamptz, followers_count bigint,
    following_count bigint, listed_count bigint, posts_count bigint, observed_at timestamptz
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_account_history (
    platform text, external_id text, observed_at timestamptz, followers_count bigint, following_count bigint,
    listed_count bigint, posts_count bigint
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_posts (
    platform text, external_id text, is_stub boolean, author_external_id text, posted_at timestamptz, text text,
    language text, hashtags text[], mentioned_external_ids text[], urls text[], reply_to_external_id text,
    quote_of_external_id text, repost_of_external_id text, like_count bigint, repost_count bigint, reply_count bigint,
    quote_count bigint, impression_count bigint, observed_at timestamptz, annotations jsonb
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_post_history (
    platform text, external_id text, observed_at timestamptz, like_count bigint, repost_count bigint,
    reply_count bigint, quote_count bigint, impression_count bigint
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_interactions (
    platform text, type text, actor_external_id text, target_external_id text, post_external_id text,
    occurred_at timestamptz, source_ref text, weight integer
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_deletions (platform text, what text, ref text, deleted_at timestamptz) ON COMMIT DELETE ROWS;
`;

// Profile and content columns follow the newest observation; an older one only fills what is still unknown.
const ACCOUNT_COLUMNS = ['handle', 'display_name', 'bio', 'links', 'language', 'location', 'verified', 'account_created_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'];
const POST_COLUMNS = ['author_account_id', 'posted_at', 'text', 'language', 'hashtags', 'mentioned_account_ids', 'urls', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count', 'annotations'];
const POST_REFERENCES = ['reply_to_post_id', 'quote_of_post_id', 'repost_of_post_id'];

const NEWER = `(t.is_stub OR t.metrics_observed_at IS NULL OR EXCLUDED.metrics_observed_at >= t.metrics_observed_at)`;
const mergeExpr = (c: string) => `CASE WHEN ${NEWER} THEN COALESCE(EXCLUDED.${c}, t.${c}) ELSE COALESCE(t.${c}, EXCLUDED.${c}) END`;

function upsertSet(columns: string[], extra: Record<string, string>) {
  const exprs: Record<string, string> = { is_stub: 'false', metrics_observed_at: 'GREATEST(t.metrics_observed_at, EXCLUDED.metrics_observed_at)', ...extra };
  for (const c of columns) exprs[c] = mergeExpr(c);
  const names = Object.keys(exprs);
  return `SET ${names.map((c) => `${c} = ${exprs[c]}`).join(', ')}, updated_at = now()
    WHERE (${names.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${names.map((c) => exprs[c]).join(', ')})`;
}

const COUNT_RETURNING = `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`;

const SQL = {
  accountsFull: `WITH w AS (
      INSERT INTO social_accounts AS t (platform, external_id, is_stub, ${ACCOUNT_COLUMNS.join(', ')}, metrics_observed_at)
      SELECT platform, external_id, false, ${ACCOUNT_COLUMNS.map((c) => (c === 'account_created_at' ? c : c)).join(', ')}, observed_at
      FROM stage_accounts WHERE NOT is_stub
      ON CONFLICT (platform, external_id) DO UPDATE ${upsertSet(ACCOUNT_COLUMNS, {})}
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  accountsStub: `WITH w AS (
      INSERT INTO social_accounts AS t (platform, external_id, is_stub, handle, display_name)
      SELECT platform, external_id, true, handle, display_name FROM stage_accounts WHERE is_stub
      ON CONFLICT (platform, external_id) DO UPDATE SET handle = EXCLUDED.handle, display_name = COALESCE(t.display_name, EXCLUDED.display_name), updated_at = now()
        WHERE t.is_stub AND t.handle IS NULL AND EXCLUDED.handle IS NOT NULL
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  accountHistory: `WITH w AS (
      INSERT INTO account_metrics_history AS t (account_id, observed_at, followers_count, following_count, listed_count, posts_count)
      SELECT a.id, h.observed_at, h.followers_count, h.following_count, h.listed_count, h.posts_count
      FROM stage_account_history h JOIN social_accounts a ON a.platform = h.platform AND a.external_id = h.external_id
      ON CONFLICT (account_id, observed_at) DO UPDATE SET followers_count = EXCLUDED.followers_count,
        following_count = EXCLUDED.following_count, listed_count = EXCLUDED.listed_count, posts_count = EXCLUDED.posts_count
        WHERE (t.followers_count, t.following_count, t.listed_count, t.posts_count)
          IS DISTINCT FROM (EXCLUDED.followers_count, EXCLUDED.following_count, EXCLUDED.listed_count, EXCLUDED.posts_count)
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  postsFull: `WITH w AS (
      INSERT INTO posts AS t (platform, external_id, is_stub, ${POST_COLUMNS.join(', ')}, ${POST_REFERENCES.join(', ')}, metrics_observed_at)
      SELECT s.platform, s.external_id, false, a.id, s.posted_at, s.text, s.language, s.hashtags,
        CASE WHEN s.mentioned_external_ids IS NULL THEN NULL ELSE ARRAY(
          SELECT m.id FROM unnest(s.mentioned_external_ids) WITH ORDINALITY u(x, o)
          JOIN social_accounts m ON m.platform = s.platform AND m.external_id = u.x ORDER BY u.o) END,
        s.urls, s.like_count, s.repost_count, s.reply_count, s.quote_count, s.impression_count, s.annotations,
        r.id, q.id, rp.id, s.observed_at
      FROM stage_posts s
      LEFT JOIN social_accounts a ON a.platform = s.platform AND a.external_id = s.author_external_id
      LEFT JOIN posts r ON r.platform = s.platform AND r.external_id = s.reply_to_external_id
      LEFT JOIN posts q ON q.platform = s.platform AND q.external_id = s.quote_of_external_id
      LEFT JOIN posts rp ON rp.platform = s.platform AND rp.external_id = s.repost_of_external_id
      WHERE NOT s.is_stub
      ON CONFLICT (platform, external_id) DO UPDATE ${upsertSet(POST_COLUMNS, Object.fromEntries(POST_REFERENCES.map((c) => [c, `COALESCE(EXCLUDED.${c}, t.${c})`])))}
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  postsStub: `WITH w AS (
      INSERT INTO posts AS t (platform, external_id, is_stub, author_account_id)
      SELECT s.platform, s.external_id, true, a.id FROM stage_posts s
      LEFT JOIN social_accounts a ON a.platform = s.platform AND a.external_id = s.author_external_id
      WHERE s.is_stub
      ON CONFLICT (platform, external_id) DO UPDATE SET author_account_id = EXCLUDED.author_account_id, updated_at = now()
        WHERE t.is_stub AND t.author_account_id IS NULL AND EXCLUDED.author_account_id IS NOT NULL
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  // References to posts first met in this same batch could not be resolved by the insert above.
  postReferences: `UPDATE posts p SET
        reply_to_post_id = COALESCE(p.reply_to_post_id, r.id), quote_of_post_id = COALESCE(p.quote_of_post_id, q.id),
        repost_of_post_id = COALESCE(p.repost_of_post_id, rp.id)
      FROM stage_posts s
      LEFT JOIN posts r ON r.platform = s.platform AND r.external_id = s.reply_to_external_id
      LEFT JOIN posts q ON q.platform = s.platform AND q.external_id = s.quote_of_external_id
      LEFT JOIN posts rp ON rp.platform = s.platform AND rp.external_id = s.repost_of_external_id
      WHERE NOT s.is_stub AND p.platform = s.platform AND p.external_id = s.external_id
        AND ((p.reply_to_post_id IS NULL AND r.id IS NOT NULL) OR (p.quote_of_post_id IS NULL AND q.id IS NOT NULL)
          OR (p.repost_of_post_id IS NULL AND rp.id IS NOT NULL))`,
  postHistory: `WITH w AS (
      INSERT INTO post_metrics_history AS t (post_id, observed_at, like_count, repost_count, reply_count, quote_count, impression_count)
      SELECT p.id, h.observed_at, h.like_count, h.repost_count, h.reply_count, h.quote_count, h.impression_count
      FROM stage_post_history h JOIN posts p ON p.platform = h.platform AND p.external_id = h.external_id
      ON CONFLICT (post_id, observed_at) DO UPDATE SET like_count = EXCLUDED.like_count, repost_count = EXCLUDED.repost_count,
        reply_count = EXCLUDED.reply_count, quote_count = EXCLUDED.quote_count, impression_count = EXCLUDED.impression_count
        WHERE (t.like_count, t.repost_count, t.reply_count, t.quote_count, t.impression_count)
          IS DISTINCT FROM (EXCLUDED.like_count, EXCLUDED.repost_count, EXCLUDED.reply_count, EXCLUDED.quote_count, EXCLUDED.impression_count)
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  interactionsDirect: `WITH w AS (
      INSERT INTO interactions AS t (platform, type, actor_account_id, target_account_id, post_id, occurred_at, source_ref, weight)
      SELECT s.platform, s.type, a.id, b.id, p.id, s.occurred_at, s.source_ref, COALESCE(s.weight, 1)
      FROM stage_interactions s
      JOIN social_accounts a ON a.platform = s.platform AND a.external_id = s.actor_external_id
      JOIN social_accounts b ON b.platform = s.platform AND b.external_id = s.target_external_id
      LEFT JOIN posts p ON p.platform = s.platform AND p.external_id = s.post_external_id
      ON CONFLICT ON CONSTRAINT interactions_edge_key DO UPDATE SET weight = EXCLUDED.weight, source_ref = COALESCE(EXCLUDED.source_ref, t.source_ref)
        WHERE (t.weight, t.source_ref) IS DISTINCT FROM (EXCLUDED.weight, COALESCE(EXCLUDED.source_ref, t.source_ref))
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  // Replies, quotes and reposts that are posts become edges as soon as both authors are known, whichever
  // of the two posts arrives last.
  interactionsDerived: `WITH batch AS (
        SELECT p.id, p.first_seen_at, p.reply_to_post_id, p.quote_of_post_id, p.repost_of_post_id
        FROM stage_posts s JOIN posts p ON p.platform = s.platform AND p.external_id = s.external_id
      ), older AS (
        -- Only posts that existed before this transaction can be referenced by posts outside the batch
        -- (a post first seen now is referenced, if at all, by posts of this batch: the first branches).
        SELECT id FROM batch WHERE first_seen_at < now()
      ), pairs AS (
        SELECT id AS post_id, 'reply' AS type, reply_to_post_id AS ref FROM batch WHERE reply_to_post_id IS NOT NULL
        UNION ALL SELECT id, 'quote', quote_of_post_id FROM batch WHERE quote_of_post_id IS NOT NULL
        UNION ALL SELECT id, 'repost', repost_of_post_id FROM batch WHERE repost_of_post_id IS NOT NULL
        UNION ALL SELECT p.id, 'reply', p.reply_to_post_id FROM posts p JOIN older b ON b.id = p.reply_to_post_id
        UNION ALL SELECT p.id, 'quote', p.quote_of_post_id FROM posts p JOIN older b ON b.id = p.quote_of_post_id
        UNION ALL SELECT p.id, 'repost', p.repost_of_post_id FROM posts p JOIN older b ON b.id = p.repost_of_post_id
      ), w AS (
        INSERT INTO interactions (platform, type, actor_account_id, target_account_id, post_id, occurred_at)
        SELECT DISTINCT p.platform, x.type, p.author_account_id, r.author_account_id, p.id, p.posted_at
        FROM pairs x JOIN posts p ON p.id = x.post_id JOIN posts r ON r.id = x.ref
        WHERE NOT p.is_stub AND p.author_account_id IS NOT NULL AND r.author_account_id IS NOT NULL
        ON CONFLICT ON CONSTRAINT interactions_edge_key DO NOTHING
        RETURNING true AS inserted
      ) ${COUNT_RETURNING}`,
  deletePosts: `UPDATE posts p SET deleted_at = d.deleted_at, updated_at = now() FROM stage_deletions d
      WHERE d.what = 'post' AND p.platform = d.platform AND p.external_id = d.ref AND p.deleted_at IS DISTINCT FROM d.deleted_at`,
  deleteInteractions: `UPDATE interactions i SET deleted_at = d.deleted_at FROM stage_deletions d
      WHERE d.what = 'interaction' AND i.platform = d.platform AND i.source_ref = d.ref AND i.deleted_at IS DISTINCT FROM d.deleted_at`,
  touchedAccounts: `INSERT INTO import_run_accounts (import_run_id, account_id)
      SELECT $1, a.id FROM stage_accounts s JOIN social_accounts a ON a.platform = s.platform AND a.external_id = s.external_id
      ON CONFLICT DO NOTHING`,
};

async function copyInto(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<unknown[]>) {
  const lines: string[] = [];
  for (const r of rows) lines.push(copyRow(r));
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  // Chunks of ~1 MB: one huge string would double memory, one write per row is slow.
  async function* chunks() {
    let buf = '';
    for (const l of lines) {
      buf += l;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), stream);
}

/** RENOWN_INGEST_TRACE=1 prints each statement's time to stderr (for tuning; off in normal runs). */
const TRACE = process.env.RENOWN_INGEST_TRACE === '1';
const zero = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

/**
 * Writes batches of observations into the graph on one connection: COPY into session-private staging tables,
 * then set-based INSERT ... ON CONFLICT statements. Unchanged rows are not rewritten (IS DISTINCT FROM), so a
 * re-import costs reads only. The caller owns the transaction.
 */
export class GraphWriter {
  private prepared = false;

  constructor(private readonly client: pg.PoolClient) {}

  async prepare() {
    if (this.prepared) return;
    // JIT compiling these short set-based statements costs more than running them (150 ms per batch measured).
    await this.client.query(`SET jit = off`);
    // A batch is a few thousand rows against tables of millions: probe the unique indexes rather than hash
    // whole tables per batch (measured: hash joins made each batch O(table size), quadratic over a file).
    await this.client.query(`SET enable_seqscan = off`);
    await this.client.query(`SET random_page_cost = 1.1`);
    await this.client.query(STAGING_DDL);
    this.prepared = true;
  }

  /** Must run inside a transaction (the staging rows vanish at commit). */
  async write(batch: GraphBatch, importRunId: string | null): Promise<BatchCounts> {
    await this.prepare();
    const c = this.client;
    const tStart = TRACE ? performance.now() : 0;
    await copyInto(c, 'stage_accounts', ['platform', 'external_id', 'is_stub', 'handle', 'display_name', 'bio', 'links', 'language', 'location', 'verified', 'account_created_at', 'followers_count', 'following_count', 'listed_count', 'posts_count', 'observed_at'],
      map(batch.accounts.values(), (a) => [a.platform, a.externalId, a.stub, a.handle, a.displayName, a.bio, a.links, a.language, a.location, a.verified, a.createdAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount, a.observedAt]));
    await copyInto(c, 'stage_account_history', ['platform', 'external_id', 'observed_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'],
      map(batch.accountHistory.values(), (a) => [a.platform, a.externalId, a.observedAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount]));
    await copyInto(c, 'stage_posts', ['platform', 'external_id', 'is_stub', 'author_external_id', 'posted_at', 'text', 'language', 'hashtags', 'mentioned_external_ids', 'urls', 'reply_to_external_id', 'quote_of_external_id', 'repost_of_external_id', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count', 'observed_at', 'annotations'],
      map(batch.posts.values(), (p) => [p.platform, p.externalId, p.stub, p.authorExternalId, p.postedAt, p.text, p.language, p.hashtags, p.mentionedExternalIds, p.urls, p.replyToExternalId, p.quoteOfExternalId, p.repostOfExternalId, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount, p.observedAt, p.annotations]));
    await copyInto(c, 'stage_post_history', ['platform', 'external_id', 'observed_at', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count'],
      map(batch.postHistory.values(), (p) => [p.platform, p.externalId, p.observedAt, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount]));
    await copyInto(c, 'stage_interactions', ['platform', 'type', 'actor_external_id', 'target_external_id', 'post_external_id', 'occurred_at', 'source_ref', 'weight'],
      map(batch.interactions.values(), (i) => [i.platform, i.type, i.actorExternalId, i.targetExternalId, i.postExternalId, i.occurredAt, i.sourceRef, i.weight ?? 1]));
    await copyInto(c, 'stage_deletions', ['platform', 'what', 'ref', 'deleted_at'], batch.deletions.map((d) => [d.platform, d.what, d.ref, d.deletedAt]));

    if (TRACE) console.error(`${(performance.now() - tStart).toFixed(0)}ms COPY of ${batch.posts.size} posts, ${batch.accounts.size} accounts, ${batch.interactions.size} interactions`);
    // Temporary tables have no statistics until analyzed; without them the planner picks nested loops.
    const tAnalyze = TRACE ? performance.now() : 0;
    await c.query(`ANALYZE stage_accounts, stage_account_history, stage_posts, stage_post_history, stage_interactions`);
    if (TRACE) console.error(`${(performance.now() - tAnalyze).toFixed(0)}ms ANALYZE staging`);
    const one = async (sql: string) => {
      const t0 = TRACE ? performance.now() : 0;
      const r = await c.query(sql);
      if (TRACE) console.error(`${(performance.now() - t0).toFixed(0)}ms ${r.rowCount} ${sql.slice(0, 70).replace(/\s+/g, ' ')}`);
      return r.rows[0] as { inserted: number; updated: number };
    };
    const counts: BatchCounts = { accounts: zero(), posts: zero(), interactions: zero(), accountHistory: zero(), postHistory: zero(), deletions: 0 };
    const add = (e: EntityCounts, r: { inserted: number; updated: number }) => {
      e.inserted += r.inserted;
      e.updated += r.updated;
    };
    if (batch.accounts.size) {
      add(counts.accounts, await one(SQL.accountsFull));
      add(counts.accounts, await one(SQL.accountsStub));
    }
    if (batch.accountHistory.size) add(counts.accountHistory, await one(SQL.accountHistory));
    if (batch.posts.size) {
      add(counts.posts, await one(SQL.postsFull));
      add(counts.posts, await one(SQL.postsStub));
      await one(SQL.postReferences);
    }
    if (batch.postHistory.size) add(counts.postHistory, await one(SQL.postHistory));
    if (batch.interactions.size) add(counts.interactions, await one(SQL.interactionsDirect));
    let derived = 0;
    if (batch.posts.size) derived = (await one(SQL.interactionsDerived)).inserted;
    counts.interactions.inserted += derived;
    if (batch.deletions.length) {
      counts.deletions += (await c.query(SQL.deletePosts)).rowCount ?? 0;
      counts.deletions += (await c.query(SQL.deleteInteractions)).rowCount ?? 0;
    }
    const tTouched = TRACE ? performance.now() : 0;
    if (importRunId && batch.accounts.size) await c.query(SQL.touchedAccounts, [importRunId]);
    if (TRACE) console.error(`${(performance.now() - tTouched).toFixed(0)}ms touched accounts`);

    const unchanged = (e: EntityCounts, staged: number) => {
      e.unchanged = Math.max(0, staged - e.inserted - e.updated);
    };
    unchanged(counts.accounts, batch.accounts.size);
    unchanged(counts.posts, batch.posts.size);
    unchanged(counts.interactions, batch.interactions.size + derived);
    unchanged(counts.accountHistory, batch.accountHistory.size);
    unchanged(counts.postHistory, batch.postHistory.size);
    return counts;
  }
}

function* map<T, U>(it: Iterable<T>, f: (t: T) => U): Iterable<U> {
  for (const x of it) yield f(x);
}
