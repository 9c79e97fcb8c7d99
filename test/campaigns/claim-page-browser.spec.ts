import type { Browser } from 'playwright-core';
import { launchBrowser, screenshots } from '../console/support/browser.js';
import { signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, gql, onApp } from './campaign-test-helpers.js';

/**
 * The claim page in real Chromium on a phone-sized screen with JavaScript OFF, driven by the keyboard only:
 * Tab through labelled fields, arrow keys for the variant, Enter to submit.
 */
describe('claim page: phone, no JavaScript, keyboard only', () => {
  let t: TestApp;
  let browser: Browser;
  let link: string;
  const shot = screenshots('claim-page');

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchBrowser();
    const brand = await signUpBrand(t, { brandName: 'Acme Outdoor' });
    const c = await gql(t, brand.headers, `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
      i: { name: 'Jackets', brief: 'Our new rain jacket for spring rides.', terms: 'Keep it. No obligation to post.', perkKind: 'physical', perkTitle: 'Rain jacket', perkVariants: ['S', 'M', 'L'], shipsToCountries: ['US'], quantity: 3, claimDeadline: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.createCampaign.id });
    await gql(t, brand.headers, `mutation { importInfluencerContacts(csv: "platform,handle,email\\ntwitter,kim,kim@phone.test\\n", consentBasis: "consent") { imported } }`);
    const contacts = await gql(t, brand.headers, `{ influencerContacts { id } }`);
    await gql(t, brand.headers, `mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: c.createCampaign.id, c: [contacts.influencerContacts[0].id] });
    const { rows } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE kind = 'campaigns.invitation'`);
    link = onApp(t, claimLinkIn(rows[0].text));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('claims a physical perk with the keyboard on a 375px screen without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await shot(page, 'claim-form');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Rain jacket');
    await expect(page.getByRole('group', { name: 'Shipping address' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('textbox', { name: 'Postal code' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('#ad', { exact: true }).first().isVisible()).resolves.toBe(true);

    await page.keyboard.press('Tab'); // first variant
    await expect(page.getByRole('radio', { name: 'S' }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('ArrowDown'); // M
    for (const [label, value] of [['Full name', 'Kim Lee'], ['Street address', '5 Oak Ave'], ['Apartment, suite (optional)', ''], ['City', 'Portland'], ['State or region (optional)', 'OR'], ['Postal code', '97201'], ['Country', 'US']]) {
      await page.keyboard.press('Tab');
      await expect(page.getByRole('textbox', { name: label }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      if (value) await page.keyboard.type(value);
    }
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await shot(page, 'claimed');
    await expect(page.getByRole('status').textContent()).resolves.toContain('You claimed Rain jacket');
    await expect(page.getByText('Your choice:').textContent()).resolves.toContain('M');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await context.close();
    const { rows } = await t.db.pool.query(`SELECT variant, shipping_address FROM claims`);
    expect(rows).toEqual([{ variant: 'M', shipping_address: { name: 'Kim Lee', line1: '5 Oak Ave', line2: null, city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' } }]);
  });
});
