import { CreatorSignupService } from '../../libs/campaigns/src/contacts/creator-signup.service.js';
import { signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createCodeCampaign, gql, insertAccounts, onApp } from './campaign-test-helpers.js';

describe('creators sign up themselves: email verification and handle proof by post', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('verifies the email by link, proves the handle by a post ingestion saw, and becomes invitable by a brand', async () => {
    const [accountId] = await insertAccounts(t, [{ platform: 'bluesky', handle: 'joy.bsky.social' }]);
    const signup = await fetch(`${t.url}/creators/signup`, { method: 'POST', body: new URLSearchParams({ email: 'Joy@Makers.test' }) });
    expect(signup.status).toBe(200);
    expect(await signup.text()).toContain('Check your inbox');
    const { rows: mails } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE kind = 'campaigns.creator-verify' AND to_address = 'joy@makers.test'`);
    const link = onApp(t, mails[0].text.match(/https?:\/\/\S+\/creators\/verify\/[\w-]{43}/)[0]);

    const home = await fetch(link);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Your email joy@makers.test is confirmed');
    const added = await fetch(`${link}/handles`, { method: 'POST', body: new URLSearchParams({ platform: 'bluesky', handle: '@joy.bsky.social' }) });
    expect(added.status).toBe(201);
    const code = (await added.text()).match(/<code>(renown-[0-9a-f]{10})<\/code>/)![1];

    const creators = t.app.get(CreatorSignupService, { strict: false });
    expect(await creators.checkProofs()).toBe(0); // nothing posted yet
    // A post by someone else carrying the code proves nothing.
    const [other] = await insertAccounts(t, [{ platform: 'bluesky', handle: 'mallory.bsky.social' }]);
    const insertPost = (author: string, id: string, text: string) =>
      t.db.pool.query(`INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, is_stub) VALUES ('bluesky', $1, $2, now(), $3, false)`, [id, author, text]);
    await insertPost(other, 'x1', `it me ${code}`);
    expect(await creators.checkProofs()).toBe(0);
    await insertPost(accountId, 'j1', `Verifying my Renown profile: ${code}`);
    expect(await creators.checkProofs()).toBe(1);
    expect(await (await fetch(link)).text()).toMatch(/@joy\.bsky\.social: <strong>proven<\/strong>/);

    // A brand with no contact for the account can now invite it: the contact is the creator's own.
    const brand = await signUpBrand(t);
    const c = await createCodeCampaign(t, brand.headers, ['JOY-1']);
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const r = await gql(t, brand.headers, `mutation($id: ID!) { inviteToCampaign(campaignId: $id, targeting: { socialAccountIds: ["${accountId}", "${other}"] }) { invited skipped { ref reason } } }`, { id: c.id });
    expect(r.inviteToCampaign).toEqual({ invited: 1, skipped: [{ ref: `account:${other}`, reason: expect.stringContaining('no contact email') }] });
    const contacts = await gql(t, brand.headers, `{ influencerContacts { email consentBasis source socialAccountId } }`);
    expect(contacts.influencerContacts).toEqual([{ email: 'joy@makers.test', consentBasis: 'self_registered', source: 'self_signup', socialAccountId: accountId }]);
  });

  it('refuses an unknown link and a bad email without saying whether the address exists', async () => {
    expect((await fetch(`${t.url}/creators/verify/${'a'.repeat(43)}`)).status).toBe(410);
    expect((await fetch(`${t.url}/creators/signup`, { method: 'POST', body: new URLSearchParams({ email: 'nope' }) })).status).toBe(400);
    const again = await fetch(`${t.url}/creators/signup`, { method: 'POST', body: new URLSearchParams({ email: 'joy@makers.test' }) });
    expect(await again.text()).toContain('If the address can receive mail');
    // No second link within 10 minutes: the page cannot flood an inbox.
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'campaigns.creator-verify' AND to_address = 'joy@makers.test'`);
    expect(rows[0].n).toBe(1);
  });
});
