import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An influencer's own deletion request: they give their email, confirm by a mailed link (only its SHA-256
 * stored), and their personal data is removed from every brand's campaigns while the counts stay.
 */
export class InfluencerDeletionRequests1763750000003 implements MigrationInterface {
  name = 'InfluencerDeletionRequests1763750000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE influencer_deletion_requests (
        token_hash bytea PRIMARY KEY,
        email citext NOT NULL,
        expires_at timestamptz NOT NULL,
        done_at timestamptz NULL,
        contacts_erased integer NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE influencer_deletion_requests`);
  }
}
