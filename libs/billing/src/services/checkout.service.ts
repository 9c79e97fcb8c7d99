import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { APP_CONFIG, type AppConfig, ErrorCode } from '@renown/core';
import type Stripe from 'stripe';
import { BillingError } from '../billing.error.js';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import type { PaidPlanId } from '../config/plans.js';
import { BillingAccountRepository } from '../persistence/billing-account.repository.js';
import { StripeGateway } from '../stripe/stripe-gateway.js';
import { BillingAccountsService } from './billing-accounts.service.js';

/** The owner's ways to pay: a Stripe Checkout Session for a plan, and the Stripe Customer Portal. */
@Injectable()
export class CheckoutService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: BillingAccountsService,
    private readonly repo: BillingAccountRepository,
    private readonly stripe: StripeGateway,
  ) {}

  /** Where Stripe sends the owner back to: the console's billing page. */
  private consoleUrl(query: string) {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/billing${query}`;
  }

  private assertBillingOn() {
    if (!this.catalogue.billingEnabled) {
      throw new BillingError(ErrorCode.BAD_USER_INPUT, 'Billing is off on this installation (no Stripe keys configured): every brand already has every feature.');
    }
  }

  /** Returns the Checkout URL for the plan. Refused when the brand already pays: plan changes go through the portal. */
  async startCheckout(brandId: BrandId, plan: PaidPlanId): Promise<{ url: string; sessionId: string }> {
    this.assertBillingOn();
    const priceId = this.catalogue.priceIds[plan];
    if (!priceId) throw new BillingError(ErrorCode.BAD_USER_INPUT, `Unknown plan ${plan}; choose growth or scale.`);
    const view = await this.accounts.getView(brandId);
    if (view.hasSubscription && view.status !== 'free') {
      throw new BillingError(ErrorCode.CONFLICT, `This brand already has the ${view.plan?.name} plan. Change plan, card or cancel in the billing portal (openBillingPortal).`, { currentPlan: view.plan?.id });
    }
    const customer = await this.ensureCustomer(brandId);
    const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [{ price: priceId, quantity: 1 }];
    if (this.catalogue.invitationsMeteredPriceId) lineItems.push({ price: this.catalogue.invitationsMeteredPriceId });
    const session = await this.stripe.createCheckoutSession(
      {
        mode: 'subscription',
        customer,
        client_reference_id: brandId,
        line_items: lineItems,
        success_url: this.consoleUrl('?checkout=success&session_id={CHECKOUT_SESSION_ID}'),
        cancel_url: this.consoleUrl('?checkout=cancelled'),
        metadata: { brand_id: brandId, plan },
        subscription_data: { metadata: { brand_id: brandId, plan } },
      },
      `renown-checkout-${brandId}-${randomUUID()}`,
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { url: session.url, sessionId: session.id };
  }

  async openBillingPortal(brandId: BrandId): Promise<{ url: string }> {
    this.assertBillingOn();
    const account = await this.accounts.getAccountOrThrow(brandId);
    if (!account.stripeCustomerId) {
      throw new BillingError(ErrorCode.BAD_USER_INPUT, 'This brand has not paid through Stripe yet: choose a plan first (startCheckout); the portal manages an existing subscription.');
    }
    const session = await this.stripe.createPortalSession({ customer: account.stripeCustomerId, return_url: this.consoleUrl('') }, `renown-portal-${brandId}-${randomUUID()}`);
    return { url: session.url };
  }

  /** One Stripe customer per brand, even when two checkouts start at once: the idempotency key names the brand. */
  private async ensureCustomer(brandId: BrandId): Promise<string> {
    const account = await this.accounts.getAccountOrThrow(brandId);
    if (account.stripeCustomerId) return account.stripeCustomerId;
    const name = (await this.repo.brandName(brandId)) ?? undefined;
    const customer = await this.stripe.createCustomer({ name, metadata: { brand_id: brandId } }, `renown-customer-${brandId}-${createHash('sha256').update(name ?? '').digest('hex').slice(0, 12)}`);
    return this.repo.setCustomerIfNone(brandId, customer.id);
  }
}
