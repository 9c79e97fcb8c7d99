import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ErrorCode } from '@renown/core';
import Stripe from 'stripe';
import { BillingError } from '../billing.error.js';

/**
 * The only place that talks to Stripe. Every write carries an idempotency key chosen by the caller, so a
 * retry (ours, or the SDK's) never does the thing twice.
 */
@Injectable()
export class StripeGateway {
  private client: Stripe | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get stripe(): Stripe {
    if (!this.config.STRIPE_SECRET_KEY) {
      throw new BillingError(ErrorCode.FORBIDDEN, 'Billing is off on this installation (no Stripe keys): every feature is already available.');
    }
    if (!this.client) {
      const api = this.config.STRIPE_API_URL ? new URL(this.config.STRIPE_API_URL) : null;
      this.client = new Stripe(this.config.STRIPE_SECRET_KEY, {
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        appInfo: { name: 'Renown' },
        ...(api
          ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol.replace(':', '') as 'http' | 'https' }
          : {}),
      });
    }
    return this.client;
  }

  /** Verifies the signature on the exact bytes received; throws when it does not match or is too old. */
  constructEvent(rawBody: Buffer, signature: string): Stripe.Event {
    if (!this.config.STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_WEBHOOK_SECRET is not set');
    return Stripe.webhooks.constructEvent(rawBody, signature, this.config.STRIPE_WEBHOOK_SECRET);
  }

  createCustomer(params: Stripe.CustomerCreateParams, idempotencyKey: string) {
    return this.stripe.customers.create(params, { idempotencyKey });
  }

  createCheckoutSession(params: Stripe.Checkout.SessionCreateParams, idempotencyKey: string) {
    return this.stripe.checkout.sessions.create(params, { idempotencyKey });
  }

  createPortalSession(params: Stripe.BillingPortal.SessionCreateParams, idempotencyKey: string) {
    return this.stripe.billingPortal.sessions.create(params, { idempotencyKey });
  }

  retrieveSubscription(id: string) {
    return this.stripe.subscriptions.retrieve(id);
  }

  async listSubscriptions(customer: string): Promise<Stripe.Subscription[]> {
    return (await this.stripe.subscriptions.list({ customer, status: 'all', limit: 10 })).data;
  }

  createMeterEvent(params: Stripe.Billing.MeterEventCreateParams, idempotencyKey: string) {
    return this.stripe.billing.meterEvents.create(params, { idempotencyKey });
  }
}
