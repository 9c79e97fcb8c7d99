import { QuotaLedger, youtubePolicy } from '@renown/sources';
import { addTeamMember, codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * The Sources screen's YouTube and Instagram connections: a brand pastes its own key or token (owners and admins),
 * sees where the credential it spends comes from and only its last four characters, and, for YouTube, what the
 * key has spent of today's quota.
 */
const LIST = `{ networkCredentials { network source secretHint accountId quotaToday { bucket used quota resetsAt } } }`;
const SET = `mutation($i: SetNetworkCredentialInput!) { setNetworkCredential(input: $i) { network source secretHint accountId } }`;

describe('network credentials in Sources', () => {
  let t: TestApp;
  let brand: SignedUp;

  beforeAll(async () => {
    t = await createTestApp({ YOUTUBE_API_KEY: 'AIzaOperatorOperatorOperatorOperator0001' });
    brand = await signUpBrand(t);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("falls back to the operator's key, then spends the brand's own once saved; the secret never comes back", async () => {
    const before = (await t.graphql(LIST, {}, brand.headers)).data.networkCredentials;
    expect(before.map((c: any) => [c.network, c.source, c.secretHint])).toEqual([
      ['youtube', 'config', '…0001'],
      ['instagram', null, null],
    ]);
    const key = 'AIzaBrandBrandBrandBrandBrandBrand77a9';
    const saved = await t.graphql(SET, { i: { network: 'youtube', secret: key } }, brand.headers);
    expect(saved.data.setNetworkCredential).toEqual({ network: 'youtube', source: 'brand', secretHint: '…77a9', accountId: null });
    const after = await t.graphql(LIST, {}, brand.headers);
    expect(JSON.stringify(after.data)).not.toContain(key);
    expect(after.data.networkCredentials[0]).toMatchObject({ source: 'brand', secretHint: '…77a9' });
  });

  it("shows what the key spent of today's quota, per bucket, with the reset at midnight Pacific", async () => {
    const key = 'AIzaQuotaQuotaQuotaQuotaQuotaQuota5555';
    await t.graphql(SET, { i: { network: 'youtube', secret: key } }, brand.headers);
    const ledger = new QuotaLedger(t.db.pool, { network: 'youtube', credential: key, policy: youtubePolicy(10_000, 100) });
    await ledger.reserve('units', 37);
    await ledger.reserve('search', 2);
    const yt = (await t.graphql(LIST, {}, brand.headers)).data.networkCredentials[0];
    expect(yt.quotaToday.map((q: any) => [q.bucket, q.used, q.quota])).toEqual([
      ['units', 37, 10_000],
      ['search', 2, 100],
    ]);
    const reset = new Date(yt.quotaToday[0].resetsAt);
    expect(reset.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(reset)).toBe('00:00');
  });

  it('names the problem with a bad key or a missing Instagram account id, and lets only owners and admins save', async () => {
    const bad = await t.graphql(SET, { i: { network: 'youtube', secret: 'not a key' } }, brand.headers);
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringContaining('That is not a YouTube Data API key'), extensions: { code: 'BAD_USER_INPUT', field: 'secret' } });
    const noAccount = await t.graphql(SET, { i: { network: 'instagram', secret: 'EAAGtokentokentokentokentoken' } }, brand.headers);
    expect(noAccount.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'accountId' } });
    const ig = await t.graphql(SET, { i: { network: 'instagram', secret: 'EAAGtokentokentokentokentoken', accountId: '17841400000000001' } }, brand.headers);
    expect(ig.data.setNetworkCredential).toEqual({ network: 'instagram', source: 'brand', secretHint: '…oken', accountId: '17841400000000001' });
    const member = await addTeamMember(t, brand.headers, 'MEMBER');
    const refused = await t.graphql(SET, { i: { network: 'youtube', secret: 'AIzaMemberMemberMemberMemberMember0000' } }, member.headers);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    // Members still see where each credential comes from.
    expect((await t.graphql(LIST, {}, member.headers)).data.networkCredentials.map((c: any) => c.source)).toEqual(['brand', 'brand']);
    const removed = await t.graphql(`mutation { removeNetworkCredential(network: "instagram") { source } }`, {}, brand.headers);
    expect(removed.data.removeNetworkCredential).toEqual({ source: null });
  });
});
