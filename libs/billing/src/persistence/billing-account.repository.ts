import { Injectable } from '@nestjs/common';
import { asBrandId, type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { Narrow, NonNull, RowOf, TableRow } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { PlanId } from '../config/plans.js';
import type { BillingAccount, StoredStatus } from '../domain/billing-account.js';

/** `SELECT *` of billing_accounts; plan and status hold what their CHECK constraints allow. */
type Row = Narrow<TableRow<'billing_accounts'>, { plan: PlanId; status: StoredStatus }>;

const toAccount = (r: Row): BillingAccount => ({
  brandId: asBrandId(r.brand_id),
  plan: r.plan,
  status: r.status,
  trialEndsAt: r.trial_ends_at,
  stripeCustomerId: r.stripe_customer_id,
  stripeSubscriptionId: r.stripe_subscription_id,
  currentPeriodStart: r.current_period_start,
  currentPeriodEnd: r.current_period_end,
  cancelAtPeriodEnd: r.cancel_at_period_end,
  pastDueSince: r.past_due_since,
  lastStripeEventAt: r.last_stripe_event_at,
});

/** billing_accounts, one row per brand; every read and write is scoped by the brand (BrandScopedRepository). */
@Injectable()
export class BillingAccountRepository extends BrandScopedRepository {
  constructor(db: DataSource) {
    super(db);
  }

  /**
   * The brand's row, created on first use with a trial that started when the brand was created (so a brand
   * that signs up and comes back later has not lost trial days to lazy creation). Null when the brand does
   * not exist.
   */
  async getOrCreate(brandId: BrandId, trialDays: number, em?: EntityManager): Promise<BillingAccount | null> {
    const existing = await this.find(brandId, em);
    if (existing) return existing;
    await this.query(
      brandId,
      `INSERT INTO billing_accounts (brand_id, plan, status, trial_ends_at)
       SELECT id, 'trial', 'trialing', created_at + make_interval(days => $2) FROM brands WHERE id = $1
       ON CONFLICT (brand_id) DO NOTHING`,
      [trialDays],
      em,
    );
    return this.find(brandId, em);
  }

  async find(brandId: BrandId, em?: EntityManager, lock = false): Promise<BillingAccount | null> {
    const row = await this.queryOne<Row>(brandId, `SELECT * FROM billing_accounts WHERE brand_id = $1${lock ? ' FOR UPDATE' : ''}`, [], em);
    return row ? toAccount(row) : null;
  }

  async brandName(brandId: BrandId): Promise<string | null> {
    const row = await this.queryOne<RowOf<'brands', 'name'>>(brandId, `SELECT b.name FROM billing_accounts a JOIN brands b ON b.id = a.brand_id WHERE a.brand_id = $1`);
    return row?.name ?? null;
  }

  /** A Stripe webhook names the customer, not the brand. */
  async findBrandIdByCustomer(customerId: string, em?: EntityManager): Promise<BrandId | null> {
    const rows = await this.unscopedQuery<RowOf<'billing_accounts', 'brand_id'>>('Stripe webhooks name the customer; this finds its brand', `SELECT brand_id FROM billing_accounts WHERE stripe_customer_id = $1`, [customerId], em);
    return rows[0] ? asBrandId(rows[0].brand_id) : null;
  }

  /** Brands that have a Stripe customer, for the daily reconciliation (across brands by design). */
  async brandsWithCustomer(): Promise<BrandId[]> {
    const rows = await this.unscopedQuery<RowOf<'billing_accounts', 'brand_id'>>('the reconciliation job visits every paying brand', `SELECT brand_id FROM billing_accounts WHERE stripe_customer_id IS NOT NULL ORDER BY brand_id`);
    return rows.map((r) => asBrandId(r.brand_id));
  }

  /** Sets the Stripe customer once; a second customer for the same brand is never stored over the first. */
  async setCustomerIfNone(brandId: BrandId, customerId: string, em?: EntityManager): Promise<string> {
    const row = await this.queryOne<NonNull<RowOf<'billing_accounts', 'stripe_customer_id'>, 'stripe_customer_id'>>(
      brandId,
      `UPDATE billing_accounts SET stripe_customer_id = COALESCE(stripe_customer_id, $2), updated_at = now()
       WHERE brand_id = $1 RETURNING stripe_customer_id`,
      [customerId],
      em,
    );
    return row!.stripe_customer_id;
  }

  async save(a: BillingAccount, em?: EntityManager): Promise<void> {
    await this.query(
      a.brandId,
      `UPDATE billing_accounts SET plan = $2, status = $3, trial_ends_at = $4, stripe_customer_id = $5,
         stripe_subscription_id = $6, current_period_start = $7, current_period_end = $8,
         cancel_at_period_end = $9, past_due_since = $10, last_stripe_event_at = $11, updated_at = now()
       WHERE brand_id = $1`,
      [a.plan, a.status, a.trialEndsAt, a.stripeCustomerId, a.stripeSubscriptionId, a.currentPeriodStart, a.currentPeriodEnd, a.cancelAtPeriodEnd, a.pastDueSince, a.lastStripeEventAt],
      em,
    );
  }
}
