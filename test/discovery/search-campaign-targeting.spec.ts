import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createCodeCampaign } from '../campaigns/campaign-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { SearchWorld } from './search-fixtures.js';

/** A campaign targeted by a discovery query invites the query's best matches that the brand can mail. */
describe('campaign targeting by a discovery query', () => {
  let t: TestApp;
  let brand: SignedUp;
  let other: SignedUp;
  let w: SearchWorld;

  const gql = async (who: SignedUp, query: string, variables: Record<string, unknown> = {}) => t.graphql(query, variables, who.headers);

  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t);
    other = await signUpBrand(t);
    w = new SearchWorld(t.db.pool);
    await w.account({ handle: 'fit_gus', followers: 50_000, topics: { fitness: 75 } });
    await w.account({ handle: 'fit_ivy', followers: 15_000, topics: { fitness: 60 } });
    await w.account({ handle: 'fit_hal', followers: 500_000, topics: { fitness: 90 } });
    await w.account({ handle: 'fit_nomail', followers: 20_000, topics: { fitness: 70 } });
    await w.account({ handle: 'car_zed', followers: 20_000, topics: { cars: 70 } });
    for (const h of ['fit_gus', 'fit_ivy', 'fit_hal', 'car_zed']) await w.contact(brand.brandId, h, `${h}@creators.test`);
    await w.contact(other.brandId, 'fit_nomail', 'nomail@creators.test');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('invites the matching accounts with a contact email in this brand, once', async () => {
    const campaign = await createCodeCampaign(t, brand.headers, ['FIT-1', 'FIT-2', 'FIT-3'], { targeting: { discoveryQuery: 'fitness creators with 10k-100k followers' } });
    await gql(brand, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: campaign.id });
    const res = await gql(brand, `mutation($id: ID!) { inviteToCampaign(campaignId: $id) { invited skipped { ref reason } } }`, { id: campaign.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.inviteToCampaign.invited).toBe(2);
    const { rows } = await t.db.pool.query(
      `SELECT c.email FROM invitations i JOIN influencer_contacts c ON c.id = i.contact_id WHERE i.campaign_id = $1 ORDER BY c.email`,
      [campaign.id],
    );
    // fit_hal is outside the follower range, fit_nomail has a contact only at another brand, car_zed is not fitness.
    expect(rows.map((r) => r.email)).toEqual(['fit_gus@creators.test', 'fit_ivy@creators.test']);
    const again = await gql(brand, `mutation($id: ID!) { inviteToCampaign(campaignId: $id) { invited } }`, { id: campaign.id });
    expect(again.data.inviteToCampaign.invited).toBe(0);
  });

  it('a query that names nothing is refused with suggestions, before anyone is invited', async () => {
    const campaign = await createCodeCampaign(t, brand.headers, ['FIT-9']);
    await gql(brand, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: campaign.id });
    const res = await gql(brand, `mutation($id: ID!) { inviteToCampaign(campaignId: $id, targeting: { discoveryQuery: "fitnes creators" }) { invited } }`, { id: campaign.id });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/Nothing matched "fitnes"\. Did you mean .*Fitness/);
  });
});
