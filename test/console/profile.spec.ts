import { INFLUENCE_MODEL_VERSION, InfluenceScoreStore, InfluenceScoringRun } from '@renown/scoring';
import type { Browser, Page } from 'playwright-core';
import { createBrand, type TestMember } from '../billing/billing-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildConsole, launchBrowser, screenshots } from './support/browser.js';

/**
 * An account's profile in the console, on scores computed by the real scoring run over a small graph: the
 * score, sub-scores, the history chart with a model-version marker, and the top post.
 * Screenshots: test-artifacts/console/profile/.
 */
describe('brand console profile', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};
  let owner: TestMember;
  const shot = screenshots('profile');

  beforeAll(async () => {
    buildConsole();
    t = await createTestApp();
    const pool = t.db.pool;
    for (const [name, followers] of [['lena.drives', 5000], ['bob', 300], ['cy', 50], ['dee', 20]] as const) {
      const { rows } = await pool.query(
        `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at)
         VALUES ('twitter', $1, $1, $2, 100, 3, 100, '2020-01-01') RETURNING id`,
        [name, followers],
      );
      ids[name] = rows[0].id;
    }
    const { rows: post } = await pool.query(
      `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text) VALUES ('twitter', 'p1', $1, '2026-10-20', 'Took the new EV up the pass: regen braking is a revelation') RETURNING id`,
      [ids['lena.drives']],
    );
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at)
       SELECT 'twitter', a, $1, 'repost', $2, '2026-10-21' FROM unnest($3::bigint[]) a`,
      [ids['lena.drives'], post[0].id, [ids.bob, ids.cy, ids.dee]],
    );
    // A day scored by an older model version, so the chart has a marker where the model changed.
    await pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, is_final)
       VALUES ($1, 'influence-v0', '2026-10-31', 50, 0.8, 50, 50, 50, 1, 0, true)`,
      [ids['lena.drives']],
    );
    const run = (asOf: string) => new InfluenceScoringRun(new InfluenceScoreStore(pool)).execute({ trigger: 'manual', asOf: new Date(asOf), threads: 1 });
    await run('2026-11-01T03:00:00Z');
    await run('2026-11-02T03:00:00Z');

    owner = await createBrand(pool, { name: 'Acme Motors' });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    await context.addCookies([{ name: 'renown_session', value: owner.token, url: t.url, httpOnly: true, sameSite: 'Lax' }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000); // a ceiling for slow shared CI machines, not a speed assertion
  }, 120_000);

  afterEach(async () => {
    await page?.screenshot({ path: 'test-artifacts/console/profile/last-step.png', fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the score, sub-scores, history with the model change, and the top post', async () => {
    const api = await t.graphql(`query($id: ID!) { accountInfluence(accountId: $id) { score } }`, { id: ids['lena.drives'] }, owner.headers);
    const expected = Math.round(api.data.accountInfluence.score);
    await page.goto(`${t.url}/accounts/${ids['lena.drives']}`);
    await page.getByLabel(`Influence score ${expected}`).waitFor();
    await page.getByRole('meter', { name: 'Reach' }).waitFor();
    const chart = page.getByRole('img', { name: 'Influence score by day' });
    await chart.waitFor();
    // The marker sits on the first day of the new model version, labelled with it.
    expect(await chart.textContent()).toContain(INFLUENCE_MODEL_VERSION);
    await page.getByRole('cell', { name: /regen braking is a revelation/ }).waitFor();
    await page.getByText('No topics yet').waitFor();
    await shot(page, 'profile');
  });
});
