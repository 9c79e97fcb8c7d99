/*
 * Brand-isolation cases for billing. Every billing operation acts on the caller's CURRENT brand (from the
 * session or API key); none takes a brand id or any other id, so "B with A's ids in hand" has nothing to pass.
 * What must hold: B's user and B's API key see B's billing (never A's plan, usage or Stripe ids), and B's
 * checkout and portal are created for B's Stripe customer, never A's. API keys cannot start a checkout or
 * open the portal at all (owner role only). test/billing/billing-isolation.spec.ts proves each case against
 * the real API with the fake Stripe; the shape below names each operation, its class and what is checked,
 * for the accounts helper's schema walk.
 */
export const billingCases = [
  {
    operation: 'billing',
    kind: 'brand-owned',
    query: '{ billing { enabled status plan { code } usage { metric used limit } } }',
    scope: 'current-brand',
    asOtherBrandUser: "returns B's own billing (B's plan and usage); A's plan and usage never appear",
    asOtherBrandApiKey: "returns B's own billing",
  },
  {
    operation: 'plans',
    kind: 'not-brand-owned',
    query: '{ plans { code limits { searchesPerMonth } } }',
    reason: 'The plan catalogue is the same for every brand (configuration, not brand data).',
  },
  {
    operation: 'startCheckout',
    kind: 'brand-owned',
    query: 'mutation { startCheckout(plan: GROWTH) { url sessionId } }',
    scope: 'current-brand',
    asOtherBrandUser: "creates a session for B's Stripe customer with client_reference_id = B; A's customer and subscription are untouched",
    asOtherBrandApiKey: 'FORBIDDEN (owner role only)',
  },
  {
    operation: 'openBillingPortal',
    kind: 'brand-owned',
    query: 'mutation { openBillingPortal { url } }',
    scope: 'current-brand',
    asOtherBrandUser: "B without a Stripe customer gets BAD_USER_INPUT; a portal is only ever opened for B's own customer",
    asOtherBrandApiKey: 'FORBIDDEN (owner role only)',
  },
] as const;

export default billingCases;
