import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import type { Browser, Page } from 'playwright-core';
import { createBrand, type TestMember } from '../billing/billing-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildConsole, launchBrowser, screenshots } from './support/browser.js';

/**
 * The Sources screen in a real Chromium against the real API: a crawl started from the form (a bad one's error
 * in plain words, then a good one listed as queued), paused and cancelled through its buttons, its quarantined
 * pages, and the handle look-up (an invalid handle's error; a handle being fetched, polled until it is scored).
 * No worker runs, so nothing reaches a real network; the networks point at a closed local port besides.
 * Screenshots: test-artifacts/console/sources/.
 */
describe('brand console sources', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let owner: TestMember;
  const shot = screenshots('sources');

  beforeAll(async () => {
    buildConsole();
    t = await createTestApp({ BLUESKY_APPVIEW_URL: 'http://127.0.0.1:9', MASTODON_INSTANCE_URL: 'http://127.0.0.1:9' });
    owner = await createBrand(t.db.pool, { name: 'Acme Motors' });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'renown_session', value: owner.token, url: t.url, httpOnly: true, sameSite: 'Lax' }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000); // a ceiling for slow shared CI machines, not a speed assertion
    page.on('pageerror', (e) => console.log('page error:', e.message));
    page.on('dialog', (d) => void d.accept());
  }, 120_000);

  afterEach(async () => {
    await page?.screenshot({ path: 'test-artifacts/console/sources/last-step.png', fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const form = () => page.getByRole('form', { name: 'New crawl' });

  it('opens from the navigation with an empty list', async () => {
    await page.goto(t.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    await page.getByText('No crawls yet').waitFor();
  });

  it('shows the API error next to the form for a crawl with no words', async () => {
    await form().getByLabel('Max accounts').fill('5');
    await form().getByRole('button', { name: 'Start crawl' }).click();
    const alert = page.getByRole('region', { name: 'New crawl' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Give the vertical's words to search for");
    await shot(page, 'no-words');
  });

  it('starts a crawl and lists it as queued', async () => {
    await form().getByLabel('Network').selectOption('bluesky');
    await form().getByLabel("The vertical's words").fill('cars');
    await form().getByLabel('Max accounts').fill('5');
    await form().getByRole('button', { name: 'Start crawl' }).click();
    const crawl = page.getByRole('article', { name: 'Bluesky · cars' });
    await crawl.getByLabel('Status: queued').waitFor();
    expect(await page.getByRole('region', { name: 'New crawl' }).getByRole('alert').count()).toBe(0);
    expect(await crawl.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('0 of 5 accounts fetched');
    const api = await t.graphql(`{ crawls { status terms maxAccounts } }`, {}, owner.headers);
    expect(api.data.crawls).toEqual([{ status: 'queued', terms: ['cars'], maxAccounts: 5 }]);
    await shot(page, 'queued');
  });

  it('lists quarantined pages when opened', async () => {
    const { rows } = await t.db.pool.query(`SELECT id FROM crawls`);
    await t.db.pool.query(`INSERT INTO crawl_quarantine (crawl_id, url, reason) VALUES ($1, 'https://bsky.example/xrpc/app.bsky.actor.getProfile?actor=x', 'not JSON')`, [rows[0].id]);
    const crawl = page.getByRole('article', { name: 'Bluesky · cars' });
    await crawl.getByText(/^Quarantined pages/).click();
    const table = crawl.getByRole('table', { name: 'Quarantined pages' });
    await table.getByRole('cell', { name: 'not JSON' }).waitFor();
    expect(await table.textContent()).toContain('actor=x');
  });

  it('pauses, resumes and cancels the crawl through its buttons', async () => {
    const crawl = page.getByRole('article', { name: 'Bluesky · cars' });
    await crawl.getByRole('button', { name: /^Pause/ }).click();
    await crawl.getByLabel('Status: paused').waitFor();
    await crawl.getByText('paused by a user').waitFor();
    expect(await crawl.getByRole('button', { name: /^Pause/ }).count()).toBe(0);
    await crawl.getByRole('button', { name: /^Resume/ }).waitFor();
    await shot(page, 'paused');
    await crawl.getByRole('button', { name: /^Cancel/ }).click();
    await crawl.getByLabel('Status: cancelled').waitFor();
    await crawl.getByText('cancelled by a user').waitFor();
    expect(await crawl.getByRole('button').count()).toBe(0);
    await shot(page, 'cancelled');
  });

  it("shows the API's error for an invalid handle", async () => {
    const lookup = page.getByRole('region', { name: 'Look up a handle' });
    await lookup.getByLabel('Network').selectOption('bluesky');
    await lookup.getByLabel('Handle', { exact: true }).fill('not a handle!');
    await lookup.getByRole('button', { name: 'Look up' }).click();
    const alert = lookup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('"not a handle!" is not a Bluesky handle');
    await shot(page, 'invalid-handle');
  });

  it('polls a handle being fetched until it is scored, then links its profile', async () => {
    const pool = t.db.pool;
    // A fetch in flight (as the worker would hold it): the look-up answers "fetching" and the box asks again.
    await pool.query(`INSERT INTO account_lookups (platform, query) VALUES ('bluesky', 'lena.bsky.social')`);
    const lookup = page.getByRole('region', { name: 'Look up a handle' });
    await lookup.getByLabel('Handle', { exact: true }).fill('lena.bsky.social');
    await lookup.getByRole('button', { name: 'Look up' }).click();
    const result = lookup.getByTestId('lookup-result');
    await result.getByText('Fetching lena.bsky.social from bluesky…').waitFor();
    expect(await result.getAttribute('aria-live')).toBe('polite');
    // The fetch lands, then the score: the box, still polling, shows each.
    const { rows } = await pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at, last_fetched_at)
       VALUES ('bluesky', 'did:plc:lena', 'lena.bsky.social', 5000, 100, 0, 100, '2020-01-01', now()) RETURNING id`,
    );
    const id = rows[0].id;
    await pool.query(`UPDATE account_lookups SET status = 'done', account_id = $1, finished_at = now() WHERE query = 'lena.bsky.social'`, [id]);
    await result.getByText('its score is being computed').waitFor();
    await pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, is_final)
       VALUES ($1, $2, current_date, 63.4, 0.95, 60, 60, 60, 1, 0, true)`,
      [id, INFLUENCE_MODEL_VERSION],
    );
    await result.getByLabel('Renown score 63').waitFor();
    await shot(page, 'lookup-ready');
    await result.getByRole('link', { name: 'Open profile' }).click();
    await page.waitForURL(`${t.url}/accounts/${id}`);
    // The profile says when Renown last read the account from its network.
    await page.getByText(/last fetched \S/).waitFor();
    const linked = page.getByRole('table', { name: 'Linked accounts' });
    expect(await linked.getByRole('columnheader', { name: 'Last fetched' }).count()).toBe(1);
    await shot(page, 'profile-last-fetched');
  });
});
