import { UsageService } from '@renown/billing';
import { codeOf } from '../accounts/accounts-test-helpers.js';
import { type BillingHarness, createBrand, startBillingHarness, type TestMember } from '../billing/billing-fixtures.js';
import { createCodeCampaign, gql } from './campaign-test-helpers.js';

/** Billing on (fake Stripe): a new brand is on the Trial plan (2 active campaigns, 100 invitations a month). */
describe('campaign limits through billing, and the per-brand sending rate', () => {
  let h: BillingHarness;
  let owner: TestMember;
  beforeAll(async () => {
    h = await startBillingHarness();
    owner = await createBrand(h.app.db.pool, { name: 'Metered Co' });
  });
  afterAll(() => h.close());

  const activate = (id: string) => h.app.graphql(`mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id }, owner.headers);

  it('refuses a third active campaign on the Trial plan with QUOTA_EXCEEDED; ending one frees its slot', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createCodeCampaign(h.app, owner.headers, [`LIM-${i}-A`, `LIM-${i}-B`])).id);
    expect((await activate(ids[0])).data.setCampaignStatus.status).toBe('active');
    expect((await activate(ids[1])).data.setCampaignStatus.status).toBe('active');
    const third = await activate(ids[2]);
    expect(codeOf(third)).toBe('QUOTA_EXCEEDED');
    expect(third.errors![0].message).toMatch(/active campaigns/);
    await gql(h.app, owner.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: ended) { status } }`, { id: ids[1] });
    expect((await activate(ids[2])).data.setCampaignStatus.status).toBe('active');
  });

  it('counts invitations per month; a batch past the allowance is refused whole and nothing is mailed', async () => {
    const campaigns = await gql(h.app, owner.headers, `{ campaigns(status: active) { id } }`);
    const campaignId = campaigns.campaigns[0].id;
    await h.app.app.get(UsageService).record(owner.brandId as never, 'invitations', 98, 'earlier-invitations');
    const csv = ['platform,handle,email', ...[1, 2, 3].map((i) => `twitter,lim${i},lim${i}@quota.test`)].join('\n');
    await gql(h.app, owner.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv });
    const contacts = (await gql(h.app, owner.headers, `{ influencerContacts { id } }`)).influencerContacts.map((c: any) => c.id);
    const invite = (ids: string[]) => h.app.graphql(`mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: campaignId, c: ids }, owner.headers);

    const tooMany = await invite(contacts);
    expect(codeOf(tooMany)).toBe('QUOTA_EXCEEDED');
    const { rows } = await h.app.db.pool.query(`SELECT (SELECT count(*)::int FROM invitations) AS invitations, (SELECT count(*)::int FROM mail_outbox WHERE kind = 'campaigns.invitation') AS mails`);
    expect(rows[0]).toEqual({ invitations: 0, mails: 0 });

    expect((await invite(contacts.slice(0, 2))).data.inviteToCampaign.invited).toBe(2);
    const usage = await h.app.graphql(`{ billing { usage { metric used limit } } }`, {}, owner.headers);
    expect(usage.data.billing.usage).toContainEqual({ metric: 'INVITATIONS', used: 100, limit: 100 });
  });

  it('spreads a brand\'s invitation mail over send slots at its per-minute rate', async () => {
    const brand = await createBrand(h.app.db.pool, { name: 'Slow Sender' });
    await h.app.db.pool.query(`INSERT INTO campaign_mail_rate (brand_id, per_minute) VALUES ($1, 2)`, [brand.brandId]);
    const c = await createCodeCampaign(h.app, brand.headers, ['RATE-1', 'RATE-2', 'RATE-3']);
    await gql(h.app, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const csv = ['platform,handle,email', ...[1, 2, 3].map((i) => `twitter,rate${i},rate${i}@slow.test`)].join('\n');
    await gql(h.app, brand.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv });
    const contacts = (await gql(h.app, brand.headers, `{ influencerContacts { id } }`)).influencerContacts.map((x: any) => x.id);
    await gql(h.app, brand.headers, `mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: c.id, c: contacts });
    const { rows } = await h.app.db.pool.query(
      `SELECT j.start_after FROM mail_outbox o JOIN pgboss.job j ON j.name = 'mail.send' AND j.data->>'outboxId' = o.id::text
        WHERE o.brand_id = $1 AND o.kind = 'campaigns.invitation' ORDER BY j.start_after`,
      [brand.brandId],
    );
    expect(rows).toHaveLength(3);
    const gaps = rows.slice(1).map((r, i) => (r.start_after.getTime() - rows[i].start_after.getTime()) / 1000);
    expect(gaps).toEqual([30, 30]);
  });
});
