import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The social graph every platform is normalized into (contract: the graph-schema brief the project was started
 * from), plus the bookkeeping of imports. Platform ids are TEXT (tweet ids exceed 2^53); internal ids are BIGINT
 * identities.
 *
 * Stubs: an account or post referenced before it is seen is inserted with `is_stub = true` and completed in
 * place when it arrives, so foreign keys never wait for input order.
 */
export class SocialGraph1763720000001 implements MigrationInterface {
  name = 'SocialGraph1763720000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE persons (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE social_accounts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        external_id text NOT NULL,
        handle text,
        display_name text,
        bio text,
        links text[],
        language text,
        location text,
        verified boolean,
        account_created_at timestamptz,
        followers_count bigint,
        following_count bigint,
        listed_count bigint,
        posts_count bigint,
        metrics_observed_at timestamptz,
        person_id bigint REFERENCES persons (id) ON DELETE SET NULL,
        is_stub boolean NOT NULL DEFAULT false,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT social_accounts_platform_external_id_key UNIQUE (platform, external_id)
      )`);
    await q.query(`CREATE INDEX social_accounts_person_id_idx ON social_accounts (person_id) WHERE person_id IS NOT NULL`);
    await q.query(`CREATE INDEX social_accounts_platform_handle_idx ON social_accounts (platform, lower(handle))`);

    await q.query(`
      CREATE TABLE account_metrics_history (
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        observed_at timestamptz NOT NULL,
        followers_count bigint,
        following_count bigint,
        listed_count bigint,
        posts_count bigint,
        PRIMARY KEY (account_id, observed_at)
      )`);

    await q.query(`
      CREATE TABLE posts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        external_id text NOT NULL,
        author_account_id bigint REFERENCES social_accounts (id) ON DELETE SET NULL,
        posted_at timestamptz,
        text text,
        language text,
        hashtags text[],
        mentioned_account_ids bigint[],
        urls text[],
        reply_to_post_id bigint REFERENCES posts (id) ON DELETE SET NULL,
        quote_of_post_id bigint REFERENCES posts (id) ON DELETE SET NULL,
        repost_of_post_id bigint REFERENCES posts (id) ON DELETE SET NULL,
        like_count bigint,
        repost_count bigint,
        reply_count bigint,
        quote_count bigint,
        impression_count bigint,
        metrics_observed_at timestamptz,
        annotations jsonb,
        is_stub boolean NOT NULL DEFAULT false,
        deleted_at timestamptz,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT posts_platform_external_id_key UNIQUE (platform, external_id)
      )`);
    await q.query(`CREATE INDEX posts_author_posted_at_idx ON posts (author_account_id, posted_at)`);
    await q.query(`CREATE INDEX posts_reply_to_post_id_idx ON posts (reply_to_post_id) WHERE reply_to_post_id IS NOT NULL`);
    await q.query(`CREATE INDEX posts_quote_of_post_id_idx ON posts (quote_of_post_id) WHERE quote_of_post_id IS NOT NULL`);
    await q.query(`CREATE INDEX posts_repost_of_post_id_idx ON posts (repost_of_post_id) WHERE repost_of_post_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE post_metrics_history (
        post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        observed_at timestamptz NOT NULL,
        like_count bigint,
        repost_count bigint,
        reply_count bigint,
        quote_count bigint,
        impression_count bigint,
        PRIMARY KEY (post_id, observed_at)
      )`);

    // One row per (who, whom, how, which post, when): a re-import finds the same key and adds nothing.
    // NULLS NOT DISTINCT so edges without a post (follows, edge lists) dedupe too.
    await q.query(`
      CREATE TABLE interactions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        actor_account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        target_account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('reply', 'repost', 'quote', 'mention', 'like', 'follow')),
        post_id bigint REFERENCES posts (id) ON DELETE CASCADE,
        occurred_at timestamptz,
        source_ref text,
        deleted_at timestamptz,
        CONSTRAINT interactions_edge_key UNIQUE NULLS NOT DISTINCT (platform, type, actor_account_id, target_account_id, post_id, occurred_at)
      )`);
    await q.query(`CREATE INDEX interactions_target_occurred_at_idx ON interactions (target_account_id, occurred_at)`);
    await q.query(`CREATE INDEX interactions_actor_occurred_at_idx ON interactions (actor_account_id, occurred_at)`);
    await q.query(`CREATE INDEX interactions_source_ref_idx ON interactions (platform, source_ref) WHERE source_ref IS NOT NULL`);

    await q.query(`
      CREATE TABLE import_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source text NOT NULL,
        format text NOT NULL,
        file text,
        file_fingerprint text,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        read_count bigint NOT NULL DEFAULT 0,
        inserted_count bigint NOT NULL DEFAULT 0,
        updated_count bigint NOT NULL DEFAULT 0,
        unchanged_count bigint NOT NULL DEFAULT 0,
        quarantined_count bigint NOT NULL DEFAULT 0,
        counts_by_entity jsonb NOT NULL DEFAULT '{}'::jsonb,
        checkpoint jsonb,
        error text
      )`);
    await q.query(`CREATE INDEX import_runs_started_at_idx ON import_runs (started_at DESC)`);
    await q.query(`CREATE INDEX import_runs_fingerprint_idx ON import_runs (file_fingerprint, status)`);

    await q.query(`
      CREATE TABLE import_quarantine (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        import_run_id bigint NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
        file text,
        line_or_offset bigint,
        reason text NOT NULL,
        raw text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX import_quarantine_run_idx ON import_quarantine (import_run_id, id)`);

    // Which accounts a run wrote, so scoring (job `scoring.accounts-touched` carries the run id) can reload them.
    await q.query(`
      CREATE TABLE import_run_accounts (
        import_run_id bigint NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        PRIMARY KEY (import_run_id, account_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS import_run_accounts`);
    await q.query(`DROP TABLE IF EXISTS import_quarantine`);
    await q.query(`DROP TABLE IF EXISTS import_runs`);
    await q.query(`DROP TABLE IF EXISTS interactions`);
    await q.query(`DROP TABLE IF EXISTS post_metrics_history`);
    await q.query(`DROP TABLE IF EXISTS posts`);
    await q.query(`DROP TABLE IF EXISTS account_metrics_history`);
    await q.query(`DROP TABLE IF EXISTS social_accounts`);
    await q.query(`DROP TABLE IF EXISTS persons`);
  }
}
