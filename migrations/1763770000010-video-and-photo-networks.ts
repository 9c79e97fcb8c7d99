import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * YouTube and Instagram join Bluesky and Mastodon as networks Renown reads.
 *
 * - `social_accounts.details`: what one network says of an account that the shared columns have no place for
 *   (YouTube: total views, country, topic categories, hidden subscriber count; Instagram: website, account type).
 * - Crawls may run on YouTube (Instagram has no search: its accounts come in by look-up and username lists);
 *   look-ups may ask either network.
 * - `network_quota_ledger`: the units each credential has spent on each day of the network's own calendar
 *   (YouTube's day ends at midnight Pacific time), per bucket (YouTube: `units` for the 10,000-unit pool and
 *   `search` for the 100 search.list calls). A reservation is one UPDATE that succeeds only under the quota, so
 *   two workers sharing a key never overspend it.
 * - `network_credentials`: the YouTube API key or Instagram token a brand pasted in the Sources screen. The
 *   secret is never sent back to a browser (only its last four characters).
 */
export class VideoAndPhotoNetworks1763770000010 implements MigrationInterface {
  name = 'VideoAndPhotoNetworks1763770000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE social_accounts ADD COLUMN details jsonb`);
    await q.query(`ALTER TABLE crawls DROP CONSTRAINT crawls_network_check`);
    await q.query(`ALTER TABLE crawls ADD CONSTRAINT crawls_network_check CHECK (network IN ('bluesky', 'mastodon', 'youtube'))`);
    await q.query(`ALTER TABLE account_lookups DROP CONSTRAINT account_lookups_platform_check`);
    await q.query(`ALTER TABLE account_lookups ADD CONSTRAINT account_lookups_platform_check CHECK (platform IN ('bluesky', 'mastodon', 'youtube', 'instagram'))`);
    // Whose credential a look-up spends (a brand's own YouTube key or Instagram token; null: the configured one).
    await q.query(`ALTER TABLE account_lookups ADD COLUMN brand_id uuid REFERENCES brands (id) ON DELETE SET NULL`);
    await q.query(`DROP INDEX social_accounts_refresh_idx`);
    await q.query(`CREATE INDEX social_accounts_refresh_idx ON social_accounts (platform, last_fetched_at NULLS FIRST) WHERE platform IN ('bluesky', 'mastodon', 'youtube', 'instagram')`);
    await q.query(`
      CREATE TABLE network_quota_ledger (
        network text NOT NULL,
        credential text NOT NULL,
        bucket text NOT NULL,
        quota_day date NOT NULL,
        used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
        quota integer NOT NULL CHECK (quota > 0),
        exhausted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (network, credential, bucket, quota_day)
      )`);
    await q.query(`
      CREATE TABLE network_credentials (
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        network text NOT NULL CHECK (network IN ('youtube', 'instagram')),
        secret text NOT NULL,
        account_id text,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (brand_id, network),
        CONSTRAINT network_credentials_instagram_account CHECK (network <> 'instagram' OR account_id IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE network_credentials`);
    await q.query(`DROP TABLE network_quota_ledger`);
    await q.query(`DROP INDEX social_accounts_refresh_idx`);
    await q.query(`CREATE INDEX social_accounts_refresh_idx ON social_accounts (platform, last_fetched_at NULLS FIRST) WHERE platform IN ('bluesky', 'mastodon')`);
    await q.query(`DELETE FROM account_lookups WHERE platform NOT IN ('bluesky', 'mastodon')`);
    await q.query(`ALTER TABLE account_lookups DROP COLUMN brand_id`);
    await q.query(`ALTER TABLE account_lookups DROP CONSTRAINT account_lookups_platform_check`);
    await q.query(`ALTER TABLE account_lookups ADD CONSTRAINT account_lookups_platform_check CHECK (platform IN ('bluesky', 'mastodon'))`);
    await q.query(`DELETE FROM crawls WHERE network NOT IN ('bluesky', 'mastodon')`);
    await q.query(`ALTER TABLE crawls DROP CONSTRAINT crawls_network_check`);
    await q.query(`ALTER TABLE crawls ADD CONSTRAINT crawls_network_check CHECK (network IN ('bluesky', 'mastodon'))`);
    await q.query(`ALTER TABLE social_accounts DROP COLUMN details`);
  }
}
