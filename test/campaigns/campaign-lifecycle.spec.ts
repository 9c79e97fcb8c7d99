import { CampaignPostLinker } from '../../libs/campaigns/src/posts/campaign-post-linker.service.js';
import { InvitationService } from '../../libs/campaigns/src/invitations/invitation.service.js';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, createCodeCampaign, gql, insertAccounts, onApp } from './campaign-test-helpers.js';

/** Mail is read from the outbox here (what the worker would send); the SMTP path is in campaign-journey.spec.ts. */
async function outbox(t: TestApp, to: string, kind: string) {
  const { rows } = await t.db.pool.query(`SELECT subject, text, html, headers FROM mail_outbox WHERE to_address = $1 AND kind = $2 ORDER BY created_at`, [to, kind]);
  return rows as { subject: string; text: string; html: string; headers: Record<string, string> }[];
}

describe('campaign lifecycle: promises, claim forms, fulfilment, follow-up, applications, privacy', () => {
  let t: TestApp;
  let a: SignedUp;
  let b: SignedUp;
  let accounts: string[];
  let jacketId: string;

  async function inviteOne(brand: SignedUp, campaignId: string, email: string, handle: string, accountId?: string) {
    await gql(t, brand.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv: `platform,handle,email\ntwitter,${handle},${email}\n` });
    const contacts = await gql(t, brand.headers, `{ influencerContacts { id email } }`);
    const contactId = contacts.influencerContacts.find((c: any) => c.email === email).id;
    const r = await gql(t, brand.headers, `mutation($id: ID!, $t: TargetingInput) { inviteToCampaign(campaignId: $id, targeting: $t) { invited invitationIds } }`, {
      id: campaignId, t: accountId ? { socialAccountIds: [accountId] } : { contactIds: [contactId] },
    });
    expect(r.inviteToCampaign.invited).toBe(1);
    const [mail] = await outbox(t, email, 'campaigns.invitation');
    return { link: onApp(t, claimLinkIn(mail.text)), invitationId: r.inviteToCampaign.invitationIds[0] as string, contactId: contactId as string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    a = await signUpBrand(t, { brandName: 'Brand A' });
    b = await signUpBrand(t, { brandName: 'Brand B' });
    accounts = await insertAccounts(t, [{ platform: 'twitter', handle: 'dee_rides', followers: 12_000 }, { platform: 'twitter', handle: 'eli_climbs' }]);
    const created = await gql(t, a.headers, `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id status } }`, {
      i: {
        name: 'Jackets', brief: 'Our new rain jacket.', terms: 'Keep it.', perkKind: 'physical', perkTitle: 'Rain jacket', perkVariants: ['S', 'M', 'L'],
        shipsToCountries: ['US', 'DE'], quantity: 2, claimDeadline: new Date(Date.now() + 86_400_000).toISOString(), expectedHashtags: ['dryride'],
      },
    });
    jacketId = created.createCampaign.id;
    expect(created.createCampaign.status).toBe('draft');
    await gql(t, a.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: jacketId });
  });
  afterAll(() => t.close());

  it('a physical claim needs a variant and a full address; errors are labelled and announced', async () => {
    const { link } = await inviteOne(a, jacketId, 'dee@riders.test', 'dee_rides', undefined);
    const form = await (await fetch(link)).text();
    expect(form).toMatch(/<fieldset><legend>Choose your option<\/legend>/);
    expect(form).toMatch(/<label for="f-postalCode">Postal code<\/label>\s*<input id="f-postalCode" name="postalCode"/);
    const bad = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept', variant: 'M', name: 'Dee', line1: '', city: 'Berlin', postalCode: '10115', country: 'FR' }) });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/id="f-line1" name="line1" value="" [^>]*aria-invalid="true" aria-describedby="f-line1-err"/);
    expect(html).toContain('This perk ships to US, DE only');
    expect(html).toContain('value="Dee"');
    const ok = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept', variant: 'M', name: 'Dee', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'de' }) });
    expect(ok.status).toBe(201);
    expect(await ok.text()).toContain('Your choice: <strong>M</strong>');
  });

  it('the brand holding the claim sees the email and address; another brand gets NOT_FOUND', async () => {
    const q = `query($id: ID!) { campaignClaims(campaignId: $id) { id email variant shippingAddress { name line1 city postalCode country } } }`;
    const mine = await gql(t, a.headers, q, { id: jacketId });
    expect(mine.campaignClaims).toEqual([{ id: expect.any(String), email: 'dee@riders.test', variant: 'M', shippingAddress: { name: 'Dee', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' } }]);
    const theirs = await t.graphql(q, { id: jacketId }, b.headers);
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    const ship = await t.graphql(`mutation($c: ID!) { markClaimShipped(claimId: $c, carrier: "DHL", trackingNumber: "X") }`, { c: mine.campaignClaims[0].id }, b.headers);
    expect(codeOf(ship)).toBe('NOT_FOUND');
  });

  it('refuses a live edit that would break a promise, with the reason; allows a harmless one', async () => {
    const fewer = await t.graphql(`mutation($id: ID!) { updateCampaign(id: $id, input: { quantity: 0 }) { quantity } }`, { id: jacketId }, a.headers);
    expect(codeOf(fewer)).toBe('CONFLICT');
    expect(fewer.errors![0].message).toMatch(/quantity 0 is below the 1 units already claimed/);
    const past = await t.graphql(`mutation($id: ID!, $d: DateTime!) { updateCampaign(id: $id, input: { claimDeadline: $d }) { id } }`, { id: jacketId, d: new Date(Date.now() - 60_000).toISOString() }, a.headers);
    expect(codeOf(past)).toBe('CONFLICT');
    expect(past.errors![0].message).toMatch(/deadline cannot move into the past/);
    const fine = await gql(t, a.headers, `mutation($id: ID!) { updateCampaign(id: $id, input: { quantity: 5, brief: "Updated" }) { quantity brief } }`, { id: jacketId });
    expect(fine.updateCampaign).toEqual({ quantity: 5, brief: 'Updated' });
  });

  it('fulfilment: marking shipped tells the influencer the carrier and tracking number', async () => {
    const claims = await gql(t, a.headers, `query($id: ID!) { campaignClaims(campaignId: $id) { id } }`, { id: jacketId });
    await gql(t, a.headers, `mutation($c: ID!) { markClaimShipped(claimId: $c, carrier: "DHL", trackingNumber: "JD0140") }`, { c: claims.campaignClaims[0].id });
    const [mail] = await outbox(t, 'dee@riders.test', 'campaigns.shipped');
    expect(mail.text).toContain('Carrier: DHL. Tracking number: JD0140.');
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const after = await gql(t, a.headers, `query($id: ID!) { campaignClaims(campaignId: $id) { status carrier trackingNumber } }`, { id: jacketId });
    expect(after.campaignClaims[0]).toEqual({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JD0140' });
  });

  it('decline and revoke: the link then shows which, and what to do', async () => {
    const one = await inviteOne(a, jacketId, 'fay@riders.test', 'fay');
    const declined = await fetch(one.link, { method: 'POST', body: new URLSearchParams({ action: 'decline' }) });
    expect(declined.status).toBe(200);
    expect(await declined.text()).toContain('You declined this perk');
    const again = await fetch(one.link);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This invitation was declined');

    const two = await inviteOne(a, jacketId, 'gus@riders.test', 'gus');
    await gql(t, a.headers, `mutation($id: ID!) { revokeInvitation(id: $id) { status } }`, { id: two.invitationId });
    const revoked = await fetch(two.link);
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).toContain('withdrew this invitation');
  });

  it('sends one reminder before the deadline to those who have not answered, with a new link to the same invitation', async () => {
    const c = await createCodeCampaign(t, a.headers, ['REM-1', 'REM-2'], { claimDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString() });
    await gql(t, a.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const one = await inviteOne(a, c.id, 'hal@riders.test', 'hal');
    await t.db.pool.query(`UPDATE invitations SET created_at = now() - interval '2 days' WHERE id = $1`, [one.invitationId]);
    const invitations = t.app.get(InvitationService, { strict: false });
    expect(await invitations.sendDueReminders()).toBe(1);
    expect(await invitations.sendDueReminders()).toBe(0);
    const [reminder] = await outbox(t, 'hal@riders.test', 'campaigns.reminder');
    expect(reminder.subject).toMatch(/^Reminder:/);
    const newLink = onApp(t, claimLinkIn(reminder.text));
    expect(newLink).not.toBe(one.link);
    const claimed = await fetch(newLink, { method: 'POST', body: new URLSearchParams({ action: 'accept' }) });
    expect(claimed.status).toBe(201);
    expect((await fetch(one.link)).status).toBe(409); // one invitation, one claim, whichever link
  });

  it('links a claimer\'s undisclosed post and sends ONE disclosure reminder', async () => {
    const c = await createCodeCampaign(t, a.headers, ['DIS-1'], { expectedHashtags: [], expectedMentions: ['acme_outdoor'] });
    await gql(t, a.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const one = await inviteOne(a, c.id, 'eli@climbers.test', 'eli_climbs', accounts[1]);
    expect((await fetch(one.link, { method: 'POST', body: new URLSearchParams({ action: 'accept' }) })).status).toBe(201);
    await t.db.pool.query(
      `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, hashtags, like_count, repost_count, reply_count, quote_count, is_stub)
       VALUES ('twitter', 'late-1', $1, now() + interval '1 hour', 'Great new gear from @acme_outdoor, check it out! ${'really '.repeat(20)} #ad', '{ad}', 5, 1, 0, 0, false)`,
      [accounts[1]],
    );
    const linker = t.app.get(CampaignPostLinker, { strict: false });
    expect(await linker.run(c.id)).toEqual({ linked: 1, reminded: 1 });
    expect(await linker.run(c.id)).toEqual({ linked: 0, reminded: 0 });
    const mails = await outbox(t, 'eli@climbers.test', 'campaigns.disclosure-reminder');
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toMatch(/#ad or #sponsored/);
    const report = await gql(t, a.headers, `query($id: ID!) { campaignReport(campaignId: $id) { posted posts disclosedPosts } }`, { id: c.id });
    expect(report.campaignReport).toEqual({ posted: 1, posts: 1, disclosedPosts: 0 });
  });

  it('open campaigns: a creator applies on the public page; approval mails an invitation', async () => {
    const c = await createCodeCampaign(t, a.headers, ['OPEN-1'], { openToApplications: true });
    await gql(t, a.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const page = await fetch(`${t.url}/apply/${c.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<label for="f-handle">Your handle<\/label>/);
    const bad = await fetch(`${t.url}/apply/${c.id}`, { method: 'POST', body: new URLSearchParams({ email: 'nope', platform: 'twitter', handle: 'ivy' }) });
    expect(bad.status).toBe(400);
    const applied = await fetch(`${t.url}/apply/${c.id}`, { method: 'POST', body: new URLSearchParams({ email: 'ivy@makers.test', platform: 'twitter', handle: '@ivy', pitch: 'I review shoes.' }) });
    expect(applied.status).toBe(201);
    const apps = await gql(t, a.headers, `query($id: ID!) { campaignApplications(campaignId: $id) { id handle status pitch } }`, { id: c.id });
    expect(apps.campaignApplications).toEqual([{ id: expect.any(String), handle: 'ivy', status: 'pending', pitch: 'I review shoes.' }]);
    expect(codeOf(await t.graphql(`mutation($id: ID!) { decideCampaignApplication(id: $id, approve: true) { status } }`, { id: apps.campaignApplications[0].id }, b.headers))).toBe('NOT_FOUND');
    const approved = await gql(t, a.headers, `mutation($id: ID!) { decideCampaignApplication(id: $id, approve: true) { status invitationId } }`, { id: apps.campaignApplications[0].id });
    expect(approved.decideCampaignApplication.status).toBe('approved');
    const [mail] = await outbox(t, 'ivy@makers.test', 'campaigns.invitation');
    expect((await fetch(onApp(t, claimLinkIn(mail.text)))).status).toBe(200);
    expect((await fetch(`${t.url}/apply/${jacketId}`)).status).toBe(404); // not open to applications
  });

  it('a deletion request removes the email and address and keeps the counts', async () => {
    const before = await gql(t, a.headers, `query($id: ID!) { campaignReport(campaignId: $id) { invited claimed } }`, { id: jacketId });
    const contacts = await gql(t, a.headers, `{ influencerContacts { id email } }`);
    const dee = contacts.influencerContacts.find((c: any) => c.email === 'dee@riders.test');
    expect(codeOf(await t.graphql(`mutation($id: ID!) { eraseInfluencerContact(contactId: $id) }`, { id: dee.id }, b.headers))).toBe('NOT_FOUND');
    await gql(t, a.headers, `mutation($id: ID!) { eraseInfluencerContact(contactId: $id) }`, { id: dee.id });
    const claims = await gql(t, a.headers, `query($id: ID!) { campaignClaims(campaignId: $id) { email handle shippingAddress { name } erased } }`, { id: jacketId });
    expect(claims.campaignClaims).toEqual([{ email: null, handle: null, shippingAddress: null, erased: true }]);
    const after = await gql(t, a.headers, `query($id: ID!) { campaignReport(campaignId: $id) { invited claimed } }`, { id: jacketId });
    expect(after).toEqual(before);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM influencer_contacts WHERE email = 'dee@riders.test'`);
    expect(rows[0].n).toBe(0);
    const { rows: sup } = await t.db.pool.query(`SELECT reason FROM mail_suppressions WHERE email = 'dee@riders.test'`);
    expect(sup).toEqual([{ reason: 'opted_out' }]);
  });

  it('brand B cannot read or change brand A\'s campaign even with its id', async () => {
    for (const [q, v] of [
      [`query($id: ID!) { campaign(id: $id) { id } }`, { id: jacketId }],
      [`query($id: ID!) { campaignReport(campaignId: $id) { invited } }`, { id: jacketId }],
      [`query($id: ID!) { campaignInvitations(campaignId: $id) { id } }`, { id: jacketId }],
      [`mutation($id: ID!) { setCampaignStatus(id: $id, status: ended) { id } }`, { id: jacketId }],
      [`mutation($id: ID!) { updateCampaign(id: $id, input: { name: "x" }) { id } }`, { id: jacketId }],
      [`mutation($id: ID!) { uploadCampaignCodes(campaignId: $id, csv: "ZZZ-1") { added } }`, { id: jacketId }],
      [`mutation($id: ID!) { inviteToCampaign(campaignId: $id, targeting: { socialAccountIds: [] }) { invited } }`, { id: jacketId }],
    ] as const) {
      expect(codeOf(await t.graphql(q, v, b.headers))).toBe('NOT_FOUND');
    }
    expect((await gql(t, b.headers, `{ campaigns { id } }`)).campaigns).toEqual([]);
    expect((await fetch(`${t.url}/campaigns/${jacketId}/report.csv`, { headers: b.headers })).status).toBe(404);
    expect((await gql(t, a.headers, `query($id: ID!) { campaign(id: $id) { name status } }`, { id: jacketId })).campaign).toEqual({ name: 'Jackets', status: 'active' });
  });
});
