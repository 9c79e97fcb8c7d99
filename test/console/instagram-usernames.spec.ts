import type { Browser, Page } from 'playwright-core';
import { createBrand, type TestMember } from '../billing/billing-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildInstagramWorld, startFakeInstagramGraph, type FakeInstagramGraph } from '../support/fake-networks/index.js';
import { buildConsole, launchBrowser, screenshots } from './support/browser.js';

/**
 * The Sources screen's Instagram panel in a real Chromium against the real API and worker, reading the fake Graph
 * API (the operator's token from the configuration): a CSV with a "username" column is uploaded, the list is sent,
 * and each username's status is shown as it resolves (a creator fetched, a personal account Instagram does not
 * share, an invalid entry, a duplicate). Screenshots: test-artifacts/console/sources-instagram/.
 */
describe('brand console: Instagram username list', () => {
  let t: TestApp;
  let graph: FakeInstagramGraph;
  let browser: Browser;
  let page: Page;
  let owner: TestMember;
  const world = buildInstagramWorld();
  const shot = screenshots('sources-instagram');

  beforeAll(async () => {
    buildConsole();
    graph = await startFakeInstagramGraph(world);
    t = await createTestApp({
      INSTAGRAM_GRAPH_URL: graph.url, INSTAGRAM_ACCESS_TOKEN: world.token, INSTAGRAM_BUSINESS_ACCOUNT_ID: world.brandAccountId, INSTAGRAM_RATE_LIMIT: '3000/30',
      BLUESKY_APPVIEW_URL: 'http://127.0.0.1:9', MASTODON_INSTANCE_URL: 'http://127.0.0.1:9',
    });
    owner = await createBrand(t.db.pool, { name: 'Acme Motors' });
    await t.startWorker();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'renown_session', value: owner.token, url: t.url, httpOnly: true, sameSite: 'Lax' }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => console.log('page error:', e.message));
  }, 120_000);

  afterAll(async () => {
    await page?.screenshot({ path: 'test-artifacts/console/sources-instagram/last-step.png', fullPage: true }).catch(() => undefined);
    await browser?.close();
    await t?.close();
    await graph?.close();
  });

  it('uploads a CSV of usernames and shows each one resolve', async () => {
    await page.goto(`${t.url}/sources`);
    const panel = page.getByRole('region', { name: 'Instagram usernames' });
    await panel.waitFor();
    const csv = 'username,notes\nmia_classics,restorer\n@pam.bakes,off topic\nmy.private.life,personal\nnot a username!,typo\nMIA_CLASSICS,again\n';
    await panel.getByLabel('CSV of usernames').setInputFiles({ name: 'usernames.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByText('5 usernames ready to look up.').waitFor();
    await panel.getByRole('button', { name: 'Look them up' }).click();
    const table = panel.getByRole('table', { name: 'Instagram usernames' });
    await table.waitFor();
    await panel.getByText('Every username has its answer.').waitFor();
    await panel.getByRole('button', { name: 'Look them up' }).waitFor();
    const statuses = await table.getByTestId('username-status').allTextContents();
    expect(statuses.map((s, i) => (i < 2 ? ['scoring', 'ready'].includes(s) : s))).toEqual([true, true, 'not-found', 'invalid', 'duplicate']);
    expect(await table.textContent()).toContain('Instagram does not share @my.private.life: only business and creator accounts can be read');
    expect(await table.getByRole('link', { name: 'Open profile' }).count()).toBe(2);
    await shot(page, 'resolved');
    const { rows } = await t.db.pool.query(`SELECT handle FROM social_accounts WHERE platform = 'instagram' AND NOT is_stub ORDER BY handle`);
    expect(rows.map((r) => r.handle)).toEqual(['mia_classics', 'pam.bakes']);
  }, 60_000);
});
