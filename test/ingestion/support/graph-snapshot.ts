import type pg from 'pg';

/**
 * Every graph table's full content in a stable order, with internal ids replaced by platform ids and the
 * import bookkeeping timestamps left out, so two databases (or one before and after a re-import) compare equal
 * exactly when they hold the same graph.
 */
export async function graphSnapshot(pool: pg.Pool, options: { writeTimes?: boolean } = { writeTimes: true }) {
  const q = async (sql: string) => {
    const rows = (await pool.query(sql)).rows;
    if (!options.writeTimes) for (const r of rows) delete r.updated_at;
    return rows;
  };
  return {
    accounts: await q(`SELECT platform, external_id, is_stub, handle, display_name, bio, links, language, location, verified,
        account_created_at, followers_count, following_count, listed_count, posts_count, metrics_observed_at, person_id IS NOT NULL AS has_person, updated_at
      FROM social_accounts ORDER BY platform, external_id`),
    accountHistory: await q(`SELECT a.platform, a.external_id, h.observed_at, h.followers_count, h.following_count, h.listed_count, h.posts_count
      FROM account_metrics_history h JOIN social_accounts a ON a.id = h.account_id ORDER BY 1, 2, 3`),
    posts: await q(`SELECT p.platform, p.external_id, p.is_stub, a.external_id AS author, p.posted_at, p.text, p.language, p.hashtags,
        ARRAY(SELECT m.external_id FROM unnest(p.mentioned_account_ids) WITH ORDINALITY u(x, o) JOIN social_accounts m ON m.id = u.x ORDER BY u.o) AS mentions,
        p.urls, r.external_id AS reply_to, q.external_id AS quote_of, rp.external_id AS repost_of, p.like_count, p.repost_count, p.reply_count,
        p.quote_count, p.impression_count, p.metrics_observed_at, p.annotations, p.deleted_at, p.updated_at
      FROM posts p LEFT JOIN social_accounts a ON a.id = p.author_account_id LEFT JOIN posts r ON r.id = p.reply_to_post_id
      LEFT JOIN posts q ON q.id = p.quote_of_post_id LEFT JOIN posts rp ON rp.id = p.repost_of_post_id ORDER BY p.platform, p.external_id`),
    postHistory: await q(`SELECT p.platform, p.external_id, h.observed_at, h.like_count, h.repost_count, h.reply_count, h.quote_count, h.impression_count
      FROM post_metrics_history h JOIN posts p ON p.id = h.post_id ORDER BY 1, 2, 3`),
    interactions: await q(`SELECT i.platform, i.type, a.external_id AS actor, b.external_id AS target, p.external_id AS post, i.occurred_at, i.source_ref, i.weight, i.deleted_at
      FROM interactions i JOIN social_accounts a ON a.id = i.actor_account_id JOIN social_accounts b ON b.id = i.target_account_id
      LEFT JOIN posts p ON p.id = i.post_id ORDER BY 1, 2, 3, 4, 5 NULLS FIRST, 6 NULLS FIRST`),
    quarantine: await q(`SELECT file, line_or_offset, reason, raw FROM import_quarantine ORDER BY file, line_or_offset, reason, raw`),
  };
}

export async function countRows(pool: pg.Pool) {
  const { rows } = await pool.query(`SELECT
      (SELECT count(*) FROM social_accounts)::int AS accounts,
      (SELECT count(*) FROM social_accounts WHERE is_stub)::int AS stub_accounts,
      (SELECT count(*) FROM posts)::int AS posts,
      (SELECT count(*) FROM posts WHERE is_stub)::int AS stub_posts,
      (SELECT count(*) FROM account_metrics_history)::int AS account_history,
      (SELECT count(*) FROM post_metrics_history)::int AS post_history,
      (SELECT count(*) FROM import_quarantine)::int AS quarantined`);
  const byType = await pool.query(`SELECT type, count(*)::int AS n FROM interactions GROUP BY type ORDER BY type`);
  return { ...rows[0], interactions: Object.fromEntries(byType.rows.map((r) => [r.type, r.n])) };
}
