import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createExtensionKey, many, seedKnown } from './extension-fixtures.js';
import { blueskyPage, changedBlueskyPage, xPage } from './support/site-pages.js';
import { type ExtensionBrowser, type ExtensionHarness, type RenownProxy, type SiteServer, startExtensionHarness } from './support/extension-browser.js';

/*
 * The extension stays light and polite: a page of 500 handles costs at most 5 look-ups, answers are kept for an
 * hour, a revoked key stops it at once, a server that is down or a site whose markup changed leave the page as
 * it was (and the options page says what happened), and sites the user switched off are never read.
 */
describe('the browser extension is light and polite', () => {
  let t: TestApp;
  let brand: SignedUp;
  let sites: SiteServer;
  let proxy: RenownProxy;
  let browser: ExtensionBrowser;
  let harness: ExtensionHarness;
  const crowd = many('bluesky', 'Driver', 500, (i) => `driver${i}.bsky.social`);
  const xCrowd = many('twitter', 'Poster', 30, (i) => `poster_${i}`);

  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t);
    await seedKnown(t, [...crowd, ...xCrowd]);
    harness = await startExtensionHarness(t.url);
    ({ sites, proxy, browser } = harness);
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await t?.close();
  });

  /** A fresh extension state (no cache, no reports) connected with a key of its own. */
  const connect = async () => {
    await browser.reset();
    const key = await createExtensionKey(t, brand);
    await browser.configure({ serverUrl: proxy.url, key: key.secret });
    proxy.seen.length = 0;
    return key;
  };
  const open = async (url: string) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    return { page, errors };
  };
  const badgeCount = (page: import('playwright-core').Page) => page.evaluate(() => document.querySelectorAll('renown-badge').length);

  it('a page with 500 handles, scrolled top to bottom, gets every badge in at most 5 look-ups; reloading it asks nothing (the hour-long cache)', async () => {
    await connect();
    sites.set('bsky.app', '/crowd', blueskyPage(crowd));
    const { page, errors } = await open('https://bsky.app/crowd');
    await page.waitForFunction(() => document.querySelectorAll('renown-badge').length > 0, null, { timeout: 15_000 });
    // A reader's pace: a screen at a time, to the end of the page.
    while (await page.evaluate(() => scrollY + innerHeight < document.documentElement.scrollHeight - 2)) {
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(40);
    }
    await page.waitForFunction(() => document.querySelectorAll('renown-badge').length >= 500, null, { timeout: 30_000 });
    const lookups = proxy.lookups();
    expect(lookups.length).toBeLessThanOrEqual(5);
    expect(lookups.reduce((n, l) => n + l.handles, 0)).toBe(500);
    expect(lookups.every((l) => l.handles <= 100 && l.cookie === undefined)).toBe(true);
    expect(errors).toEqual([]);

    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('renown-badge').length > 0, null, { timeout: 15_000 });
    await page.waitForTimeout(800);
    expect(proxy.lookups().length).toBe(lookups.length);
    await page.close();
  }, 120_000);

  it('only the handles on screen (and the next screens) are sent, not the whole page', async () => {
    await connect();
    sites.set('bsky.app', '/long', blueskyPage(crowd.slice(0, 400)));
    const { page } = await open('https://bsky.app/long');
    await page.waitForFunction(() => document.querySelectorAll('renown-badge').length > 0, null, { timeout: 15_000 });
    await page.waitForTimeout(800);
    const sent = proxy.lookups().reduce((n, l) => n + l.handles, 0);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(100);
    await page.close();
  }, 60_000);

  it('a revoked key stops at once: the next look-up is refused, no badge is shown, and the options page says so', async () => {
    const key = await connect();
    sites.set('x.com', '/a', xPage(xCrowd.slice(0, 10)));
    sites.set('x.com', '/b', xPage(xCrowd.slice(10, 20)));
    const first = await open('https://x.com/a');
    await first.page.waitForFunction(() => document.querySelectorAll('renown-badge').length >= 10, null, { timeout: 15_000 });
    await first.page.close();

    const res = await t.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id: key.id }, brand.headers);
    expect(res.errors).toBeUndefined();
    const second = await open('https://x.com/b');
    await second.page.waitForTimeout(1500);
    expect(await badgeCount(second.page)).toBe(0);
    expect(proxy.lookups().at(-1)!.status).toBe(401);
    // What the first page showed is forgotten too: nothing of a revoked key's answers stays in the extension.
    const again = await open('https://x.com/a');
    await again.page.waitForTimeout(1500);
    expect(await badgeCount(again.page)).toBe(0);
    const options = await browser.optionsPage();
    await options.getByText(/Renown refused the key/).waitFor({ timeout: 10_000 });
    await Promise.all([second.page.close(), again.page.close(), options.close()]);
  }, 60_000);

  it('with the server down, the page works as without the extension and the options page says the server did not answer', async () => {
    await connect();
    sites.set('x.com', '/down', xPage(xCrowd.slice(20, 30)));
    proxy.setDown(true);
    try {
      const { page, errors } = await open('https://x.com/down');
      await page.waitForTimeout(1500);
      expect(await badgeCount(page)).toBe(0);
      expect(errors).toEqual([]);
      await page.locator('[data-testid="tweetText"]').first().click();
      const options = await browser.optionsPage();
      await options.getByText(/did not answer/).waitFor({ timeout: 10_000 });
      await Promise.all([page.close(), options.close()]);
    } finally {
      proxy.setDown(false);
    }
  }, 60_000);

  it("when a site's markup is not what its reader knows, no badge appears, the page is untouched, and the options page names the failed reader", async () => {
    await connect();
    sites.set('bsky.app', '/redesign', changedBlueskyPage(crowd.slice(0, 20)));
    const { page, errors } = await open('https://bsky.app/redesign');
    const before = await page.content();
    await page.waitForTimeout(5000); // the reader reports after 4 s
    expect(await badgeCount(page)).toBe(0);
    expect(await page.content()).toBe(before);
    expect(errors).toEqual([]);
    expect(proxy.lookups()).toEqual([]);
    const options = await browser.optionsPage();
    const row = options.locator('#readers tr[data-site="bluesky"]');
    await row.getByText('failed').waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toContain('markup has probably changed');
    await Promise.all([page.close(), options.close()]);
  }, 60_000);

  it('a site switched off on the options page is never read', async () => {
    const key = await connect();
    await browser.configure({ serverUrl: proxy.url, key: key.secret, sites: { bluesky: true, mastodon: true, youtube: true, instagram: true, x: false } });
    sites.set('x.com', '/off', xPage(xCrowd.slice(0, 5)));
    const { page } = await open('https://x.com/off');
    await page.waitForTimeout(1500);
    expect(await badgeCount(page)).toBe(0);
    expect(proxy.lookups()).toEqual([]);
    await page.close();
  }, 60_000);
});
