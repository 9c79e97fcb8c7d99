import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemoDataset } from '../support/demo-dataset.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildConsole, launchBrowser, screenshots } from './support/browser.js';
import { linkIn, startSmtpCatcher } from './support/smtp-catcher.js';

/**
 * The brand console's journey in a real Chromium against the real API (serving the built console), on the
 * demo dataset (the generated social graph, imported and scored as `npm start` does), with mail delivered by
 * the worker to a real SMTP server: sign up, search "top influencers in automotive", open a profile,
 * shortlist, create a campaign with 3 codes, invite the list, claim from the mailed link, see the claim.
 * Screenshots: test-artifacts/console/journey/.
 */
/** A download with the browser's session; once more if a kept-alive connection was closed under it. */
async function download(page: Page, url: string) {
  try {
    return await page.request.get(url);
  } catch (e) {
    if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
    return page.request.get(url);
  }
}

describe('brand console journey', () => {
  const email = 'maria@acme-motors.test';
  const password = 'correct horse battery';
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shot = screenshots('journey');

  beforeAll(async () => {
    buildConsole();
    smtp = await startSmtpCatcher();
    t = await createTestApp({ SMTP_URL: smtp.url, LOG_LEVEL: 'error' });
    await loadDemoDataset(t.db.url);
    await t.startWorker();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    // Links in mail and Stripe's return URLs carry PUBLIC_URL (http://localhost:3000 in tests): the browser
    // is sent on to the test server, as a proxy in front of a real deployment would.
    await context.route('http://localhost:3000/**', (route) => {
      const u = new URL(route.request().url());
      return route.fulfill({ status: 302, headers: { location: `${t.url}${u.pathname}${u.search}` } });
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000); // a ceiling for slow shared CI machines, not a speed assertion
    page.on('pageerror', (e) => console.log('page error:', e.message));
    page.on('dialog', (d) => void d.accept());
  }, 300_000);

  // The page as it was when a step ended, so a failure can be seen, not just read.
  afterEach(async () => {
    await page?.screenshot({ path: `test-artifacts/console/journey/last-step.png`, fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('sends a visitor to the login page, and signs up a brand', async () => {
    await page.goto(`${t.url}/campaigns`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Maria Rossi');
    await page.getByLabel('Brand').fill('Acme Motors');
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Password').fill(password);
    await shot(page, 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain(email);
    await shot(page, 'check-your-email');
  });

  it('confirms the email from the link in the mail, which logs the owner in', async () => {
    const mail = await smtp.waitFor(email, /confirm/i);
    await page.goto(linkIn(mail, '/verify-email', t.url));
    await page.getByRole('heading', { name: /Welcome to Renown, Maria/ }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Acme Motors');
    await shot(page, 'welcome');
    // Keyboard users get a skip link first on a page load, which lands them on the page's content.
    await page.reload();
    await page.getByRole('heading', { name: /Renown, Maria|Hello, Maria/ }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('logs out and back in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, 'log-in-refused');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: /Hello, Maria/ }).waitFor();
  });

  it('creates an API key, shown once, that then works against the API', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'API keys', exact: true }).waitFor();
    await page.getByText('No API keys yet').waitFor();
    await page.getByText('this device').waitFor();
    await page.getByLabel('New key name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByLabel('New API key').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('cell', { name: 'CRM sync' }).waitFor();
    await shot(page, 'api-key-created');
    const me = await t.graphql('{ me { actorType brand { name } } }', {}, { authorization: `Bearer ${secret}` });
    expect(me.data?.me).toEqual({ actorType: 'API_KEY', brand: { name: 'Acme Motors' } });

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.reload();
    await page.getByRole('cell', { name: 'CRM sync' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(/revoked/).waitFor();
    const refused = await t.graphql('{ me { actorType } }', {}, { authorization: `Bearer ${secret}` });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await shot(page, 'api-key-revoked');
  });

  it('invites a teammate with a role, who joins from the mailed link', async () => {
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Invite a teammate' }).waitFor();
    await page.getByLabel('Email').fill('sam@acme-motors.test');
    await page.getByLabel('Role').selectOption('ADMIN');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to sam@acme-motors.test').waitFor();
    await page.getByRole('cell', { name: 'sam@acme-motors.test' }).waitFor();
    await shot(page, 'team-invited');

    const mail = await smtp.waitFor('sam@acme-motors.test', /invited you/i);
    const sam = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const samPage = await sam.newPage();
    await samPage.goto(linkIn(mail, '/accept-invitation', t.url));
    await samPage.getByLabel('Your name').fill('Sam Lee');
    await samPage.getByLabel('Password').fill('another good password');
    await samPage.getByRole('button', { name: 'Accept the invitation' }).click();
    await samPage.getByRole('heading', { name: /Hello, Sam/ }).waitFor();
    await sam.close();

    await page.reload();
    const row = page.getByRole('row', { name: /sam@acme-motors.test/ });
    await row.waitFor();
    const changed = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postData()?.includes('ChangeMemberRole') === true);
    await page.getByLabel('Role of sam@acme-motors.test').selectOption('MEMBER');
    expect((await (await changed).json()).data.changeMemberRole.role).toBe('MEMBER');
    await shot(page, 'team-joined');
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('row', { name: /sam@acme-motors.test/ }).waitFor({ state: 'detached' });
    await shot(page, 'team-removed');
  });

  it('shows billing as off when no Stripe keys are configured', async () => {
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByTestId('billing-off').waitFor();
    await shot(page, 'billing-off');
  });

  it("registers the brand's own account in Settings, then sees who matters to its audience and sets alerts", async () => {
    // A mid-sized demo account stands in for the brand's own handle.
    const { rows: [own] } = await t.db.pool.query(
      `SELECT a.handle FROM social_accounts a JOIN interactions i ON i.target_account_id = a.id AND i.deleted_at IS NULL AND i.actor_account_id <> a.id
        WHERE NOT a.is_stub AND a.handle IS NOT NULL GROUP BY a.id HAVING count(DISTINCT i.actor_account_id) BETWEEN 40 AND 400
        ORDER BY count(DISTINCT i.actor_account_id) DESC, a.id LIMIT 1`,
    );
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('No accounts registered').waitFor();
    await page.getByLabel('Handle').fill(`@${own.handle}`);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText(`@${own.handle} on twitter is registered`).waitFor();
    await page.getByRole('table', { name: "The brand's social accounts" }).getByText(`@${own.handle}`, { exact: false }).first().waitFor();
    await shot(page, 'settings-brand-account');

    await page.getByRole('link', { name: 'Audience' }).click();
    // The ranking is computed by the worker right after the account is registered: reload until it is there.
    const table = page.getByRole('table', { name: 'Who matters to us' });
    for (let i = 0; i < 60 && !(await table.isVisible()); i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByRole('heading', { name: 'Who matters to us' }).waitFor();
    }
    await table.waitFor();
    const firstRow = table.getByRole('row').nth(1);
    expect(await firstRow.getByRole('cell').first().textContent()).toBe('1');
    expect((await firstRow.textContent())!.length).toBeGreaterThan(20);
    await page.getByLabel('Relationship').selectOption('follows');
    await page.getByRole('table', { name: 'Who matters to us' }).or(page.getByText('Nobody with this relationship yet')).first().waitFor();

    await page.getByLabel('Send alerts').check();
    await page.getByLabel('Minimum Renown score').fill('70');
    await page.getByLabel('Email digest').selectOption('daily');
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await page.getByText('Alert settings saved').waitFor();
    await page.getByLabel('Webhook URL').fill('https://hooks.acme-motors.test/renown');
    await page.getByRole('button', { name: 'Save webhook' }).click();
    const secret = (await page.getByLabel('Webhook signing secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await shot(page, 'audience');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.reload();
    await page.getByLabel('Webhook URL').waitFor();
    expect(await page.getByLabel('Webhook URL').inputValue()).toBe('https://hooks.acme-motors.test/renown');
    expect(await page.getByLabel('Minimum Renown score').inputValue()).toBe('70');
    expect(await page.content()).not.toContain(secret);
  }, 180_000);

  let profileId = '';
  it('searches "top influencers in automotive": the reading as chips, ranked rows with score, topics, trend and why, pages', async () => {
    await page.getByRole('link', { name: 'Discover' }).click();
    await page.getByLabel('What are you looking for?').fill('top influencers in automotive');
    await page.getByRole('button', { name: 'Search' }).click();
    const chips = page.getByRole('group', { name: 'Understood as' });
    await chips.getByText('Cars', { exact: true }).waitFor();
    const results = page.getByRole('table', { name: 'Influencers' });
    // The results block says when it is loading (aria-busy): wait for a search or a page to have arrived.
    const settled = page.locator('section[aria-labelledby="results-heading"][aria-busy="false"]');
    await results.waitFor();
    await settled.waitFor();
    const rows = results.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(5);
    const first = rows.nth(1);
    // Score badge, a why-line in words and a topic chip about cars on every row we look at.
    expect(await first.getByLabel(/^Score \d+$/).count()).toBe(1);
    const firstText = (await first.textContent())!;
    expect(firstText).toMatch(/Cars|Auto|Electric|vehicle/i);
    // The 30-day trend loads row by row after the results (one small query each): its column is there.
    await results.getByRole('columnheader', { name: '30 days' }).waitFor();
    await shot(page, 'discover-results');

    // The chips are editable: a topic taken away is searched again without it.
    const topicChips = await chips.getByRole('button', { name: /^Remove / }).count();
    if (topicChips > 1) {
      const removed = (await chips.getByRole('button', { name: /^Remove / }).last().getAttribute('aria-label'))!.replace('Remove ', '');
      // By keyboard: the chip's remove button is a real button.
      await chips.getByRole('button', { name: `Remove ${removed}` }).focus();
      await page.keyboard.press('Enter');
      await chips.getByRole('button', { name: `Remove ${removed}` }).waitFor({ state: 'detached' });
      await chips.getByText('Cars', { exact: true }).waitFor();
      await settled.waitFor();
    }
    // Paging keeps the order of the first page.
    if (await page.getByRole('button', { name: 'Next →' }).isEnabled()) {
      const firstName = await results.getByRole('row').nth(1).getByRole('link').first().textContent();
      await page.getByRole('button', { name: 'Next →' }).click();
      await page.getByText('Page 2').waitFor();
      await settled.waitFor();
      expect(await results.getByRole('row').nth(1).getByRole('cell').nth(1).textContent()).toBe('21');
      await page.getByRole('button', { name: '← Previous' }).click();
      await page.getByText('Page 1').waitFor();
      await settled.waitFor();
      expect(await results.getByRole('row').nth(1).getByRole('link').first().textContent()).toBe(firstName);
    }
    await results.getByRole('row').nth(1).getByRole('link').first().click();
    await page.waitForURL(/\/accounts\/\d+$/);
    profileId = page.url().match(/\/accounts\/(\d+)$/)![1]!;
  }, 180_000);

  it('opens the profile and shortlists the person on a new list', async () => {
    await page.getByLabel(/^Influence score \d+$/).first().waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Topics' }).waitFor();
    await page.getByRole('heading', { name: 'Audience quality' }).waitFor({ timeout: 60_000 });
    await page.getByRole('table', { name: 'Linked accounts' }).waitFor();
    await shot(page, 'profile');
    const shortlist = page.getByRole('region', { name: 'Shortlist' });
    await shortlist.getByLabel('Shortlist').selectOption('__new__');
    await shortlist.getByLabel('New list name').fill('Spring EV launch');
    await shortlist.getByRole('button', { name: 'Add to list' }).click();
    await shortlist.getByText('1 added to “Spring EV launch”').waitFor();
    await page.getByRole('region', { name: /^More like/ }).waitFor();
    await shot(page, 'profile-shortlisted');
    await shortlist.getByRole('link', { name: 'Open the list' }).click();
    await page.getByRole('heading', { name: 'Spring EV launch' }).waitFor();
  }, 180_000);

  let creator = { handle: '', platform: '' };
  it('keeps a note and a tag on the list entry, and exports the list as CSV', async () => {
    const { rows: [acc] } = await t.db.pool.query(`SELECT handle, platform FROM social_accounts WHERE id = $1`, [profileId]);
    creator = acc;
    const entries = page.getByRole('table', { name: 'People on Spring EV launch' });
    await entries.waitFor();
    expect(await entries.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: /^Edit note and tags of/ }).click();
    await page.getByLabel(/^Note on/).fill('Great mountain-road videos');
    await page.getByLabel(/^Tags of/).fill('ev, priority');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Great mountain-road videos').waitFor();
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /priority/ }).waitFor();
    await shot(page, 'shortlist');
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await download(page, `${t.url}${href}`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain(creator.handle);
    expect(text).toContain('Great mountain-road videos');

    // "More like this" for the person: similar accounts not on the list yet, each with why.
    await page.getByRole('button', { name: 'More like this' }).click();
    const alike = page.getByRole('table', { name: /^Lookalikes of / });
    await alike.waitFor({ timeout: 60_000 });
    expect(await alike.getByRole('row').count()).toBeGreaterThan(1);
    expect(await alike.textContent()).not.toContain(`@${creator.handle} ·`);
    await shot(page, 'shortlist-lookalikes');
  }, 180_000);

  let campaignUrl = '';
  it('creates a campaign with 3 codes that invites the list, and mails the invitation', async () => {
    await page.getByRole('link', { name: 'Invite this list to a campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();

    await page.getByLabel('Campaign name').fill('Spring EV test drive');
    await page.getByLabel('Discount code').check();
    await page.getByLabel('Perk title').fill('20% off any accessory');
    await page.getByLabel('Brief').fill('Tell your followers how the EV handles on a mountain road.');
    await page.getByLabel('Expected hashtags').fill('#acmespring');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('3');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Upload at least 3 codes: 0 so far.').waitFor();
    await page.getByLabel('Or paste codes').fill('code\nACME-SPRING-1\nACME-SPRING-2\nACME-SPRING-3\n');
    await page.getByText('3 codes ready to upload.').waitFor();
    await shot(page, 'wizard-codes');
    await page.getByRole('button', { name: 'Next' }).click();

    // The list arrives preselected; the brand adds the email it holds for the person (with its consent basis).
    const list = page.getByLabel('Invite a shortlist');
    await list.locator('option', { hasText: 'Spring EV launch' }).waitFor({ state: 'attached' });
    expect(await list.locator('option:checked').textContent()).toContain('Spring EV launch');
    await page.getByText('No contacts yet').waitFor();
    await page.getByLabel('Contacts CSV').fill(`platform,handle,email,name\n${creator.platform},${creator.handle},lena@creators.test,Lena Drives\n`);
    await page.getByRole('button', { name: 'Import contacts' }).click();
    await page.getByText(/1 added/).waitFor();
    await shot(page, 'wizard-targeting');
    await page.getByRole('button', { name: 'Next' }).click();

    const preview = page.getByLabel('Invitation email preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Acme Motors would like to send you 20% off any accessory');
    expect(await preview.textContent()).toContain('the list “Spring EV launch”');
    await shot(page, 'wizard-preview');
    await page.getByRole('button', { name: 'Continue to launch' }).click();
    await page.getByRole('button', { name: 'Launch campaign' }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    campaignUrl = page.url();
    await page.getByRole('heading', { name: 'Spring EV test drive' }).waitFor();
    await page.getByRole('cell', { name: /lena@creators.test/ }).waitFor();
    expect(await page.getByText('No claims yet').count()).toBe(1);
    await shot(page, 'dashboard-invited');
  }, 180_000);

  it('lets the creator claim from the mailed link, and shows the claim on the dashboard', async () => {
    const mail = await smtp.waitFor('lena@creators.test', /would like to send you/);
    const creatorContext = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const claimPage = await creatorContext.newPage();
    await claimPage.goto(linkIn(mail, '/claim/', t.url));
    await claimPage.getByRole('button', { name: /Accept/ }).waitFor();
    await shot(claimPage, 'claim-page');
    await claimPage.getByRole('button', { name: /Accept/ }).click();
    await claimPage.getByText(/You claimed 20% off any accessory/).waitFor();
    const claimed = await claimPage.content();
    const code = claimed.match(/ACME-SPRING-\d/)?.[0];
    expect(code).toBeDefined();
    await shot(claimPage, 'claimed');
    await creatorContext.close();

    await page.goto(campaignUrl);
    await page.getByRole('cell', { name: code! }).waitFor();
    expect(await page.getByRole('group', { name: 'Campaign funnel' }).textContent()).toMatch(/Claimed\s*1/);
    await shot(page, 'dashboard-claimed');

    const csv = await download(page, `${campaignUrl}/report.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(creator.handle);
  }, 180_000);

  it('invites the best matches of a search to a second campaign (a discovery-query target), which mails the person again', async () => {
    await page.getByRole('link', { name: 'Discover' }).click();
    await page.getByLabel('What are you looking for?').fill('top influencers in automotive');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('section[aria-labelledby="results-heading"][aria-busy="false"]').waitFor();
    await page.getByRole('button', { name: 'Invite the best matches to a new campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();
    await page.getByLabel('Campaign name').fill('EV weekend');
    await page.getByLabel('Digital perk or experience').check();
    await page.getByLabel('Perk title').fill('A weekend with our new EV');
    await page.getByLabel('Instructions').fill('We will call you to book the weekend.');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('5');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await page.getByLabel('Or invite the best matches of a search').inputValue()).toBe('top influencers in automotive');
    await page.getByRole('button', { name: 'Next' }).click();
    const preview = page.getByLabel('Invitation email preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('the best matches of “top influencers in automotive”');
    await page.getByRole('button', { name: 'Continue to launch' }).click();
    await page.getByRole('button', { name: 'Launch campaign' }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    await page.getByRole('heading', { name: 'EV weekend' }).waitFor();
    // The brand holds one email among the matches: that person is invited, by mail.
    await page.getByRole('cell', { name: /lena@creators.test/ }).waitFor();
    await smtp.waitFor('lena@creators.test', /A weekend with our new EV/);
    await shot(page, 'dashboard-invited-from-search');
  }, 180_000);

  it('says plainly when a search matches nothing, and when a profile does not exist', async () => {
    await page.getByRole('link', { name: /Discover/ }).click();
    await page.getByLabel('What are you looking for?').fill('zorbing influencers');
    await page.getByLabel('What are you looking for?').press('Enter');
    await page.getByText(/zorbing/i).first().waitFor();
    await shot(page, 'discover-nothing');
    await page.getByRole('link', { name: 'Profiles' }).click();
    await page.getByLabel('Social account id').fill('424242424');
    await page.getByRole('button', { name: 'Open profile' }).click();
    await page.getByText('No account 424242424').waitFor();
    await shot(page, 'profile-unknown');
  });
});
