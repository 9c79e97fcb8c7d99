import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crawls of the open networks (Bluesky, Mastodon) and handle lookups.
 *
 * A crawl is a vertical's words, a network and a budget. Its frontier holds every account it has heard of,
 * one row per (crawl, account ref), so an account is fetched once per crawl whatever the number of paths to it;
 * workers claim rows with FOR UPDATE SKIP LOCKED and keep `claimed_at` fresh while they fetch, so two workers
 * share a crawl and a killed one's claim goes back to the pool. Seed cursors keep where each search stopped.
 * What the crawl read goes through the importer (import_runs, same tables); pages it could not use are kept in
 * crawl_quarantine with their URL. network_opt_outs remembers who asked not to be crawled.
 */
export class NetworkCrawls1763770000001 implements MigrationInterface {
  name = 'NetworkCrawls1763770000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crawls (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid REFERENCES brands (id) ON DELETE CASCADE,
        network text NOT NULL CHECK (network IN ('bluesky', 'mastodon')),
        origin text NOT NULL,
        terms text[] NOT NULL,
        topic_slugs text[] NOT NULL,
        max_accounts integer CHECK (max_accounts > 0),
        max_hours numeric CHECK (max_hours > 0),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'paused', 'waiting', 'cancelled', 'done', 'failed')),
        status_reason text,
        requests bigint NOT NULL DEFAULT 0,
        rate_limit jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT crawls_budget CHECK (max_accounts IS NOT NULL OR max_hours IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX crawls_brand_created_idx ON crawls (brand_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE crawl_seed_cursors (
        crawl_id bigint NOT NULL REFERENCES crawls (id) ON DELETE CASCADE,
        term text NOT NULL,
        cursor text,
        exhausted boolean NOT NULL DEFAULT false,
        pages integer NOT NULL DEFAULT 0,
        PRIMARY KEY (crawl_id, term)
      )`);

    await q.query(`
      CREATE TABLE crawl_frontier (
        crawl_id bigint NOT NULL REFERENCES crawls (id) ON DELETE CASCADE,
        ref text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        handle text,
        depth integer NOT NULL DEFAULT 0,
        via text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'fetching', 'kept', 'dropped', 'not-found', 'suspended', 'opted-out', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        account_id bigint REFERENCES social_accounts (id) ON DELETE SET NULL,
        relevance real,
        reason text,
        found_at timestamptz NOT NULL DEFAULT now(),
        fetched_at timestamptz,
        PRIMARY KEY (crawl_id, ref)
      )`);
    await q.query(`CREATE INDEX crawl_frontier_next_idx ON crawl_frontier (crawl_id, depth, seq) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX crawl_frontier_fetching_idx ON crawl_frontier (crawl_id, claimed_at) WHERE status = 'fetching'`);
    await q.query(`CREATE INDEX crawl_frontier_status_idx ON crawl_frontier (crawl_id, status)`);

    await q.query(`
      CREATE TABLE crawl_quarantine (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        crawl_id bigint REFERENCES crawls (id) ON DELETE CASCADE,
        url text NOT NULL,
        reason text NOT NULL,
        raw text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX crawl_quarantine_crawl_idx ON crawl_quarantine (crawl_id, id)`);

    await q.query(`
      CREATE TABLE network_opt_outs (
        platform text NOT NULL,
        external_id text NOT NULL,
        handle text,
        reason text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, external_id)
      )`);

    await q.query(`
      CREATE TABLE account_lookups (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL CHECK (platform IN ('bluesky', 'mastodon')),
        query text NOT NULL,
        status text NOT NULL DEFAULT 'fetching' CHECK (status IN ('fetching', 'done', 'not-found', 'suspended', 'opted-out', 'unavailable', 'failed')),
        account_id bigint REFERENCES social_accounts (id) ON DELETE SET NULL,
        message text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // One fetch at a time per handle: a second request while it runs joins the first.
    await q.query(`CREATE UNIQUE INDEX account_lookups_in_flight_idx ON account_lookups (platform, lower(query)) WHERE status = 'fetching'`);
    await q.query(`CREATE INDEX account_lookups_query_idx ON account_lookups (platform, lower(query), requested_at DESC)`);

    await q.query(`ALTER TABLE social_accounts ADD COLUMN last_fetched_at timestamptz`);
    await q.query(`CREATE INDEX social_accounts_refresh_idx ON social_accounts (platform, last_fetched_at NULLS FIRST) WHERE platform IN ('bluesky', 'mastodon')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX social_accounts_refresh_idx`);
    await q.query(`ALTER TABLE social_accounts DROP COLUMN last_fetched_at`);
    await q.query(`DROP TABLE account_lookups`);
    await q.query(`DROP TABLE network_opt_outs`);
    await q.query(`DROP TABLE crawl_quarantine`);
    await q.query(`DROP TABLE crawl_frontier`);
    await q.query(`DROP TABLE crawl_seed_cursors`);
    await q.query(`DROP TABLE crawls`);
  }
}
