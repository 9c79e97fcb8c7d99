import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Outgoing mail, written in the transaction of whatever caused it and delivered by the worker. Suppressed
 * addresses (unsubscribed, bounced, opted out) are never mailed, by any brand.
 */
export class MailOutbox1763710000003 implements MigrationInterface {
  name = 'MailOutbox1763710000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid,
        kind text NOT NULL,
        dedupe_key text UNIQUE,
        from_address text NOT NULL,
        to_address citext NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'kept', 'suppressed', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        provider_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX mail_outbox_pending_idx ON mail_outbox (updated_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX mail_outbox_brand_idx ON mail_outbox (brand_id, created_at)`);
    await q.query(`
      CREATE TABLE mail_suppressions (
        email citext PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'opted_out', 'manual')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_suppressions`);
    await q.query(`DROP TABLE mail_outbox`);
  }
}
