import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audience quality per account (discovery): one current row per account, rewritten by the
 * `discovery.audience-quality` job after each influence scoring run. `score` is 1-100 (higher = a more
 * genuine audience); the shares are fractions 0..1 of the sampled followers/engagers; `breakdown` holds the
 * per-part values, their size-band benchmarks and penalties so a profile can explain the score.
 * Search filters on `score`, hence the index.
 */
export class AccountAudienceQuality1763760000010 implements MigrationInterface {
  name = 'AccountAudienceQuality1763760000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_audience_quality (
        account_id bigint PRIMARY KEY REFERENCES social_accounts (id) ON DELETE CASCADE,
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 100),
        suspicious_follower_share real,
        mass_follower_share real,
        suspicious_engager_share real,
        engagement_authenticity real,
        growth_anomalies integer NOT NULL DEFAULT 0,
        breakdown jsonb NOT NULL,
        sample_size integer NOT NULL,
        model_version text NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX account_audience_quality_score_idx ON account_audience_quality (score DESC, account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS account_audience_quality`);
  }
}
