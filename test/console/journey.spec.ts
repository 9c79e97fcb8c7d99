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
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
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
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByText('No API keys yet').waitFor();
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
});
