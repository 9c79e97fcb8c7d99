import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { buildConsole, screenshots } from '../console/support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { seedKnown, type KnownPerson } from './extension-fixtures.js';
import { xPage } from './support/site-pages.js';
import { type ExtensionBrowser, type ExtensionHarness, type RenownProxy, type SiteServer, startExtensionHarness } from './support/extension-browser.js';

/*
 * Connecting the extension by signing in through the console: the options page opens Renown in a tab, the user
 * logs in and says "Connect", the console makes an extension key and hands it to the extension's own page; the
 * key then shows in Settings → Browser extension, where revoking it stops the extension. A page that sends the
 * browser to the extension with a key it was not asked for changes nothing.
 */
const ZOE: KnownPerson = { platform: 'twitter', handle: 'zoe_ev', name: 'Zoe Evans', score: 66, followers: 5_400 };
const YUSUF: KnownPerson = { platform: 'twitter', handle: 'yusuf_rides', name: 'Yusuf Ali', score: 47, followers: 2_100 };

describe('connecting the extension through the console', () => {
  let t: TestApp;
  let brand: SignedUp;
  let sites: SiteServer;
  let proxy: RenownProxy;
  let browser: ExtensionBrowser;
  let harness: ExtensionHarness;
  const shot = screenshots('extension-connect');

  beforeAll(async () => {
    buildConsole();
    t = await createTestApp();
    brand = await signUpBrand(t);
    await seedKnown(t, [ZOE, YUSUF]);
    harness = await startExtensionHarness(t.url);
    ({ sites, proxy, browser } = harness);
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await t?.close();
  });

  it('"Sign in through Renown" → log in → Connect gives the extension a key of its own; revoking it in Settings stops the badges', async () => {
    await browser.reset();
    const options = await browser.optionsPage();
    await options.getByLabel('Renown server').fill(proxy.url);
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), options.getByRole('button', { name: 'Sign in through Renown' }).click()]);
    await tab.getByRole('heading', { name: 'Log in' }).waitFor();
    await tab.getByLabel('Email').fill(brand.email);
    await tab.getByLabel('Password').fill(brand.password);
    await tab.getByRole('button', { name: 'Log in' }).click();
    await tab.getByRole('heading', { name: /Connect Chromium to/ }).waitFor();
    await shot(tab, 'connect');
    await tab.getByRole('button', { name: 'Connect the extension' }).click();
    await tab.getByRole('heading', { name: 'Connected' }).waitFor();
    expect(tab.url()).toBe(`chrome-extension://${browser.extensionId}/connected.html`); // the key left the address bar
    await options.getByText(/^Connected to /).waitFor({ timeout: 10_000 });

    const { rows } = await t.db.pool.query(`SELECT id::text, kind, name FROM api_keys WHERE brand_id = $1 AND revoked_at IS NULL`, [brand.brandId]);
    expect(rows).toEqual([{ id: expect.any(String), kind: 'extension', name: expect.stringMatching(/^Browser extension \(Chromium, /) }]);

    sites.set('x.com', '/zoe_ev', xPage([ZOE]));
    const page = await browser.context.newPage();
    await page.goto('https://x.com/zoe_ev');
    await page.waitForFunction(() => document.querySelectorAll('renown-badge').length === 1, null, { timeout: 15_000 });
    await page.close();

    // Settings → Browser extension lists it; Revoke stops it at once.
    await tab.goto(`${proxy.url}/settings`);
    const section = tab.locator('section', { has: tab.getByRole('heading', { name: 'Browser extension' }) });
    await section.getByRole('cell', { name: rows[0].name }).waitFor();
    await shot(tab, 'settings-extension-keys');
    tab.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Revoke' }).click();
    await section.getByText(/revoked/).waitFor();
    sites.set('x.com', '/yusuf_rides', xPage([YUSUF]));
    const after = await browser.context.newPage();
    await after.goto('https://x.com/yusuf_rides');
    await after.waitForTimeout(1500);
    expect(await after.evaluate(() => document.querySelectorAll('renown-badge').length)).toBe(0);
    expect(proxy.lookups().at(-1)!.status).toBe(401);
    await Promise.all([after.close(), tab.close(), options.close()]);
  }, 90_000);

  it('a key sent to the extension without a sign-in it started is not taken', async () => {
    await browser.reset();
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/connected.html#key=rnk_attacker&server=${encodeURIComponent('http://127.0.0.1:9')}&state=guess`);
    await page.getByRole('heading', { name: 'Not connected' }).waitFor();
    const settings = await browser.worker.evaluate(() => (globalThis as any).chrome.storage.local.get('settings'));
    expect(settings.settings?.key ?? '').toBe('');
    await page.close();
  }, 30_000);

  it('the console refuses to hand a key to anything but the extension', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${proxy.url}/extension/connect?return=${encodeURIComponent('https://evil.example/connected.html')}&state=x`);
    const logIn = page.getByRole('heading', { name: 'Log in' });
    const refusal = page.getByRole('alert').getByText(/did not come from the Renown extension/);
    await logIn.or(refusal).first().waitFor();
    if (await logIn.isVisible()) {
      await page.getByLabel('Email').fill(brand.email);
      await page.getByLabel('Password').fill(brand.password);
      await page.getByRole('button', { name: 'Log in' }).click();
    }
    await refusal.waitFor();
    expect(await page.getByRole('button', { name: 'Connect the extension' }).count()).toBe(0);
    await page.close();
  }, 30_000);
});
