import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyRow } from './encode-copy-text.js';
import type { GraphBatch } from './graph-batch.js';
import type { AccountObservation, InteractionObservation, PostObservation } from '../model/graph-observation.js';

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
  CREATE TEMP TABLE IF NOT EXISTS known_accounts (
    id bigint, is_stub boolean, handle text, display_name text, bio text, links text[], language text, location text,
    verified boolean, account_created_at timestamptz, followers_count bigint, following_count bigint, listed_count bigint,
    posts_count bigint, metrics_observed_at timestamptz
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS known_account_history (
    account_id bigint, observed_at timestamptz, followers_count bigint, following_count bigint, listed_count bigint, posts_count bigint
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS known_posts (
    id bigint, is_stub boolean, author_account_id bigint, posted_at timestamptz, text text, language text, hashtags text[],
    mentioned_account_ids bigint[], urls text[], like_count bigint, repost_count bigint, reply_count bigint, quote_count bigint,
    impression_count bigint, annotations jsonb, reply_to_post_id bigint, quote_of_post_id bigint, repost_of_post_id bigint,
    metrics_observed_at timestamptz
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS known_post_history (
    post_id bigint, observed_at timestamptz, like_count bigint, repost_count bigint, reply_count bigint, quote_count bigint,
    impression_count bigint
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS known_interactions (
    platform text, type text, actor_account_id bigint, target_account_id bigint, post_id bigint, occurred_at timestamptz,
    source_ref text, weight integer
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS stage_deletions (platform text, what text, ref text, deleted_at timestamptz) ON COMMIT DELETE ROWS;
`;

// Profile and content columns follow the newest observation; an older one only fills what is still unknown.
const ACCOUNT_COLUMNS = ['handle', 'display_name', 'bio', 'links', 'language', 'location', 'verified', 'account_created_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'];
const POST_COLUMNS = ['author_account_id', 'posted_at', 'text', 'language', 'hashtags', 'mentioned_account_ids', 'urls', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count', 'annotations'];
const POST_REFERENCES = ['reply_to_post_id', 'quote_of_post_id', 'repost_of_post_id'];

const newer = (src: string) => `(t.is_stub OR t.metrics_observed_at IS NULL OR ${src}.metrics_observed_at >= t.metrics_observed_at)`;
const mergeExpr = (c: string, src: string) => `CASE WHEN ${newer(src)} THEN COALESCE(${src}.${c}, t.${c}) ELSE COALESCE(t.${c}, ${src}.${c}) END`;

/** The merged value of each column (`src` holds the new observation) and the condition that any of them changes. */
function mergeColumns(columns: string[], extra: Record<string, string>, src: string) {
  const exprs: Record<string, string> = { is_stub: 'false', metrics_observed_at: `GREATEST(t.metrics_observed_at, ${src}.metrics_observed_at)`, ...extra };
  for (const c of columns) exprs[c] = mergeExpr(c, src);
  const names = Object.keys(exprs);
  return {
    set: `${names.map((c) => `${c} = ${exprs[c]}`).join(', ')}, updated_at = now()`,
    changed: `(${names.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${names.map((c) => exprs[c]).join(', ')})`,
  };
}

function upsertSet(columns: string[], extra: Record<string, string>) {
  const m = mergeColumns(columns, extra, 'EXCLUDED');
  return `SET ${m.set} WHERE ${m.changed}`;
}

const referenceMerge = (src: string) => Object.fromEntries(POST_REFERENCES.map((c) => [c, `COALESCE(${src}.${c}, t.${c})`]));
const accountMerge = mergeColumns(ACCOUNT_COLUMNS, {}, 's');
const postMerge = mergeColumns(POST_COLUMNS, referenceMerge('s'), 's');

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
      ON CONFLICT (platform, external_id) DO UPDATE ${upsertSet(POST_COLUMNS, referenceMerge('EXCLUDED'))}
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
  // Fast path (rows known to be new): which of the batch's accounts and posts exist already, and fresh ids.
  lookupAccounts: `SELECT k.i::int AS i, a.id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY k(platform, external_id, i)
      JOIN social_accounts a ON a.platform = k.platform AND a.external_id = k.external_id`,
  lookupPosts: `SELECT k.i::int AS i, p.id, p.author_account_id AS author FROM unnest($1::text[], $2::text[]) WITH ORDINALITY k(platform, external_id, i)
      JOIN posts p ON p.platform = k.platform AND p.external_id = k.external_id`,
  nextIds: `SELECT array_agg(nextval($1::regclass))::text[] AS ids FROM generate_series(1, $2)`,
  // The same edges as interactionsDerived: those of the batch's posts that reference a post ($1), and those of
  // posts anywhere that reference a post of the batch whose author this batch changed (made known): $2 are the
  // posts that existed before the batch, $3 their authors before it. An edge to a post whose author did not
  // change was made when the later of the two posts was written.
  interactionsDerivedByIds: `WITH older AS (
        SELECT o.id FROM unnest($2::bigint[], $3::bigint[]) o(id, author_before) JOIN posts p ON p.id = o.id
        WHERE p.author_account_id IS DISTINCT FROM o.author_before
      ), pairs AS (
        SELECT p.id AS post_id, x.type, x.ref FROM unnest($1::bigint[]) b(id) JOIN posts p ON p.id = b.id
        CROSS JOIN LATERAL (VALUES ('reply', p.reply_to_post_id), ('quote', p.quote_of_post_id), ('repost', p.repost_of_post_id)) x(type, ref)
        WHERE x.ref IS NOT NULL
        UNION ALL SELECT p.id, 'reply', p.reply_to_post_id FROM older o JOIN posts p ON p.reply_to_post_id = o.id
        UNION ALL SELECT p.id, 'quote', p.quote_of_post_id FROM older o JOIN posts p ON p.quote_of_post_id = o.id
        UNION ALL SELECT p.id, 'repost', p.repost_of_post_id FROM older o JOIN posts p ON p.repost_of_post_id = o.id
      ), w AS (
        INSERT INTO interactions (platform, type, actor_account_id, target_account_id, post_id, occurred_at)
        SELECT DISTINCT p.platform, x.type, p.author_account_id, r.author_account_id, p.id, p.posted_at
        FROM pairs x JOIN posts p ON p.id = x.post_id JOIN posts r ON r.id = x.ref
        WHERE NOT p.is_stub AND p.author_account_id IS NOT NULL AND r.author_account_id IS NOT NULL
        ON CONFLICT ON CONSTRAINT interactions_edge_key DO NOTHING
        RETURNING true AS inserted
      ) ${COUNT_RETURNING}`,
  // Rows that existed before the batch, with every id resolved: merged in place, unchanged ones not rewritten.
  knownAccountsFull: `WITH w AS (UPDATE social_accounts t SET ${accountMerge.set} FROM known_accounts s
      WHERE t.id = s.id AND NOT s.is_stub AND ${accountMerge.changed} RETURNING 1)
      SELECT 0 AS inserted, count(*)::int AS updated FROM w`,
  knownAccountsStub: `WITH w AS (UPDATE social_accounts t SET handle = s.handle, display_name = COALESCE(t.display_name, s.display_name), updated_at = now()
      FROM known_accounts s WHERE t.id = s.id AND s.is_stub AND t.is_stub AND t.handle IS NULL AND s.handle IS NOT NULL RETURNING 1)
      SELECT 0 AS inserted, count(*)::int AS updated FROM w`,
  knownAccountHistory: `WITH w AS (
      INSERT INTO account_metrics_history AS t (account_id, observed_at, followers_count, following_count, listed_count, posts_count)
      SELECT account_id, observed_at, followers_count, following_count, listed_count, posts_count FROM known_account_history
      ON CONFLICT (account_id, observed_at) DO UPDATE SET followers_count = EXCLUDED.followers_count,
        following_count = EXCLUDED.following_count, listed_count = EXCLUDED.listed_count, posts_count = EXCLUDED.posts_count
        WHERE (t.followers_count, t.following_count, t.listed_count, t.posts_count)
          IS DISTINCT FROM (EXCLUDED.followers_count, EXCLUDED.following_count, EXCLUDED.listed_count, EXCLUDED.posts_count)
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  knownPostsFull: `WITH w AS (UPDATE posts t SET ${postMerge.set} FROM known_posts s
      WHERE t.id = s.id AND NOT s.is_stub AND ${postMerge.changed} RETURNING 1)
      SELECT 0 AS inserted, count(*)::int AS updated FROM w`,
  knownPostsStub: `WITH w AS (UPDATE posts t SET author_account_id = s.author_account_id, updated_at = now()
      FROM known_posts s WHERE t.id = s.id AND s.is_stub AND t.is_stub AND t.author_account_id IS NULL AND s.author_account_id IS NOT NULL RETURNING 1)
      SELECT 0 AS inserted, count(*)::int AS updated FROM w`,
  knownPostHistory: `WITH w AS (
      INSERT INTO post_metrics_history AS t (post_id, observed_at, like_count, repost_count, reply_count, quote_count, impression_count)
      SELECT post_id, observed_at, like_count, repost_count, reply_count, quote_count, impression_count FROM known_post_history
      ON CONFLICT (post_id, observed_at) DO UPDATE SET like_count = EXCLUDED.like_count, repost_count = EXCLUDED.repost_count,
        reply_count = EXCLUDED.reply_count, quote_count = EXCLUDED.quote_count, impression_count = EXCLUDED.impression_count
        WHERE (t.like_count, t.repost_count, t.reply_count, t.quote_count, t.impression_count)
          IS DISTINCT FROM (EXCLUDED.like_count, EXCLUDED.repost_count, EXCLUDED.reply_count, EXCLUDED.quote_count, EXCLUDED.impression_count)
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  knownInteractions: `WITH w AS (
      INSERT INTO interactions AS t (platform, type, actor_account_id, target_account_id, post_id, occurred_at, source_ref, weight)
      SELECT platform, type, actor_account_id, target_account_id, post_id, occurred_at, source_ref, weight FROM known_interactions
      ON CONFLICT ON CONSTRAINT interactions_edge_key DO UPDATE SET weight = EXCLUDED.weight, source_ref = COALESCE(EXCLUDED.source_ref, t.source_ref)
        WHERE (t.weight, t.source_ref) IS DISTINCT FROM (EXCLUDED.weight, COALESCE(EXCLUDED.source_ref, t.source_ref))
      RETURNING (xmax = 0) AS inserted) ${COUNT_RETURNING}`,
  touchedExisting: `INSERT INTO import_run_accounts (import_run_id, account_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`,
};

/** COPYs rows (encoded as they are sent) into `table`; starts no COPY when there is nothing to send. */
async function copyInto(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  const it = rows[Symbol.iterator]();
  let next = it.next();
  if (next.done) return 0;
  let n = 0;
  // Chunks of ~1 MB: one huge string would double memory, one write per row is slow.
  async function* chunks() {
    let buf = '';
    for (; !next.done; next = it.next()) {
      buf += copyRow(next.value);
      n++;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return n;
}

/** RENOWN_INGEST_TRACE=1 prints each statement's time to stderr (for tuning; off in normal runs). */
const TRACE = process.env.RENOWN_INGEST_TRACE === '1';
const zero = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
const keyOf = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;
const STAGE_ACCOUNT_COLUMNS = ['platform', 'external_id', 'is_stub', 'handle', 'display_name', 'bio', 'links', 'language', 'location', 'verified', 'account_created_at', 'followers_count', 'following_count', 'listed_count', 'posts_count', 'observed_at'];
const STAGE_POST_COLUMNS = ['platform', 'external_id', 'is_stub', 'author_external_id', 'posted_at', 'text', 'language', 'hashtags', 'mentioned_external_ids', 'urls', 'reply_to_external_id', 'quote_of_external_id', 'repost_of_external_id', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count', 'observed_at', 'annotations'];
const stageAccountRow = (a: AccountObservation) => [a.platform, a.externalId, a.stub, a.handle, a.displayName, a.bio, a.links, a.language, a.location, a.verified, a.createdAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount, a.observedAt];
const stagePostRow = (p: PostObservation) => [p.platform, p.externalId, p.stub, p.authorExternalId, p.postedAt, p.text, p.language, p.hashtags, p.mentionedExternalIds, p.urls, p.replyToExternalId, p.quoteOfExternalId, p.repostOfExternalId, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount, p.observedAt, p.annotations];

/** How a batch is written: `fast` COPYs rows it knows to be new straight into the graph tables; `safe` stages everything. */
export type WriteMode = 'fast' | 'safe';

/**
 * Writes batches of observations into the graph on one connection.
 *
 * Fast path (the default): one lookup finds which of the batch's accounts and posts exist already; the new ones
 * get ids from their tables' sequences and are COPYed straight into the graph tables with every reference
 * resolved in memory (author, mentions, replies/quotes/reposts, even to posts of the same batch), together with
 * their history rows and the edges that involve them, which cannot exist yet. Only rows that may already exist
 * go through session-private staging tables and the set-based INSERT ... ON CONFLICT merges, which do not
 * rewrite unchanged rows (IS DISTINCT FROM), so a re-import costs reads only. A unique violation on the fast
 * path (another writer inserted the same row meanwhile) makes the caller retry the batch in `safe` mode, which
 * stages everything. The caller owns the transaction.
 */
export class GraphWriter {
  private prepared = false;
  /** Account, post and history observations this writer's run has committed (kind + key -> digest of the row). */
  private readonly written = new Map<string, string>();
  private pending: [string, string][] = [];
  private accountSeq = '';
  private postSeq = '';
  /**
   * Whether new rows are COPYed without PostgreSQL's per-row foreign-key triggers (session_replication_role =
   * replica, which needs a superuser or a GRANT SET on it). Their foreign keys still hold: every id such a row
   * references is either a row this transaction inserted, or a row the batch's lookup read and locked FOR KEY
   * SHARE, the very lock a foreign-key check takes, so no one can delete it before the batch commits. Statements
   * that read references from the database (derived edges) run with the triggers on. (Replica mode skips every
   * trigger, not only foreign keys': the graph tables have no other trigger; one added later must be weighed here.)
   * Measured: PostgreSQL's CPU for a 100k-post Twitter v2 import 6.2 s -> 4.3 s.
   */
  private bulkForeignKeys = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly options: { perRowForeignKeyChecks?: boolean } = {},
  ) {}

  async prepare() {
    if (this.prepared) return;
    // JIT compiling these short set-based statements costs more than running them (150 ms per batch measured).
    await this.client.query(`SET jit = off`);
    // Each batch commits with its checkpoint: a commit lost to a server crash (at most a fraction of a second of
    // them) is redone by the re-run that resumes from the checkpoint that did survive, so no fsync wait per batch.
    await this.client.query(`SET synchronous_commit = off`);
    // A batch is a few thousand rows against tables of millions: probe the unique indexes rather than hash
    // whole tables per batch (measured: hash joins made each batch O(table size), quadratic over a file).
    await this.client.query(`SET enable_seqscan = off`);
    await this.client.query(`SET random_page_cost = 1.1`);
    await this.client.query(STAGING_DDL);
    const { rows } = await this.client.query(`SELECT pg_get_serial_sequence('social_accounts', 'id') AS a, pg_get_serial_sequence('posts', 'id') AS p`);
    this.accountSeq = rows[0].a;
    this.postSeq = rows[0].p;
    if (!this.options.perRowForeignKeyChecks) {
      const su = await this.client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
      this.bulkForeignKeys = su.rows[0]?.rolsuper === true;
    }
    this.prepared = true;
  }

  private async timed<T extends pg.QueryResultRow = any>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>> {
    const t0 = TRACE ? performance.now() : 0;
    const r = await this.client.query<T>(sql, params);
    if (TRACE) console.error(`${(performance.now() - t0).toFixed(0)}ms ${r.rowCount} ${sql.slice(0, 70).replace(/\s+/g, ' ')}`);
    return r;
  }

  private async copy(table: string, columns: string[], rows: Iterable<unknown[]>) {
    const t0 = TRACE ? performance.now() : 0;
    const n = await copyInto(this.client, table, columns, rows);
    if (TRACE && n) console.error(`${(performance.now() - t0).toFixed(0)}ms COPY ${n} ${table}`);
    return n;
  }

  private async nextIds(sequence: string, n: number): Promise<string[]> {
    if (n === 0) return [];
    return (await this.timed<{ ids: string[] }>(SQL.nextIds, [sequence, n])).rows[0].ids;
  }

  /** Ids of the given (platform, external id) keys that exist in `sql`'s table. */
  private async lookup(sql: string, keys: string[], authors?: Map<string, string | null>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (keys.length === 0) return found;
    const platforms: string[] = [];
    const ids: string[] = [];
    for (const k of keys) {
      const cut = k.indexOf('\u0000');
      platforms.push(k.slice(0, cut));
      ids.push(k.slice(cut + 1));
    }
    const { rows } = await this.timed<{ i: number; id: string; author?: string | null }>(sql, [platforms, ids]);
    for (const r of rows) {
      found.set(keys[r.i - 1], r.id);
      authors?.set(r.id, r.author ?? null);
    }
    return found;
  }

  /** Must run inside a transaction (the staging rows vanish at commit). */
  async write(batch: GraphBatch, importRunId: string | null, mode: WriteMode = 'fast'): Promise<BatchCounts> {
    await this.prepare();
    this.pending = [];
    const counts: BatchCounts = { accounts: zero(), posts: zero(), interactions: zero(), accountHistory: zero(), postHistory: zero(), deletions: 0 };
    const derived = mode === 'fast' ? await this.writeFast(batch, importRunId, counts) : await this.writeStaged(batch, importRunId, counts);
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

  /** The caller committed the last batch: what it wrote may be skipped when seen again, identical, in this run. */
  markCommitted() {
    if (this.written.size + this.pending.length > 100_000) this.written.clear(); // bounded memory (about 11 MB) on huge runs
    for (const [k, digest] of this.pending) this.written.set(k, digest);
    this.pending = [];
  }

  private async writeFast(batch: GraphBatch, importRunId: string | null, counts: BatchCounts): Promise<number> {
    // Batch-sized sets against tables of millions: index probes (nested loops) are always the right plan, and
    // the planner cannot know it from the statistics of tables that grow during the import.
    await this.client.query(`SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off${this.bulkForeignKeys ? '; SET LOCAL session_replication_role = replica' : ''}`);
    // Every account and post the batch names, with what exists already.
    const accountKeys = new Set(batch.accounts.keys());
    for (const p of batch.posts.values()) {
      if (p.authorExternalId) accountKeys.add(keyOf(p.platform, p.authorExternalId));
      for (const m of p.mentionedExternalIds ?? []) accountKeys.add(keyOf(p.platform, m));
    }
    for (const i of batch.interactions.values()) {
      accountKeys.add(keyOf(i.platform, i.actorExternalId));
      accountKeys.add(keyOf(i.platform, i.targetExternalId));
    }
    const postKeys = new Set(batch.posts.keys());
    for (const p of batch.posts.values()) {
      if (p.replyToExternalId) postKeys.add(keyOf(p.platform, p.replyToExternalId));
      if (p.quoteOfExternalId) postKeys.add(keyOf(p.platform, p.quoteOfExternalId));
      if (p.repostOfExternalId) postKeys.add(keyOf(p.platform, p.repostOfExternalId));
    }
    for (const i of batch.interactions.values()) if (i.postExternalId) postKeys.add(keyOf(i.platform, i.postExternalId));
    const lock = this.bulkForeignKeys ? ' FOR KEY SHARE' : '';
    const accountIds = await this.lookup(SQL.lookupAccounts + lock, [...accountKeys]);
    const authorsBefore = new Map<string, string | null>();
    const postIds = await this.lookup(SQL.lookupPosts + lock, [...postKeys], authorsBefore);
    const existingAccounts = new Set(accountIds.values());
    const existingPosts = new Set(postIds.values());

    const newAccounts: [string, AccountObservation][] = [];
    const oldAccounts: [string, AccountObservation][] = [];
    for (const e of batch.accounts) (accountIds.has(e[0]) ? oldAccounts : newAccounts).push(e);
    const newPosts: [string, PostObservation][] = [];
    const oldPosts: [string, PostObservation][] = [];
    for (const e of batch.posts) (postIds.has(e[0]) ? oldPosts : newPosts).push(e);
    const accountIdList = await this.nextIds(this.accountSeq, newAccounts.length);
    newAccounts.forEach(([k], n) => accountIds.set(k, accountIdList[n]));
    const postIdList = await this.nextIds(this.postSeq, newPosts.length);
    newPosts.forEach(([k], n) => postIds.set(k, postIdList[n]));
    const acc = (platform: string, externalId: string | null | undefined) => (externalId ? accountIds.get(keyOf(platform, externalId)) ?? null : null);
    const post = (platform: string, externalId: string | null | undefined) => (externalId ? postIds.get(keyOf(platform, externalId)) ?? null : null);
    // A post row as the merge would write it: references resolved, mentions that name no known account dropped.
    const postRow = (id: string, p: PostObservation) => (p.stub
      ? [id, true, acc(p.platform, p.authorExternalId), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]
      : [id, false, acc(p.platform, p.authorExternalId), p.postedAt, p.text, p.language, p.hashtags,
        p.mentionedExternalIds ? p.mentionedExternalIds.map((m) => acc(p.platform, m)).filter((m) => m !== null) : null,
        p.urls, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount, p.annotations,
        post(p.platform, p.replyToExternalId), post(p.platform, p.quoteOfExternalId), post(p.platform, p.repostOfExternalId), p.observedAt]);
    const accountRow = (id: string, a: AccountObservation) => (a.stub
      ? [id, true, a.handle, a.displayName, null, null, null, null, null, null, null, null, null, null, null]
      : [id, false, a.handle, a.displayName, a.bio, a.links, a.language, a.location, a.verified, a.createdAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount, a.observedAt]);
    const ACCOUNT_ROW = ['id', 'is_stub', ...ACCOUNT_COLUMNS, 'metrics_observed_at'];
    const POST_ROW = ['id', 'is_stub', ...POST_COLUMNS, ...POST_REFERENCES, 'metrics_observed_at'];
    const add = (e: EntityCounts, r: { inserted: number; updated: number }) => {
      e.inserted += r.inserted;
      e.updated += r.updated;
    };
    const one = async (sql: string) => (await this.timed(sql)).rows[0] as { inserted: number; updated: number };

    // An account observation this run already committed, identical (the author included again in every page of
    // a file): merging it again would change nothing (newest-wins with a tie, or fill-missing from the same
    // values), and its history row and run row exist, so it is not sent again.
    const digest = (row: unknown[]) => rowDigest(copyRow(row));
    const repeated = new Set<string>();
    for (const [k, a] of batch.accounts) {
      const d = digest(accountRow('', a));
      if (accountIds.has(k) && existingAccounts.has(accountIds.get(k)!) && this.written.get(`a${k}`) === d) repeated.add(k);
      else this.pending.push([`a${k}`, d]);
    }
    if (repeated.size) oldAccounts.splice(0, oldAccounts.length, ...oldAccounts.filter(([k]) => !repeated.has(k)));

    // Accounts: new ones COPYed with their ids, known ones merged.
    counts.accounts.inserted += await this.copy('social_accounts', ['platform', 'external_id', ...ACCOUNT_ROW],
      map(newAccounts, ([k, a]) => [a.platform, a.externalId, ...accountRow(accountIds.get(k)!, a)]));
    if (await this.copy('known_accounts', ACCOUNT_ROW, map(oldAccounts, ([k, a]) => accountRow(accountIds.get(k)!, a)))) {
      add(counts.accounts, await one(SQL.knownAccountsFull));
      add(counts.accounts, await one(SQL.knownAccountsStub));
    }
    const newAccountHistory: unknown[][] = [];
    const oldAccountHistory: unknown[][] = [];
    for (const h of batch.accountHistory.values()) {
      const id = acc(h.platform, h.externalId)!;
      const row = [id, h.observedAt, h.followersCount, h.followingCount, h.listedCount, h.postsCount];
      // The history row of a repeated observation was written with it.
      const k = keyOf(h.platform, h.externalId);
      const a = batch.accounts.get(k);
      if (repeated.has(k) && a && a.observedAt === h.observedAt && a.followersCount === h.followersCount && a.followingCount === h.followingCount
        && a.listedCount === h.listedCount && a.postsCount === h.postsCount) continue;
      (existingAccounts.has(id) ? oldAccountHistory : newAccountHistory).push(row);
    }
    const HISTORY_A = ['account_id', 'observed_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'];
    counts.accountHistory.inserted += await this.copy('account_metrics_history', HISTORY_A, newAccountHistory);
    if (await this.copy('known_account_history', HISTORY_A, oldAccountHistory)) add(counts.accountHistory, await one(SQL.knownAccountHistory));

    // The same for a post seen again (a popular post included in many pages), compared as the resolved row; only
    // posts that existed are remembered, so a post is merged once more at its second sighting, then skipped.
    const repeatedPosts = new Set<string>();
    for (const [k, p] of batch.posts) {
      if (!postIds.has(k) || !existingPosts.has(postIds.get(k)!)) continue; // a first sighting is not remembered (most never repeat)
      const d = digest(postRow('', p));
      if (this.written.get(`p${k}`) === d) repeatedPosts.add(k);
      else this.pending.push([`p${k}`, d]);
    }
    if (repeatedPosts.size) oldPosts.splice(0, oldPosts.length, ...oldPosts.filter(([k]) => !repeatedPosts.has(k)));

    // Posts, every reference resolved here (a new post may reply to a post of the same batch).
    counts.posts.inserted += await this.copy('posts', ['platform', 'external_id', ...POST_ROW],
      map(newPosts, ([k, p]) => [p.platform, p.externalId, ...postRow(postIds.get(k)!, p)]));
    if (await this.copy('known_posts', POST_ROW, map(oldPosts, ([k, p]) => postRow(postIds.get(k)!, p)))) {
      add(counts.posts, await one(SQL.knownPostsFull));
      add(counts.posts, await one(SQL.knownPostsStub));
    }
    const newPostHistory: unknown[][] = [];
    const oldPostHistory: unknown[][] = [];
    for (const h of batch.postHistory.values()) {
      const id = post(h.platform, h.externalId)!;
      const row = [id, h.observedAt, h.likeCount, h.repostCount, h.replyCount, h.quoteCount, h.impressionCount];
      if (existingPosts.has(id)) {
        const hk = `${keyOf(h.platform, h.externalId)}\u0000${h.observedAt}`;
        const d = digest(row.slice(1));
        if (this.written.get(`ph${hk}`) === d) continue;
        this.pending.push([`ph${hk}`, d]);
      }
      (existingPosts.has(id) ? oldPostHistory : newPostHistory).push(row);
    }
    const HISTORY_P = ['post_id', 'observed_at', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count'];
    counts.postHistory.inserted += await this.copy('post_metrics_history', HISTORY_P, newPostHistory);
    if (await this.copy('known_post_history', HISTORY_P, oldPostHistory)) add(counts.postHistory, await one(SQL.knownPostHistory));

    // Edges: one that involves a new account or a new post is new; the others may exist already.
    const newInteractions: unknown[][] = [];
    const oldInteractions: unknown[][] = [];
    for (const i of batch.interactions.values()) {
      const actor = acc(i.platform, i.actorExternalId);
      const target = acc(i.platform, i.targetExternalId);
      if (actor === null || target === null) continue; // an edge needs both accounts (the staged merge drops it too)
      const postId = post(i.platform, i.postExternalId);
      const isNew = !existingAccounts.has(actor) || !existingAccounts.has(target) || (postId !== null && !existingPosts.has(postId));
      (isNew ? newInteractions : oldInteractions).push([i.platform, i.type, actor, target, postId, i.occurredAt, i.sourceRef, i.weight ?? 1]);
    }
    // Replies, quotes and reposts between two posts new in this batch are new edges too, made here with the
    // authors just written; a post that references a post which existed before goes to the SQL below, which
    // reads that post's author after the merge.
    const directKeys = new Set(newInteractions.map((e) => `${e[1]}\u0000${e[2]}\u0000${e[3]}\u0000${e[4]}\u0000${e[5] ?? null}`));
    const newPostAuthor = new Map<string, string | null>();
    for (const [k, p] of newPosts) newPostAuthor.set(postIds.get(k)!, acc(p.platform, p.authorExternalId));
    const withRefs: string[] = [];
    let derivedHere = 0;
    for (const [k, p] of newPosts) {
      if (p.stub) continue;
      const id = postIds.get(k)!;
      const actor = newPostAuthor.get(id);
      let needsSql = false;
      for (const [type, refExternalId] of [['reply', p.replyToExternalId], ['quote', p.quoteOfExternalId], ['repost', p.repostOfExternalId]] as const) {
        const ref = post(p.platform, refExternalId);
        if (ref === null) continue;
        if (!newPostAuthor.has(ref)) {
          needsSql = true;
          continue;
        }
        const target = newPostAuthor.get(ref);
        if (!actor || !target) continue;
        const postedAt = p.postedAt ?? null;
        if (directKeys.has(`${type}\u0000${actor}\u0000${target}\u0000${id}\u0000${postedAt}`)) continue;
        newInteractions.push([p.platform, type, actor, target, id, postedAt, null, 1]);
        derivedHere++;
      }
      if (needsSql) withRefs.push(id);
    }
    const EDGE = ['platform', 'type', 'actor_account_id', 'target_account_id', 'post_id', 'occurred_at', 'source_ref', 'weight'];
    counts.interactions.inserted += await this.copy('interactions', EDGE, newInteractions);
    if (await this.copy('known_interactions', EDGE, oldInteractions)) add(counts.interactions, await one(SQL.knownInteractions));
    let derived = derivedHere;
    // The rest takes references the lookups did not lock (authors of posts in the database, the run's row): with
    // the foreign-key triggers on again.
    if (this.bulkForeignKeys) await this.client.query(`SET LOCAL session_replication_role = origin`);
    if (batch.posts.size) {
      // Posts that existed may have had their references resolved or their author set by this batch.
      const before = oldPosts.map(([k]) => postIds.get(k)!);
      for (const id of before) withRefs.push(id);
      const sqlDerived = (await this.timed(SQL.interactionsDerivedByIds, [withRefs, before, before.map((id) => authorsBefore.get(id) ?? null)])).rows[0].inserted;
      counts.interactions.inserted += sqlDerived;
      derived += sqlDerived;
    }
    if (batch.deletions.length) {
      await this.copy('stage_deletions', ['platform', 'what', 'ref', 'deleted_at'], batch.deletions.map((d) => [d.platform, d.what, d.ref, d.deletedAt]));
      counts.deletions += (await this.timed(SQL.deletePosts)).rowCount ?? 0;
      counts.deletions += (await this.timed(SQL.deleteInteractions)).rowCount ?? 0;
    }
    if (importRunId && batch.accounts.size) {
      await this.copy('import_run_accounts', ['import_run_id', 'account_id'], map(newAccounts, ([k]) => [importRunId, accountIds.get(k)]));
      if (oldAccounts.length) await this.timed(SQL.touchedExisting, [importRunId, oldAccounts.map(([k]) => accountIds.get(k)!)]);
    }
    return derived;
  }

  /** Everything through the staging tables and the merges (the fallback when the fast path met a concurrent writer). */
  private async writeStaged(batch: GraphBatch, importRunId: string | null, counts: BatchCounts): Promise<number> {
    await this.copy('stage_accounts', STAGE_ACCOUNT_COLUMNS, map(batch.accounts.values(), stageAccountRow));
    await this.copy('stage_account_history', ['platform', 'external_id', 'observed_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'],
      map(batch.accountHistory.values(), (a) => [a.platform, a.externalId, a.observedAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount]));
    await this.copy('stage_posts', STAGE_POST_COLUMNS, map(batch.posts.values(), stagePostRow));
    await this.copy('stage_post_history', ['platform', 'external_id', 'observed_at', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count'],
      map(batch.postHistory.values(), (p) => [p.platform, p.externalId, p.observedAt, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount]));
    await this.copy('stage_interactions', ['platform', 'type', 'actor_external_id', 'target_external_id', 'post_external_id', 'occurred_at', 'source_ref', 'weight'],
      map(batch.interactions.values(), (i) => [i.platform, i.type, i.actorExternalId, i.targetExternalId, i.postExternalId, i.occurredAt, i.sourceRef, i.weight ?? 1]));
    await this.copy('stage_deletions', ['platform', 'what', 'ref', 'deleted_at'], batch.deletions.map((d) => [d.platform, d.what, d.ref, d.deletedAt]));
    await this.timed(`ANALYZE stage_accounts, stage_account_history, stage_posts, stage_post_history, stage_interactions`);
    const one = async (sql: string) => (await this.timed(sql)).rows[0] as { inserted: number; updated: number };
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
      counts.deletions += (await this.timed(SQL.deletePosts)).rowCount ?? 0;
      counts.deletions += (await this.timed(SQL.deleteInteractions)).rowCount ?? 0;
    }
    if (importRunId && batch.accounts.size) await this.timed(SQL.touchedAccounts, [importRunId]);
    return derived;
  }
}

/**
 * A 64-bit digest of an encoded row (two independent 32-bit multiply-xorshift lanes, cyrb53's mixing): only
 * ever compared with the digest of the same key's previous row in this run, so a false "identical" needs a 2^-64
 * coincidence. sha1 cost ~0.4 s of CPU per 100k posts for the same purpose.
 */
function rowDigest(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(36) + ':' + (h2 >>> 0).toString(36) + ':' + s.length.toString(36);
}

function* map<T, U>(it: Iterable<T>, f: (t: T) => U): Iterable<U> {
  for (const x of it) yield f(x);
}
