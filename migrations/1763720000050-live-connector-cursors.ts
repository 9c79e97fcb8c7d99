import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Where each live connector stopped: the Jetstream `time_us` or the Mastodon status id of the last event whose
 * data is stored. Written after the data, so a restart resumes from it and re-delivers nothing already stored.
 */
export class LiveConnectorCursors1763720000050 implements MigrationInterface {
  name = 'LiveConnectorCursors1763720000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion_live_cursors (
        connector text PRIMARY KEY,
        source_url text NOT NULL,
        cursor text NOT NULL,
        events_processed bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion_live_cursors`);
  }
}
