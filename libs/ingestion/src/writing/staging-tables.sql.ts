/**
 * Session-private staging tables (emptied at every commit): `stage_*` hold a batch as observed (external ids),
 * for the staged merges; `known_*` hold rows that existed before the batch, every id resolved, for the fast
 * path's in-place merges; `stage_deletions` serves both.
 */
export const STAGING_DDL = `
  CREATE TEMP TABLE IF NOT EXISTS stage_accounts (
    platform text, external_id text, is_stub boolean, handle text, display_name text, bio text, links text[],
    language text, location text, verified boolean, account_created_at timestamptz, followers_count bigint,
    following_count bigint, listed_count bigint, posts_count bigint, details jsonb, observed_at timestamptz
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
    posts_count bigint, details jsonb, metrics_observed_at timestamptz
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
