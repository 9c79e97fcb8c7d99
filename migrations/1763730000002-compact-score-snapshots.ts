import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshot signals and explanations as fixed-order real[] / bigint[] columns instead of jsonb: a daily run
 * writes a million rows, and typed arrays are about a third of the bytes and much cheaper to parse. The
 * order of the values is the model version's (SNAPSHOT_SIGNAL_FIELDS / contribution names in code).
 * Existing rows (if any) are dropped with the columns' old content: only development data existed.
 */
export class CompactScoreSnapshots1763730000002 implements MigrationInterface {
  name = 'CompactScoreSnapshots1763730000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM account_score_snapshots WHERE NOT is_final`);
    await q.query(`
      ALTER TABLE account_score_snapshots
        DROP COLUMN signals,
        DROP COLUMN explanation,
        ADD COLUMN signals double precision[] NOT NULL DEFAULT '{}',
        ADD COLUMN contributions real[] NOT NULL DEFAULT '{}',
        ADD COLUMN top_engager_ids bigint[] NOT NULL DEFAULT '{}',
        ADD COLUMN top_engager_weights real[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM account_score_snapshots WHERE NOT is_final`);
    await q.query(`
      ALTER TABLE account_score_snapshots
        DROP COLUMN signals,
        DROP COLUMN contributions,
        DROP COLUMN top_engager_ids,
        DROP COLUMN top_engager_weights,
        ADD COLUMN signals jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN explanation jsonb NOT NULL DEFAULT '{}'`);
  }
}
