import { Inject, Injectable } from '@nestjs/common';
import { asBrandId, type BrandId } from '@renown/accounts';
import { ErrorCode, logger } from '@renown/core';
import type Stripe from 'stripe';
import { DataSource, type EntityManager } from 'typeorm';
import { BillingError } from '../billing.error.js';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import { BillingAccountRepository } from '../persistence/billing-account.repository.js';
import { StripeEventRepository } from '../persistence/stripe-event.repository.js';
import { StripeGateway } from '../stripe/stripe-gateway.js';
import { SubscriptionSyncService } from './subscription-sync.service.js';

export const HANDLED_STRIPE_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

export interface WebhookOutcome {
  eventId: string;
  type: string;
  outcome: 'applied' | 'unchanged' | 'duplicate' | 'ignored' | 'unmatched';
}

interface Target {
  subscriptionId: string | null;
  customerId: string | null;
  brandHint: string | null;
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

/** Which subscription, customer and brand an event is about; null when it is not about a subscription. */
function targetOf(event: Stripe.Event): Target | null {
  const obj = event.data.object as any;
  switch (event.type) {
    case 'checkout.session.completed':
      if (obj.mode !== 'subscription') return null;
      return { subscriptionId: idOf(obj.subscription), customerId: idOf(obj.customer), brandHint: obj.client_reference_id ?? obj.metadata?.brand_id ?? null };
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return { subscriptionId: obj.id, customerId: idOf(obj.customer), brandHint: obj.metadata?.brand_id ?? null };
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      // API 2025-03-31 moved it to parent.subscription_details; older payloads had invoice.subscription.
      const sub = obj.parent?.subscription_details?.subscription ?? obj.subscription;
      return { subscriptionId: idOf(sub), customerId: idOf(obj.customer), brandHint: obj.parent?.subscription_details?.metadata?.brand_id ?? null };
    }
    default:
      return null;
  }
}

/**
 * Applies Stripe webhook events. The signature is checked on the raw body; each event id is written in the
 * same transaction as its effect (a replay or a duplicate delivery changes nothing); the brand's row is
 * locked and the subscription is re-read from Stripe inside that transaction, so whatever order events
 * arrive in, the state written is Stripe's latest and an old event cannot roll it back.
 */
@Injectable()
export class StripeWebhookService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly db: DataSource,
    private readonly accounts: BillingAccountRepository,
    private readonly events: StripeEventRepository,
    private readonly stripe: StripeGateway,
    private readonly sync: SubscriptionSyncService,
  ) {}

  async handle(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookOutcome> {
    if (!this.catalogue.billingEnabled) {
      throw new BillingError(ErrorCode.NOT_FOUND, 'Billing is off on this installation (no Stripe keys): there is no Stripe webhook endpoint.');
    }
    if (!rawBody || !signature) throw new BillingError(ErrorCode.BAD_USER_INPUT, 'A Stripe webhook needs the raw body and the Stripe-Signature header.');
    let event: Stripe.Event;
    try {
      event = this.stripe.constructEvent(rawBody, signature);
    } catch (err) {
      logger.warn({ reason: err.message }, 'Stripe webhook refused: bad signature');
      throw new BillingError(ErrorCode.BAD_USER_INPUT, 'Invalid Stripe signature: check STRIPE_WEBHOOK_SECRET against the endpoint\'s signing secret in the Stripe dashboard.');
    }
    const base = { eventId: event.id, type: event.type };
    const target = (HANDLED_STRIPE_EVENTS as readonly string[]).includes(event.type) ? targetOf(event) : null;
    if (!target?.subscriptionId) return { ...base, outcome: 'ignored' };

    const outcome = await this.db.transaction(async (em) => {
      if (!(await this.events.claim(em, event))) return 'duplicate' as const;
      const brandId = await this.resolveBrand(target, em);
      if (!brandId) {
        logger.warn({ eventId: event.id, type: event.type, customer: target.customerId }, 'Stripe event for a customer Renown does not know');
        await this.events.finish(em, event.id, 'unmatched', null);
        return 'unmatched' as const;
      }
      const result = await this.sync.syncLocked(brandId, target.subscriptionId!, em, new Date(event.created * 1000));
      await this.events.finish(em, event.id, result, brandId);
      return result;
    });
    logger.info({ eventId: event.id, type: event.type, outcome }, 'Stripe webhook');
    return { ...base, outcome };
  }

  private async resolveBrand(target: Target, em: EntityManager): Promise<BrandId | null> {
    if (target.customerId) {
      const byCustomer = await this.accounts.findBrandIdByCustomer(target.customerId, em);
      if (byCustomer) return byCustomer;
    }
    // A checkout for a brand whose customer id was not stored yet: trust the brand named in the session only
    // when that brand has no other Stripe customer.
    if (!target.brandHint || !/^[0-9a-f-]{36}$/i.test(target.brandHint)) return null;
    const brandId = asBrandId(target.brandHint);
    const account = await this.accounts.getOrCreate(brandId, this.catalogue.policy.trialDays, em);
    if (!account || (account.stripeCustomerId && account.stripeCustomerId !== target.customerId)) return null;
    return brandId;
  }
}
