import { COUNT_RETURNING, POST_COLUMNS, POST_REFERENCES, ACCOUNT_COLUMNS, referenceMerge, upsertSet } from './newest-wins-merge.sql.js';

/**
 * The staged path (`mode 'safe'`, the fallback when the fast path met a concurrent writer): the whole batch
 * sits in the `stage_*` tables by external id and is merged with set-based INSERT ... ON CONFLICT, which does
 * not rewrite unchanged rows (IS DISTINCT FROM).
 */
export const STAGED_SQL = {
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
  touchedAccounts: `INSERT INTO import_run_accounts (import_run_id, account_id)
      SELECT $1, a.id FROM stage_accounts s JOIN social_accounts a ON a.platform = s.platform AND a.external_id = s.external_id
      ON CONFLICT DO NOTHING`,
};

/** Deletions staged in `stage_deletions`, applied by both paths. */
export const DELETION_SQL = {
  deletePosts: `UPDATE posts p SET deleted_at = d.deleted_at, updated_at = now() FROM stage_deletions d
      WHERE d.what = 'post' AND p.platform = d.platform AND p.external_id = d.ref AND p.deleted_at IS DISTINCT FROM d.deleted_at`,
  deleteInteractions: `UPDATE interactions i SET deleted_at = d.deleted_at FROM stage_deletions d
      WHERE d.what = 'interaction' AND i.platform = d.platform AND i.source_ref = d.ref AND i.deleted_at IS DISTINCT FROM d.deleted_at`,
};
