import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildConsole, launchBrowser, screenshots } from './support/browser.js';
import { linkIn, startSmtpCatcher } from './support/smtp-catcher.js';

/**
 * The brand console's journey in a real Chromium against the real API (serving the built console), with
 * mail delivered by the worker to a real SMTP server. Screenshots: test-artifacts/console/journey/.
 */
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
  }, 120_000);

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

  let campaignUrl = '';
  it('creates a campaign with 3 codes, imports a creator and launches it, which mails the invitation', async () => {
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByText('No campaigns yet').waitFor();
    await shot(page, 'campaigns-empty');
    await page.getByRole('link', { name: 'New campaign' }).click();

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

    await page.getByText('No contacts yet').waitFor();
    await page.getByLabel('Contacts CSV').fill('platform,handle,email,name\nbluesky,lena.drives,lena@creators.test,Lena Drives\n');
    await page.getByRole('button', { name: 'Import contacts' }).click();
    await page.getByText(/1 added/).waitFor();
    await page.getByLabel(/Lena Drives/).check();
    await shot(page, 'wizard-targeting');
    await page.getByRole('button', { name: 'Next' }).click();

    const preview = page.getByLabel('Invitation email preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Acme Motors would like to send you 20% off any accessory');
    await shot(page, 'wizard-preview');
    await page.getByRole('button', { name: 'Continue to launch' }).click();
    await page.getByRole('button', { name: 'Launch campaign' }).click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    campaignUrl = page.url();
    await page.getByRole('heading', { name: 'Spring EV test drive' }).waitFor();
    await page.getByRole('cell', { name: /lena@creators.test/ }).waitFor();
    expect(await page.getByText('No claims yet').count()).toBe(1);
    await shot(page, 'dashboard-invited');
  });

  it('lets the creator claim from the mailed link, and shows the claim on the dashboard', async () => {
    const mail = await smtp.waitFor('lena@creators.test', /would like to send you/);
    const creator = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const claimPage = await creator.newPage();
    await claimPage.goto(linkIn(mail, '/claim/', t.url));
    await claimPage.getByRole('button', { name: /Accept/ }).waitFor();
    await shot(claimPage, 'claim-page');
    await claimPage.getByRole('button', { name: /Accept/ }).click();
    await claimPage.getByText(/You claimed 20% off any accessory/).waitFor();
    const claimed = await claimPage.content();
    const code = claimed.match(/ACME-SPRING-\d/)?.[0];
    expect(code).toBeDefined();
    await shot(claimPage, 'claimed');
    await creator.close();

    await page.goto(campaignUrl);
    await page.getByRole('cell', { name: code! }).waitFor();
    expect(await page.getByRole('group', { name: 'Campaign funnel' }).textContent()).toMatch(/Claimed\s*1/);
    await shot(page, 'dashboard-claimed');

    const csv = await page.request.get(`${campaignUrl}/report.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('lena.drives');
  });

  it('reads a search into topics, says plainly that ranked results are not available yet, and says when a profile does not exist', async () => {
    await page.getByRole('link', { name: /Discover/ }).click();
    await page.getByLabel('What are you looking for?').fill('top influencers in automotive');
    await page.getByRole('button', { name: 'Search' }).click();
    // The reading of the query is live (topicSearch); ranked results wait for the discovery API.
    await page.getByLabel('Understood as').getByText('Cars', { exact: true }).waitFor();
    await page.getByText('Influencer results are not available yet').waitFor();
    await shot(page, 'discover-topics-only');
    await page.getByRole('link', { name: 'Profiles' }).click();
    await page.getByLabel('Social account id').fill('424242');
    await page.getByRole('button', { name: 'Open profile' }).click();
    await page.getByText('No account 424242').waitFor();
    await shot(page, 'profile-unknown');
  });
});
