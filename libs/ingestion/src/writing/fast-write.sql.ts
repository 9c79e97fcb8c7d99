import { COUNT_RETURNING, accountMerge, postMerge } from './newest-wins-merge.sql.js';

/**
 * The fast path (`mode 'fast'`, the default): lookups and fresh ids for the rows it COPYs straight into the
 * graph tables, and the in-place merges of rows that existed before the batch (staged in `known_*`).
 */
export const FAST_SQL = {
  // Rows known to be new: which of the batch's accounts and posts exist already, and fresh ids.
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
