import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueService } from '@renown/core';
import { BRAND_ALERTS_SCAN_QUEUE } from '@renown/discovery/brand-audience/index.js';
import { addTeamMember, codeOf, type SignedUp, signUpBrand } from '../accounts/accounts-test-helpers.js';
import { startSmtpCapture, type SmtpCapture } from '../campaigns/campaign-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { SocialGraphFactory } from './brand-audience-fixtures.js';

/** The receiver's check, written as the README tells brands to (not with Renown's own helper). */
function verifyRenownSignature(rawBody: string, header: string | undefined, secret: string, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Receiver {
  url: string;
  secret: string;
  /** Event ids accepted (2xx), in order; a duplicate would appear twice. */
  accepted: string[];
  events: any[];
  badSignatures: number;
  /** Answer the next n requests with 500. */
  failNext: number;
  requests: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { accepted: [] as string[], events: [] as any[], badSignatures: 0, failNext: 0, requests: 0, secret: '' } as Receiver;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    receiver.requests++;
    if (!verifyRenownSignature(body, req.headers['renown-signature'] as string | undefined, receiver.secret)) {
      receiver.badSignatures++;
      res.writeHead(400).end('bad signature');
      return;
    }
    if (receiver.failNext > 0) {
      receiver.failNext--;
      res.writeHead(500).end('try again');
      return;
    }
    const event = JSON.parse(body);
    expect(req.headers['renown-event-id']).toBe(event.id);
    receiver.accepted.push(event.id);
    receiver.events.push(event);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/renown-alerts`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ALERTS = `{ brandAlerts(first: 50) { id type score account { id handle } brandAccountHandle digestedAt webhookStatus webhookAttempts } }`;

describe('brand alerts: email digest and signed webhook (real API, worker, SMTP and HTTP receiver)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: SmtpCapture;
  let receiver: Receiver;
  let graph: SocialGraphFactory;
  let owner: SignedUp;
  /** Everyone in the brand with a confirmed address: each gets the digest. */
  const people: string[] = [];
  const acc: Record<string, { id: string; handle: string }> = {};

  const scan = () => worker.get(QueueService).send(BRAND_ALERTS_SCAN_QUEUE, {});
  const eventCount = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM brand_alert_events WHERE brand_id = $1`, [owner.brandId])).rows[0].n as number;
  const digestMails = () => smtp.messages.filter((m) => /noticed Acme Alerts/.test(m.subject ?? ''));

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    receiver = await startReceiver();
    t = await createTestApp({ SMTP_URL: smtp.url });
    worker = await t.startWorker();
    graph = new SocialGraphFactory(t.db.pool);
    owner = await signUpBrand(t, { brandName: 'Acme Alerts' });
    people.push(owner.email, (await addTeamMember(t, owner.headers, 'MEMBER')).email);

    acc.brand = await graph.account('acmealerts', { score: 60 });
    acc.bigshot = await graph.account('bigshot', { score: 80, displayName: 'Big Shot' });
    acc.smallfry = await graph.account('smallfry', { score: 20 });
    // Before the brand registers and switches alerts on: history, never an alert.
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention', new Date('2026-01-01T00:00:00Z'));
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await smtp?.close();
  });

  it('shows the webhook secret once, validates the settings, and refuses them to members', async () => {
    const reg = await t.graphql(`mutation($h: String!) { registerBrandAccount(input: { platform: "twitter", handle: $h }) { id } }`, { h: acc.brand.handle }, owner.headers);
    expect(reg.errors).toBeUndefined();
    const bad = await t.graphql(`mutation { updateBrandAlertSettings(input: { minScore: 150 }) { minScore } }`, {}, owner.headers);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const set = await t.graphql(`mutation { updateBrandAlertSettings(input: { enabled: true, minScore: 50, digestPeriod: hourly }) { enabled minScore digestPeriod } }`, {}, owner.headers);
    expect(set.data.updateBrandAlertSettings).toEqual({ enabled: true, minScore: 50, digestPeriod: 'hourly' });

    const badUrl = await t.graphql(`mutation { setBrandAlertWebhook(url: "ftp://example.com/x") { secret } }`, {}, owner.headers);
    expect(codeOf(badUrl)).toBe('BAD_USER_INPUT');
    const hook = await t.graphql(`mutation($u: String!) { setBrandAlertWebhook(url: $u) { secret settings { webhookUrl webhookSecretHint } } }`, { u: receiver.url }, owner.headers);
    expect(hook.errors).toBeUndefined();
    receiver.secret = hook.data.setBrandAlertWebhook.secret;
    expect(receiver.secret).toMatch(/^whsec_/);
    expect(hook.data.setBrandAlertWebhook.settings).toEqual({ webhookUrl: receiver.url, webhookSecretHint: `${receiver.secret.slice(0, 10)}…` });
    // Never shown again: the settings carry only the hint.
    const read = await t.graphql(`{ brandAlertSettings { webhookUrl webhookSecretHint enabled } }`, {}, owner.headers);
    expect(JSON.stringify(read.data)).not.toContain(receiver.secret);

    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    people.push(member.email);
    expect(codeOf(await t.graphql(`mutation { setBrandAlertWebhook(url: "http://127.0.0.1:1/x") { secret } }`, {}, member.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql(`mutation { updateBrandAlertSettings(input: { enabled: false }) { enabled } }`, {}, member.headers))).toBe('FORBIDDEN');
  });

  it('mails one digest per period to the brand\'s people and posts one signed webhook per event, retrying a failed one without double delivery', async () => {
    receiver.failNext = 1; // the first POST fails: it must be retried, and nothing delivered twice
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention');
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention');
    await graph.interact(acc.bigshot.id, acc.brand.id, 'follow');
    await graph.interact(acc.smallfry.id, acc.brand.id, 'mention'); // below the threshold
    await graph.interact(acc.bigshot.id, acc.brand.id, 'repost'); // not a mention or follow
    await scan();
    await scan(); // a second scan over the same rows finds nothing new

    await waitUntil('the digest for each person of the brand', async () => digestMails().length >= people.length);
    const mails = digestMails();
    expect(mails.map((m) => (m.to as any).value[0].address).sort()).toEqual([...people].sort());
    const text = mails[0].text ?? '';
    expect(mails[0].subject).toBe('1 influential account noticed Acme Alerts');
    expect(text).toContain(`Big Shot (@${acc.bigshot.handle} on twitter, score 80) started following and mentioned 2 times @${acc.brand.handle}`);
    expect(text).not.toContain(acc.smallfry.handle);

    await waitUntil('three webhooks delivered', async () => receiver.accepted.length >= 3);
    const alerts = await waitUntil('webhook statuses', async () => {
      const res = await t.graphql(ALERTS, {}, owner.headers);
      return res.data.brandAlerts.every((a: any) => a.webhookStatus === 'delivered') && res.data.brandAlerts;
    });
    expect(alerts).toHaveLength(3);
    expect(alerts.map((a: any) => a.type).sort()).toEqual(['follow', 'mention', 'mention']);
    expect(alerts.every((a: any) => a.account.handle === acc.bigshot.handle && a.score === 80 && a.digestedAt)).toBe(true);
    expect(alerts.map((a: any) => a.webhookAttempts).sort()).toEqual([1, 1, 2]);
    expect(new Set(receiver.accepted).size).toBe(receiver.accepted.length);
    expect(new Set(receiver.accepted)).toEqual(new Set(alerts.map((a: any) => a.id)));
    expect(receiver.badSignatures).toBe(0);
    expect(receiver.requests).toBe(4);
    const follow = receiver.events.find((e) => e.type === 'brand_audience.follow');
    expect(follow.data).toMatchObject({ account: { id: acc.bigshot.id, handle: acc.bigshot.handle, score: 80 }, brandAccount: { id: acc.brand.id, handle: acc.brand.handle } });
    expect(await eventCount()).toBe(3);
  });

  it('holds new alerts until the digest period has passed, then mails only those', async () => {
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention');
    await scan();
    await waitUntil('the fourth alert', async () => (await eventCount()) === 4);
    await waitUntil('its webhook', async () => receiver.accepted.length === 4);
    await scan();
    await waitUntil('the scan after it', async () => {
      const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'active', 'retry')`, [BRAND_ALERTS_SCAN_QUEUE]);
      return rows[0].n === 0;
    });
    // Within the hour: no second mail, the alert waits for the next digest.
    const queued = await t.db.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'discovery.brand-alert-digest' AND brand_id = $1`, [owner.brandId]);
    expect(queued.rows[0].n).toBe(people.length);
    expect(digestMails()).toHaveLength(people.length);
    const waiting = (await t.graphql(ALERTS, {}, owner.headers)).data.brandAlerts.filter((a: any) => !a.digestedAt);
    expect(waiting).toHaveLength(1);

    // An hour later (moved back in the database rather than waited for).
    await t.db.pool.query(`UPDATE brand_alert_digests SET created_at = created_at - interval '61 minutes' WHERE brand_id = $1`, [owner.brandId]);
    await scan();
    await waitUntil('the second digest', async () => digestMails().length >= 2 * people.length);
    const second = digestMails().slice(people.length);
    expect(second).toHaveLength(people.length);
    expect(second[0].text).toContain(`Big Shot (@${acc.bigshot.handle} on twitter, score 80) mentioned once @${acc.brand.handle}`);
    expect(second[0].text).not.toContain('started following');
  });

  it('alerts nothing for interactions of accounts below a raised threshold, or when alerts are off', async () => {
    const before = await eventCount();
    await t.graphql(`mutation { updateBrandAlertSettings(input: { minScore: 90 }) { minScore } }`, {}, owner.headers);
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention');
    await t.graphql(`mutation { updateBrandAlertSettings(input: { minScore: 50, enabled: false }) { minScore } }`, {}, owner.headers);
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention');
    await scan();
    await waitUntil('the scan', async () => {
      const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'active', 'retry')`, [BRAND_ALERTS_SCAN_QUEUE]);
      return rows[0].n === 0;
    });
    expect(await eventCount()).toBe(before);
  });

  it('posts no webhook once the brand removed it, while the alert itself is still recorded', async () => {
    const requests = receiver.requests;
    const removed = await t.graphql(`mutation { removeBrandAlertWebhook { webhookUrl webhookSecretHint } }`, {}, owner.headers);
    expect(removed.data.removeBrandAlertWebhook).toEqual({ webhookUrl: null, webhookSecretHint: null });
    await t.graphql(`mutation { updateBrandAlertSettings(input: { enabled: true }) { enabled } }`, {}, owner.headers);
    const before = await eventCount();
    await graph.interact(acc.bigshot.id, acc.brand.id, 'mention');
    await scan();
    await waitUntil('the alert', async () => (await eventCount()) === before + 1);
    const [latest] = (await t.graphql(ALERTS, {}, owner.headers)).data.brandAlerts;
    expect(latest).toMatchObject({ type: 'mention', webhookStatus: null, webhookAttempts: null });
    expect(receiver.requests).toBe(requests);
  });
});
