import { signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createCodeCampaign, gql, type SmtpCapture, startSmtpCapture, toOf } from './campaign-test-helpers.js';

describe('invitation delivery: retried after a temporary SMTP failure, delivered exactly once', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpCapture({ rejectFirst: (to) => to === 'busy@retry.test' });
    t = await createTestApp({ SMTP_URL: smtp.url });
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('a 451 on the first attempt is retried with backoff and the invitation arrives once', async () => {
    const brand = await signUpBrand(t);
    const c = await createCodeCampaign(t, brand.headers, ['RETRY-1']);
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    await gql(t, brand.headers, `mutation { importInfluencerContacts(csv: "platform,handle,email\\ntwitter,busy,busy@retry.test\\n", consentBasis: "consent") { imported } }`);
    const contacts = await gql(t, brand.headers, `{ influencerContacts { id } }`);
    await gql(t, brand.headers, `mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: c.id, c: [contacts.influencerContacts[0].id] });

    await smtp.waitFor((m) => toOf(m) === 'busy@retry.test', 'the retried invitation', 60_000);
    // The server has the message before the worker records it as sent: wait (briefly) for that record.
    const outbox = () => t.db.pool.query(`SELECT status, attempts FROM mail_outbox WHERE kind = 'campaigns.invitation'`).then((r) => r.rows);
    let rows = await outbox();
    for (const until = Date.now() + 10_000; rows[0]?.status !== 'sent' && Date.now() < until; rows = await outbox()) await new Promise((r) => setTimeout(r, 100));
    expect(rows).toEqual([{ status: 'sent', attempts: 2 }]);
    // Give a stray duplicate job every chance to show up: still one message.
    await t.db.pool.query(`SELECT pg_sleep(2)`);
    expect(smtp.messages.filter((m) => toOf(m) === 'busy@retry.test')).toHaveLength(1);
  });
});
