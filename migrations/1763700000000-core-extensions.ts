import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Case-insensitive text for emails and handles; trigram search for names and topics. */
export class CoreExtensions1763700000000 implements MigrationInterface {
  name = 'CoreExtensions1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    await q.query(`DROP EXTENSION IF EXISTS citext`);
  }
}
