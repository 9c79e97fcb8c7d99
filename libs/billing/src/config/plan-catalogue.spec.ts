import { ConfigError } from '@renown/core';
import { resolvePlanCatalogue } from './plan-catalogue.js';

const on = {
  billingEnabled: true,
  STRIPE_PRICE_GROWTH: 'price_g',
  STRIPE_PRICE_SCALE: 'price_s',
  STRIPE_PRICE_INVITATIONS_METERED: 'price_m',
  STRIPE_METER_INVITATIONS: 'renown_invitation',
};

describe('resolvePlanCatalogue', () => {
  it('needs no price ids when billing is off', () => {
    const c = resolvePlanCatalogue({ billingEnabled: false });
    expect(c.billingEnabled).toBe(false);
    expect(c.priceIds).toEqual({});
  });

  it('names each missing variable when billing is on', () => {
    expect(() => resolvePlanCatalogue({ billingEnabled: true, STRIPE_PRICE_GROWTH: 'price_g' })).toThrow(ConfigError);
    expect(() => resolvePlanCatalogue({ billingEnabled: true, STRIPE_PRICE_GROWTH: 'price_g' })).toThrow(/STRIPE_PRICE_SCALE.*\n.*STRIPE_PRICE_INVITATIONS_METERED.*\n.*STRIPE_METER_INVITATIONS/);
  });

  it('refuses one price used for two plans', () => {
    expect(() => resolvePlanCatalogue({ ...on, STRIPE_PRICE_SCALE: 'price_g' })).toThrow(/three different prices/);
  });

  it('maps a Stripe price back to its plan', () => {
    const c = resolvePlanCatalogue(on);
    expect(c.planForPrice('price_s')).toBe('scale');
    expect(c.planForPrice('price_m')).toBeNull();
    expect(c.plans.growth.entitlements.invitationOverage).toBe(true);
  });
});
