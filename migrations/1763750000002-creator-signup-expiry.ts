import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Creator sign-up links expire: the emailed token verifies the address and then serves, for 7 days, as the
 * creator's key to add handles (no password, no account). Only its SHA-256 is stored (email_token_hash).
 */
export class CreatorSignupExpiry1763750000002 implements MigrationInterface {
  name = 'CreatorSignupExpiry1763750000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE creator_signups ADD COLUMN email_token_expires_at timestamptz NULL`);
    await q.query(`CREATE UNIQUE INDEX creator_signups_token_uq ON creator_signups (email_token_hash) WHERE email_token_hash IS NOT NULL`);
    await q.query(`CREATE INDEX creator_handle_claims_pending_idx ON creator_handle_claims (platform, lower(handle)) WHERE proven_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS creator_handle_claims_pending_idx`);
    await q.query(`DROP INDEX IF EXISTS creator_signups_token_uq`);
    await q.query(`ALTER TABLE creator_signups DROP COLUMN email_token_expires_at`);
  }
}
