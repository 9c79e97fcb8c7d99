import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Influence relative to a brand (discovery, brand-audience): the brand's own social accounts, the stored
 * "who matters to us" ranking (personalized PageRank seeded on those accounts, computed by the worker),
 * alert settings with an optional signed webhook, the alert events found in new interactions, the email
 * digests that group them, and one webhook delivery per event.
 */
export class BrandAudience1763760000020 implements MigrationInterface {
  name = 'BrandAudience1763760000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE brand_social_accounts (
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        added_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Interactions with an id at or below this existed when the account was registered (or the alert
        -- threshold changed): they are history, never alerts.
        alert_baseline_interaction_id bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (brand_id, account_id)
      )`);
    await q.query(`CREATE INDEX brand_social_accounts_account_idx ON brand_social_accounts (account_id)`);

    await q.query(`
      CREATE TABLE brand_audience_computations (
        brand_id uuid PRIMARY KEY REFERENCES brands (id) ON DELETE CASCADE,
        computed_at timestamptz NOT NULL,
        audience_size integer NOT NULL,
        edge_count integer NOT NULL,
        iterations integer NOT NULL,
        truncated boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE brand_audience_ranks (
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        relative_rank integer NOT NULL,
        relative_score real NOT NULL CHECK (relative_score BETWEEN 1 AND 100),
        audience_share double precision NOT NULL,
        follows boolean NOT NULL,
        followed_since timestamptz,
        mentions integer NOT NULL,
        engaged_posts integer NOT NULL,
        last_interaction_at timestamptz,
        PRIMARY KEY (brand_id, account_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX brand_audience_ranks_rank_idx ON brand_audience_ranks (brand_id, relative_rank)`);

    await q.query(`
      CREATE TABLE brand_alert_settings (
        brand_id uuid PRIMARY KEY REFERENCES brands (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT true,
        min_score real NOT NULL CHECK (min_score BETWEEN 1 AND 100),
        digest_period text NOT NULL DEFAULT 'daily' CHECK (digest_period IN ('hourly', 'daily')),
        webhook_url text,
        -- Needed in clear to sign each delivery; never returned by the API after it was shown once.
        webhook_secret text,
        webhook_secret_hint text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
      )`);

    await q.query(`
      CREATE TABLE brand_alert_digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        event_count integer NOT NULL,
        recipient_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX brand_alert_digests_brand_idx ON brand_alert_digests (brand_id, created_at DESC)`);

    // No foreign key to interactions: an alert stays in the brand's history when the source post is deleted.
    await q.query(`
      CREATE TABLE brand_alert_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        interaction_id bigint NOT NULL,
        type text NOT NULL CHECK (type IN ('mention', 'follow')),
        actor_account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        brand_account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        actor_score real NOT NULL,
        post_id bigint,
        occurred_at timestamptz,
        detected_at timestamptz NOT NULL DEFAULT now(),
        digest_id uuid REFERENCES brand_alert_digests (id) ON DELETE SET NULL,
        UNIQUE (brand_id, interaction_id)
      )`);
    await q.query(`CREATE INDEX brand_alert_events_undigested_idx ON brand_alert_events (brand_id, detected_at) WHERE digest_id IS NULL`);
    await q.query(`CREATE INDEX brand_alert_events_recent_idx ON brand_alert_events (brand_id, detected_at DESC)`);

    await q.query(`
      CREATE TABLE brand_webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        event_id uuid NOT NULL UNIQUE REFERENCES brand_alert_events (id) ON DELETE CASCADE,
        url text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX brand_webhook_deliveries_brand_idx ON brand_webhook_deliveries (brand_id, created_at DESC)`);

    // One row: the highest interaction id the alert scan has read (it re-reads a margin below it).
    await q.query(`
      CREATE TABLE brand_alert_scan_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_interaction_id bigint NOT NULL DEFAULT 0,
        scanned_at timestamptz
      )`);
    await q.query(`INSERT INTO brand_alert_scan_state (singleton) VALUES (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE brand_alert_scan_state`);
    await q.query(`DROP TABLE brand_webhook_deliveries`);
    await q.query(`DROP TABLE brand_alert_events`);
    await q.query(`DROP TABLE brand_alert_digests`);
    await q.query(`DROP TABLE brand_alert_settings`);
    await q.query(`DROP TABLE brand_audience_ranks`);
    await q.query(`DROP TABLE brand_audience_computations`);
    await q.query(`DROP TABLE brand_social_accounts`);
  }
}
