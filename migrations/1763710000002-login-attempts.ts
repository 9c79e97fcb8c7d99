import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Login attempts, counted per email and per IP over a sliding window. Kept in PostgreSQL so the limit holds
 * across every API process.
 */
export class LoginAttempts1763710000002 implements MigrationInterface {
  name = 'LoginAttempts1763710000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email citext NOT NULL,
        ip text NOT NULL,
        succeeded boolean NOT NULL DEFAULT false,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at) WHERE NOT succeeded`);
    await q.query(`CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at) WHERE NOT succeeded`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
  }
}
