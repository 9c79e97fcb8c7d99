import { MAIL_SEND_QUEUE, MailSuppressions, QueueService } from '../../libs/core/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { codeOf, signUpBrand, tokenFromLink, uniqueEmail } from './accounts-test-helpers.js';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.js';

const INVITE = `mutation($email: String!, $role: BrandRole!) { inviteTeamMember(email: $email, role: $role) { id } }`;

async function waitForStatus(t: TestApp, to: string, status: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await t.db.pool.query(`SELECT * FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [to]);
    if (rows[0]?.status === status) return rows[0];
    if (Date.now() > deadline) throw new Error(`mail to ${to} is ${rows[0]?.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The worker polls each second and CI machines are shared: give delivery room.
const slowIt = (name: string, fn: () => Promise<void>) => it(name, fn, 150_000);

describe('mail outbox delivered by the worker over SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Renown <team@renown.test>' });
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  slowIt('sends the team invitation queued by the API: HTML and text, with a working link', async () => {
    const owner = await signUpBrand(t, { brandName: 'Mail Motors' });
    const email = uniqueEmail('invitee');
    const before = smtp.messages.length;
    expect((await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers)).errors).toBeUndefined();
    const messages = await smtp.waitFor(before + 2, 90_000); // the owner's confirmation mail and the invitation
    const mail = messages.find((m) => m.subject?.includes('Mail Motors') && m.to && JSON.stringify(m.to).includes(email))!;
    expect(mail.from?.value[0]).toMatchObject({ name: 'Renown', address: 'team@renown.test' });
    expect(mail.html).toContain('/accept-invitation?token=');
    expect(mail.text).toContain('/accept-invitation?token=');

    const link = new URL(mail.text!.match(/https?:\/\/\S+accept-invitation\?token=[\w-]+/)![0]);
    expect(link.origin).toBe(t.config.PUBLIC_URL);
    const accepted = await t.graphql(
      `mutation($input: AcceptTeamInvitationInput!) { acceptTeamInvitation(input: $input) { role brand { name } } }`,
      { input: { token: link.searchParams.get('token'), name: 'Invitee', password: 'invitee password' } },
    );
    expect(accepted.data.acceptTeamInvitation).toEqual({ role: 'MEMBER', brand: { name: 'Mail Motors' } });

    const row = await waitForStatus(t, email, 'sent');
    expect(row.attempts).toBe(1);
    expect(row.provider_message_id).toBeTruthy();
  });

  slowIt('never sends one row twice, even when its job runs again', async () => {
    const owner = await signUpBrand(t);
    const email = uniqueEmail('once');
    await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers);
    const row = await waitForStatus(t, email, 'sent');
    const queue = t.app.get(QueueService);
    const jobIds = [await queue.send(MAIL_SEND_QUEUE, { outboxId: row.id }), await queue.send(MAIL_SEND_QUEUE, { outboxId: row.id })];
    // Wait until the worker has run both duplicate jobs to the end.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const states = await Promise.all(jobIds.map(async (id) => (await queue.getJob(MAIL_SEND_QUEUE, id!))?.state));
      if (states.every((s) => s === 'completed')) break;
      if (Date.now() > deadline) throw new Error(`duplicate jobs did not finish: ${states.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(1);
  });

  slowIt('retries with backoff after a temporary SMTP failure, and delivers once', async () => {
    const owner = await signUpBrand(t);
    const email = uniqueEmail('retry');
    await waitForStatus(t, owner.email, 'sent'); // the owner's own confirmation mail is out of the way
    smtp.failNext(1);
    await t.graphql(INVITE, { email, role: 'ADMIN' }, owner.headers);
    const row = await waitForStatus(t, email, 'sent');
    expect(row.attempts).toBe(2);
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(1);
  });

  slowIt('does not mail a suppressed address', async () => {
    const owner = await signUpBrand(t);
    const email = uniqueEmail('suppressed');
    await t.app.get(MailSuppressions).add(email, 'unsubscribed');
    expect(await t.app.get(MailSuppressions).isSuppressed(email.toUpperCase())).toBe(true);
    await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers);
    await waitForStatus(t, email, 'suppressed');
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(0);
  });

  slowIt('queues nothing when the request fails: the mail is part of its transaction', async () => {
    const owner = await signUpBrand(t);
    const email = uniqueEmail('dup');
    await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers);
    await t.graphql(`mutation($input: AcceptTeamInvitationInput!) { acceptTeamInvitation(input: $input) { role } }`, {
      input: { token: tokenFromLink((await waitForStatus(t, email, 'sent')).text), name: 'Dup', password: 'dup password 1' },
    });
    // Inviting an existing member fails (CONFLICT) inside the transaction: no outbox row, no job.
    const count = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [email])).rows[0].n;
    const before = await count();
    expect(codeOf(await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers))).toBe('CONFLICT');
    expect(await count()).toBe(before);
  });

  slowIt('hides the local mail page when SMTP_URL is set', async () => {
    expect((await fetch(`${t.url}/dev/mail`)).status).toBe(404);
  });
});

describe('mail kept locally without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.startWorker();
  });
  afterAll(() => t.close());

  slowIt('keeps the message (status kept) and shows it on /dev/mail with its link', async () => {
    const owner = await signUpBrand(t, { brandName: 'Local Brand' });
    const email = uniqueEmail('local');
    await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers);
    const row = await waitForStatus(t, email, 'kept');

    const list = await fetch(`${t.url}/dev/mail`);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain(`/dev/mail/${row.id}`);
    expect(html).toContain('Local Brand');

    const page = await (await fetch(`${t.url}/dev/mail/${row.id}`)).text();
    expect(page).toContain('accept-invitation?token=');
    const json = await (await fetch(`${t.url}/dev/mail/${row.id}?format=json`)).json();
    expect(json.status).toBe('kept');
    const token = tokenFromLink(json.text);
    const accepted = await t.graphql(`mutation($input: AcceptTeamInvitationInput!) { acceptTeamInvitation(input: $input) { role } }`, {
      input: { token, name: 'Local', password: 'local password 1' },
    });
    expect(accepted.data.acceptTeamInvitation.role).toBe('MEMBER');
    expect((await fetch(`${t.url}/dev/mail/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});
