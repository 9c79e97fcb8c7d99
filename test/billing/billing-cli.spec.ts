import { billingCommand } from '../../apps/cli/src/commands/billing.command.js';
import { type BillingHarness, billingOf, createBrand, startBillingHarness, startCheckout } from './billing-fixtures.js';

describe('renown billing reconcile', () => {
  let h: BillingHarness;
  const saved = { ...process.env };
  beforeAll(async () => {
    h = await startBillingHarness();
  });
  afterAll(async () => {
    process.env = saved;
    await h.close();
  });

  it('re-reads paying brands from Stripe and applies what a lost webhook missed', async () => {
    const owner = await createBrand(h.app.db.pool);
    h.stripe.autoDeliver = false;
    const res = await startCheckout(h.app, owner, 'SCALE');
    await h.stripe.completeCheckout(res.data.startCheckout.sessionId);
    expect((await billingOf(h.app, owner)).status).toBe('TRIALING');

    Object.assign(process.env, h.stripe.env(), { DATABASE_URL: h.app.db.url, LOG_LEVEL: 'silent' });
    const printed: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => printed.push(...args);
    try {
      await billingCommand.parseAsync(['reconcile'], { from: 'user' });
    } finally {
      console.log = log;
    }
    expect(printed).toEqual([{ checked: 1, applied: 1 }]);
    expect(await billingOf(h.app, owner)).toMatchObject({ status: 'ACTIVE', plan: { code: 'SCALE' } });
  });
});
