import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Aggregated edge lists (SNAP `userA userB weight`, TIMME `count`) say how many times an edge occurred
 * without dating each one; the weight keeps that count instead of dropping it.
 */
export class InteractionWeight1763720000002 implements MigrationInterface {
  name = 'InteractionWeight1763720000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE interactions ADD COLUMN weight integer NOT NULL DEFAULT 1 CHECK (weight > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE interactions DROP COLUMN weight`);
  }
}
