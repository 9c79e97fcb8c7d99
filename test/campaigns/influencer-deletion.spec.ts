import { signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, createCodeCampaign, gql, onApp } from './campaign-test-helpers.js';

describe("an influencer's own deletion request, across every brand", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is confirmed by a mailed link, erases personal data at every brand and keeps the counts', async () => {
    const email = 'nia@creators.test';
    const brands = [await signUpBrand(t, { brandName: 'One' }), await signUpBrand(t, { brandName: 'Two' })];
    const campaigns: string[] = [];
    for (const [i, brand] of brands.entries()) {
      const c = await createCodeCampaign(t, brand.headers, [`DEL-${i}`]);
      campaigns.push(c.id);
      await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
      await gql(t, brand.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv: `platform,handle,email\ntwitter,nia,${email}\n` });
      const contacts = await gql(t, brand.headers, `{ influencerContacts { id } }`);
      await gql(t, brand.headers, `mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: c.id, c: [contacts.influencerContacts[0].id] });
      const { rows } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE kind = 'campaigns.invitation' AND brand_id = $1`, [brand.brandId]);
      expect((await fetch(onApp(t, claimLinkIn(rows[0].text)), { method: 'POST', body: new URLSearchParams({ action: 'accept' }) })).status).toBe(201);
    }

    expect((await fetch(`${t.url}/privacy/delete`, { method: 'POST', body: new URLSearchParams({ email: 'NIA@creators.test' }) })).status).toBe(200);
    // Asking again at once sends no second mail (the page cannot flood an inbox).
    expect((await fetch(`${t.url}/privacy/delete`, { method: 'POST', body: new URLSearchParams({ email }) })).status).toBe(200);
    const { rows: mails } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE kind = 'campaigns.deletion-confirm' AND to_address = $1`, [email]);
    expect(mails).toHaveLength(1);
    const link = onApp(t, mails[0].text.match(/https?:\/\/\S+\/privacy\/delete\/[\w-]{43}/)[0]);
    // Opening the link (as a mail scanner would) deletes nothing.
    expect((await fetch(link)).status).toBe(200);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM influencer_contacts WHERE email = $1`, [email])).rows[0].n).toBe(2);

    const done = await fetch(link, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your data has been deleted');
    expect((await fetch(link, { method: 'POST' })).status).toBe(200); // idempotent

    for (const [i, brand] of brands.entries()) {
      const claims = await gql(t, brand.headers, `query($id: ID!) { campaignClaims(campaignId: $id) { email handle erased } }`, { id: campaigns[i] });
      expect(claims.campaignClaims).toEqual([{ email: null, handle: null, erased: true }]);
      const report = await gql(t, brand.headers, `query($id: ID!) { campaignReport(campaignId: $id) { invited claimed } }`, { id: campaigns[i] });
      expect(report.campaignReport).toEqual({ invited: 1, claimed: 1 });
    }
    const { rows } = await t.db.pool.query(`SELECT reason FROM mail_suppressions WHERE email = $1`, [email]);
    expect(rows).toEqual([{ reason: 'opted_out' }]);
    expect((await fetch(`${t.url}/privacy/delete/${'z'.repeat(43)}`, { method: 'POST' })).status).toBe(410);
  });
});
