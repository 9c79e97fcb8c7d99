import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { JobHandler, logger } from '@renown/core';
import type Stripe from 'stripe';
import { DataSource, type EntityManager } from 'typeorm';
import { BillingClock } from '../billing-clock.js';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import { applySubscriptionState, mapStripeSubscription, sameBillingState } from '../domain/map-stripe-subscription.js';
import { BillingAccountRepository } from '../persistence/billing-account.repository.js';
import { StripeGateway } from '../stripe/stripe-gateway.js';

/**
 * Brings a brand's row to Stripe's current state of its subscription. Used by the webhooks (inside the event's
 * transaction, with the row locked) and by a daily reconciliation that catches anything a lost webhook missed.
 */
@Injectable()
export class SubscriptionSyncService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly db: DataSource,
    private readonly accounts: BillingAccountRepository,
    private readonly stripe: StripeGateway,
    private readonly clock: BillingClock,
  ) {}

  /** Locks the row, re-reads the subscription (the caller's copy may be stale) and applies it. */
  async syncLocked(brandId: BrandId, subscriptionId: string, em: EntityManager, eventAt: Date | null = null): Promise<'applied' | 'unchanged'> {
    const account = await this.accounts.find(brandId, em, true);
    if (!account) return 'unchanged';
    const subscription = await this.stripe.retrieveSubscription(subscriptionId);
    return this.apply(account, subscription, em, eventAt);
  }

  private async apply(account: NonNullable<Awaited<ReturnType<BillingAccountRepository['find']>>>, subscription: Stripe.Subscription, em: EntityManager, eventAt: Date | null) {
    const next = applySubscriptionState(account, mapStripeSubscription(subscription, this.catalogue), this.clock.now());
    const lastStripeEventAt = eventAt && (!account.lastStripeEventAt || eventAt > account.lastStripeEventAt) ? eventAt : account.lastStripeEventAt;
    await this.accounts.save({ ...(next ?? account), lastStripeEventAt }, em);
    return next && !sameBillingState(account, next) ? ('applied' as const) : ('unchanged' as const);
  }

  /**
   * Re-reads every paying brand from Stripe, and finds the subscription of a brand whose checkout webhook never
   * arrived. Idempotent; runs daily in the worker.
   */
  @JobHandler('billing.reconcile', { cron: '17 3 * * *' })
  async reconcileAll(): Promise<{ checked: number; applied: number }> {
    if (!this.catalogue.billingEnabled) return { checked: 0, applied: 0 };
    let checked = 0;
    let applied = 0;
    for (const brandId of await this.accounts.brandsWithCustomer()) {
      try {
        if ((await this.reconcile(brandId)) === 'applied') applied++;
        checked++;
      } catch (err) {
        logger.warn({ err, brandId }, 'billing reconciliation failed for a brand; the next run retries');
      }
    }
    logger.info({ checked, applied }, 'billing reconciled with Stripe');
    return { checked, applied };
  }

  async reconcile(brandId: BrandId): Promise<'applied' | 'unchanged'> {
    return this.db.transaction(async (em) => {
      const account = await this.accounts.find(brandId, em, true);
      if (!account?.stripeCustomerId) return 'unchanged';
      if (account.stripeSubscriptionId) return this.apply(account, await this.stripe.retrieveSubscription(account.stripeSubscriptionId), em, null);
      const latest = (await this.stripe.listSubscriptions(account.stripeCustomerId)).find((s) => ['active', 'trialing', 'past_due', 'unpaid'].includes(s.status));
      return latest ? this.apply(account, latest, em, null) : 'unchanged';
    });
  }
}
