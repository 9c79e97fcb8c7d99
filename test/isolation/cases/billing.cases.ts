/*
 * Brand-isolation cases for billing. Every billing operation acts on the caller's CURRENT brand (from the
 * session or API key) and takes no id, so B has nothing of A's to aim at: each run checks that B's user and
 * B's API key get B's own billing (the harness checks that nothing of A's appears in the answers and that A's
 * rows, billing_accounts included, are unchanged), and that API keys cannot pay (owner role only).
 * The same properties with billing ON (fake Stripe, A subscribed, B's checkout for B's own customer) are
 * proven in test/billing/billing-isolation.spec.ts.
 */
import { brandOwned, codeOf, defineCases, expectNoErrorOrRefused, notBrandOwned } from '../isolation-harness.js';

/** With billing off (the isolation app has no Stripe keys) paying answers BAD_USER_INPUT "Billing is off". */
const billingOffOrRefused = (res: { errors?: Array<{ message: string; extensions?: Record<string, any> }> }) => {
  if (codeOf(res) === 'BAD_USER_INPUT' && /Billing is off|not paid through Stripe yet/.test(res.errors![0].message)) return;
  expectNoErrorOrRefused(res);
};

export default defineCases({
  domain: 'billing',
  async seed({ t, a }) {
    // A's billing row exists (created on first read) so the harness can prove B never changes it.
    await t.graphql(`{ billing { status } }`, {}, a.owner.headers);
    return {};
  },
  cases: {
    'Query.billing': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`{ billing { enabled status readOnly plan { code name } usage { metric used limit } banner { kind message } } }`);
      expect(res.errors).toBeUndefined();
    }),
    'Query.plans': notBrandOwned('the plan catalogue is configuration, the same for every brand'),
    'Mutation.startCheckout': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`mutation { startCheckout(plan: GROWTH) { url sessionId } }`);
      if (attacker.kind === 'apiKey') expect(codeOf(res)).toBe('FORBIDDEN');
      else billingOffOrRefused(res);
    }),
    'Mutation.openBillingPortal': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`mutation { openBillingPortal { url } }`);
      if (attacker.kind === 'apiKey') expect(codeOf(res)).toBe('FORBIDDEN');
      else billingOffOrRefused(res);
    }),
  },
});
