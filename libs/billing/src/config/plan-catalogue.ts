import { type AppConfig, ConfigError } from '@renown/core';
import { type BillingPolicy, DEFAULT_BILLING_POLICY, DEFAULT_PLANS, type PaidPlanId, type PlanDefinition, type PlanId } from './plans.js';

export interface PlanCatalogue {
  billingEnabled: boolean;
  policy: BillingPolicy;
  plans: Readonly<Record<PlanId, PlanDefinition>>;
  /** Stripe price id of each paid plan (empty when billing is off). */
  priceIds: Partial<Record<PaidPlanId, string>>;
  /** Metered price for invitations beyond the allowance, and the meter's event name. */
  invitationsMeteredPriceId: string | null;
  invitationsMeterEventName: string | null;
  planForPrice(priceId: string): PaidPlanId | null;
}

export const PLAN_CATALOGUE = Symbol('PLAN_CATALOGUE');

/**
 * Builds the catalogue from the typed defaults and the environment. With billing on (a Stripe key is set),
 * every price id and the meter must be set and distinct; otherwise boot stops with the variable's name.
 */
export function resolvePlanCatalogue(config: Pick<AppConfig, 'billingEnabled' | 'STRIPE_PRICE_GROWTH' | 'STRIPE_PRICE_SCALE' | 'STRIPE_PRICE_INVITATIONS_METERED' | 'STRIPE_METER_INVITATIONS'>, plans = DEFAULT_PLANS, policy = DEFAULT_BILLING_POLICY): PlanCatalogue {
  const priceIds: Partial<Record<PaidPlanId, string>> = {};
  let metered: string | null = null;
  let meter: string | null = null;
  if (config.billingEnabled) {
    const required = {
      STRIPE_PRICE_GROWTH: config.STRIPE_PRICE_GROWTH,
      STRIPE_PRICE_SCALE: config.STRIPE_PRICE_SCALE,
      STRIPE_PRICE_INVITATIONS_METERED: config.STRIPE_PRICE_INVITATIONS_METERED,
      STRIPE_METER_INVITATIONS: config.STRIPE_METER_INVITATIONS,
    };
    const problems = Object.entries(required)
      .filter(([, v]) => !v)
      .map(([k]) => `${k}: required when STRIPE_SECRET_KEY is set (billing on); see the README's Stripe set-up`);
    const prices = [config.STRIPE_PRICE_GROWTH, config.STRIPE_PRICE_SCALE, config.STRIPE_PRICE_INVITATIONS_METERED].filter(Boolean);
    if (new Set(prices).size !== prices.length) {
      problems.push('STRIPE_PRICE_GROWTH, STRIPE_PRICE_SCALE, STRIPE_PRICE_INVITATIONS_METERED: must be three different prices');
    }
    if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    priceIds.growth = config.STRIPE_PRICE_GROWTH!;
    priceIds.scale = config.STRIPE_PRICE_SCALE!;
    metered = config.STRIPE_PRICE_INVITATIONS_METERED!;
    meter = config.STRIPE_METER_INVITATIONS!;
  }
  const byPrice = new Map(Object.entries(priceIds).map(([plan, price]) => [price, plan as PaidPlanId]));
  return Object.freeze({
    billingEnabled: config.billingEnabled,
    policy,
    plans,
    priceIds,
    invitationsMeteredPriceId: metered,
    invitationsMeterEventName: meter,
    planForPrice: (priceId: string) => byPrice.get(priceId) ?? null,
  });
}
