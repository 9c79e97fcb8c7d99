import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys get a kind. `developer` (every key so far) may use all of the developer REST API and GraphQL as its
 * brand; `extension` (the Renown browser extension) is read-only and scoped to looking handles up and adding
 * accounts to shortlists over /v1, and any team member may create one for themselves. The index serves a
 * member's "my extension keys" list.
 */
export class ApiKeyKinds1763710000005 implements MigrationInterface {
  name = 'ApiKeyKinds1763710000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN kind text NOT NULL DEFAULT 'developer'`);
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_kind_check CHECK (kind IN ('developer', 'extension'))`);
    await q.query(`CREATE INDEX api_keys_brand_creator_idx ON api_keys (brand_id, created_by) WHERE kind = 'extension'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX api_keys_brand_creator_idx`);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_kind_check`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN kind`);
  }
}
