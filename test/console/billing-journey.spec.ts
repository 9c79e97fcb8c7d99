import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addMember, createBrand, startBillingHarness, type BillingHarness, type TestMember } from '../billing/billing-fixtures.js';
import { buildConsole, launchBrowser, screenshots } from './support/browser.js';

/**
 * Billing in the console with Stripe on: the owner sees the trial and usage, upgrades through Checkout on the
 * fake Stripe (real SDK, signed webhooks back to the API) and comes back to the console on the new plan.
 * Screenshots: test-artifacts/console/billing/.
 */
describe('brand console billing', () => {
  let h: BillingHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: TestMember;
  const shot = screenshots('billing');

  beforeAll(async () => {
    buildConsole();
    h = await startBillingHarness();
    owner = await createBrand(h.app.db.pool, { name: 'Acme Motors' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    // Stripe returns to PUBLIC_URL (http://localhost:3000 in tests): send the browser on to the test server.
    await context.route('http://localhost:3000/**', (route) => {
      const u = new URL(route.request().url());
      return route.fulfill({ status: 302, headers: { location: `${h.app.url}${u.pathname}${u.search}` } });
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000); // a ceiling for slow shared CI machines, not a speed assertion
  }, 120_000);

  afterEach(async () => {
    await page?.screenshot({ path: 'test-artifacts/console/billing/last-step.png', fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const logInAs = async (member: TestMember) => {
    await context.clearCookies();
    await context.addCookies([{ name: 'renown_session', value: member.token, url: h.app.url, httpOnly: true, sameSite: 'Lax' }]);
  };

  it('shows the plan and usage, and upgrades through Stripe Checkout', async () => {
    await logInAs(owner);
    await page.goto(`${h.app.url}/billing`);
    await page.getByRole('heading', { name: /Trial/ }).waitFor();
    await page.getByRole('meter', { name: 'Seats' }).waitFor();
    await shot(page, 'trial');

    await page.getByRole('button', { name: 'Upgrade to Growth' }).click();
    await page.getByRole('heading', { name: 'Fake Stripe Checkout' }).waitFor();
    await shot(page, 'stripe-checkout');
    await page.getByRole('button', { name: 'Pay' }).click();

    await page.waitForURL(/\/billing\?checkout=success/);
    await page.getByText('Thank you: your payment went through').waitFor();
    await page.getByRole('heading', { name: 'Growth active' }).waitFor();
    expect(await page.getByTestId('plan-GROWTH').textContent()).toContain('Your plan');
    await shot(page, 'upgraded');
  });

  it('shows a member the plan but not the buttons that only owners may use', async () => {
    const member = await addMember(h.app.db.pool, owner.brandId, 'member');
    await logInAs(member);
    await page.goto(`${h.app.url}/billing`);
    await page.getByText('Only owners can change the plan or payment.').waitFor();
    expect(await page.getByRole('button', { name: /Upgrade|Manage payment/ }).count()).toBe(0);
  });
});
