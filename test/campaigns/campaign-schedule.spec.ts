import { CampaignService } from '../../libs/campaigns/src/campaigns/campaign.service.js';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, createCodeCampaign, gql, insertAccounts, onApp } from './campaign-test-helpers.js';

describe('campaign schedule and the limit per person', () => {
  let t: TestApp;
  let brand: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t);
  });
  afterAll(() => t.close());

  async function invite(campaignId: string, rows: string[]) {
    await gql(t, brand.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv: ['platform,handle,email', ...rows].join('\n') });
    const emails = rows.map((r) => r.split(',')[2]);
    const contacts = (await gql(t, brand.headers, `{ influencerContacts { id email } }`)).influencerContacts.filter((c: any) => emails.includes(c.email));
    await gql(t, brand.headers, `mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: campaignId, c: contacts.map((c: any) => c.id) });
    const links: Record<string, string> = {};
    for (const email of emails) {
      const { rows: m } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE to_address = $1 AND kind = 'campaigns.invitation' ORDER BY created_at DESC LIMIT 1`, [email]);
      links[email] = onApp(t, claimLinkIn(m[0].text));
    }
    return links;
  }

  it('a link to a campaign that has not started says when it opens; an ended campaign says it is closed', async () => {
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const c = await createCodeCampaign(t, brand.headers, ['SCH-1'], { startsAt: startsAt.toISOString(), endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const links = await invite(c.id, ['twitter,early,early@sched.test']);
    const page = await fetch(links['early@sched.test']);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain(`Claims open on ${startsAt.toISOString().slice(0, 10)}`);
    expect((await fetch(links['early@sched.test'], { method: 'POST', body: new URLSearchParams({ action: 'accept' }) })).status).toBe(409);

    const campaigns = t.app.get(CampaignService, { strict: false });
    expect(await campaigns.endFinished(new Date(Date.now() + 6 * 86_400_000))).toBe(1);
    const after = await gql(t, brand.headers, `query($id: ID!) { campaign(id: $id) { status } }`, { id: c.id });
    expect(after.campaign.status).toBe('ended');
    const closed = await fetch(links['early@sched.test']);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('not open right now');
  });

  it('limits claims per person: a second address of the same account cannot claim again', async () => {
    const [account] = await insertAccounts(t, [{ platform: 'twitter', handle: 'twice' }]);
    const c = await createCodeCampaign(t, brand.headers, ['PER-1', 'PER-2']);
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const links = await invite(c.id, ['twitter,twice,twice-a@person.test', 'twitter,twice,twice-b@person.test']);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM influencer_contacts WHERE social_account_id = $1`, [account]);
    expect(rows[0].n).toBe(2);
    expect((await fetch(links['twice-a@person.test'], { method: 'POST', body: new URLSearchParams({ action: 'accept' }) })).status).toBe(201);
    const second = await fetch(links['twice-b@person.test'], { method: 'POST', body: new URLSearchParams({ action: 'accept' }) });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('You have already claimed this perk');
    const { rows: claims } = await t.db.pool.query(`SELECT count(*)::int AS n FROM claims WHERE campaign_id = $1`, [c.id]);
    expect(claims[0].n).toBe(1);
  });

  it('moving the claim deadline later keeps pending links working until the new deadline', async () => {
    const c = await createCodeCampaign(t, brand.headers, ['EXT-1'], { claimDeadline: new Date(Date.now() + 3_600_000).toISOString() });
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const links = await invite(c.id, ['twitter,late,late@sched.test']);
    const later = new Date(Date.now() + 10 * 86_400_000);
    await gql(t, brand.headers, `mutation($id: ID!, $d: DateTime!) { updateCampaign(id: $id, input: { claimDeadline: $d }) { id } }`, { id: c.id, d: later.toISOString() });
    const { rows } = await t.db.pool.query(`SELECT expires_at FROM invitations WHERE campaign_id = $1`, [c.id]);
    expect(rows[0].expires_at.toISOString()).toBe(later.toISOString());
    expect((await fetch(links['late@sched.test'])).status).toBe(200);
  });
});
