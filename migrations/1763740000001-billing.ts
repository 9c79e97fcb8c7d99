import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Billing: one account row per brand (plan, Stripe ids, status), the Stripe events already applied (the
 * event id is written in the same transaction as its effect, so a replay is a no-op), monthly usage counters
 * with the idempotency keys already counted, and the outbox of metered usage reported to Stripe.
 */
export class Billing1763740000001 implements MigrationInterface {
  name = 'Billing1763740000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_accounts (
        brand_id uuid PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
        plan text NOT NULL CHECK (plan IN ('trial', 'growth', 'scale', 'free')),
        status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'unpaid', 'canceled')),
        trial_ends_at timestamptz,
        stripe_customer_id text UNIQUE,
        stripe_subscription_id text,
        current_period_start timestamptz,
        current_period_end timestamptz,
        cancel_at_period_end boolean NOT NULL DEFAULT false,
        past_due_since timestamptz,
        last_stripe_event_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX billing_accounts_subscription_idx ON billing_accounts (stripe_subscription_id)`);
    await q.query(`
      CREATE TABLE billing_stripe_events (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        brand_id uuid REFERENCES brands(id) ON DELETE SET NULL,
        stripe_created_at timestamptz NOT NULL,
        outcome text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE billing_usage_counters (
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        metric text NOT NULL CHECK (metric IN ('searches', 'apiCalls', 'invitations')),
        period_start date NOT NULL,
        used bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
        PRIMARY KEY (brand_id, metric, period_start)
      )`);
    await q.query(`
      CREATE TABLE billing_usage_records (
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        metric text NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        period_start date NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        overage integer NOT NULL DEFAULT 0 CHECK (overage >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (brand_id, metric, idempotency_key)
      )`);
    await q.query(`
      CREATE TABLE billing_meter_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        metric text NOT NULL,
        source_key text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (brand_id, metric, source_key)
      )`);
    await q.query(`CREATE INDEX billing_meter_reports_pending_idx ON billing_meter_reports (occurred_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing_meter_reports`);
    await q.query(`DROP TABLE billing_usage_records`);
    await q.query(`DROP TABLE billing_usage_counters`);
    await q.query(`DROP TABLE billing_stripe_events`);
    await q.query(`DROP TABLE billing_accounts`);
  }
}
