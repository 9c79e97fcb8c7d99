import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discovery search. `discovery_searches` keeps, per search, the ranking as it was when the first page was
 * read (account ids and their ranking scores, the first few hundred), so later pages keep that order even if
 * scores are recomputed in between; it also keys the metering (one search counted once, however many pages).
 * Rows expire after a day. The index on the influence snapshots serves searches that name no topic (top by
 * overall score on the latest day) without reading the whole table.
 */
export class DiscoverySearches1763760000001 implements MigrationInterface {
  name = 'DiscoverySearches1763760000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE discovery_searches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        query text NOT NULL DEFAULT '',
        locale text NOT NULL DEFAULT 'en',
        filter jsonb NOT NULL,
        interpretation jsonb NOT NULL,
        account_ids bigint[] NOT NULL,
        rank_scores real[] NOT NULL,
        exhausted boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (cardinality(account_ids) = cardinality(rank_scores))
      )`);
    await q.query(`CREATE INDEX discovery_searches_brand_idx ON discovery_searches (brand_id, created_at DESC)`);
    await q.query(`CREATE INDEX discovery_searches_expires_idx ON discovery_searches (expires_at)`);
    await q.query(`CREATE INDEX account_score_snapshots_ranking_idx ON account_score_snapshots (model_version, day, score DESC, account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS account_score_snapshots_ranking_idx`);
    await q.query(`DROP TABLE IF EXISTS discovery_searches`);
  }
}
