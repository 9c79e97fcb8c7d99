import { createApiKey, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { type CampaignIds, campaignsCases, seedCampaignsForBrandA } from '../isolation/cases/campaigns.cases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, gql, onApp } from './campaign-test-helpers.js';

/** Runs every campaigns isolation case as brand B (session and API key) against brand A's rows. */
describe('campaigns: brand B can neither read nor change brand A\'s campaigns, invitations, claims or reports', () => {
  let t: TestApp;
  let a: SignedUp;
  let b: SignedUp;
  let ids: CampaignIds;
  let bKey: Record<string, string>;
  let snapshot: string;

  const stateOfA = async () =>
    JSON.stringify(
      (
        await t.db.pool.query(
          `SELECT (SELECT json_agg(c ORDER BY c.id) FROM (SELECT id, name, status, quantity, claimed_count FROM campaigns WHERE brand_id = $1) c) AS campaigns,
                  (SELECT json_agg(i ORDER BY i.id) FROM (SELECT id, status FROM invitations WHERE brand_id = $1) i) AS invitations,
                  (SELECT json_agg(x ORDER BY x.id) FROM (SELECT id, status, carrier FROM claims WHERE brand_id = $1) x) AS claims,
                  (SELECT json_agg(k ORDER BY k.id) FROM (SELECT id, email, erased_at FROM influencer_contacts WHERE brand_id = $1) k) AS contacts,
                  (SELECT json_agg(p ORDER BY p.id) FROM (SELECT id, status FROM campaign_applications WHERE brand_id = $1) p) AS applications,
                  (SELECT count(*) FROM campaign_codes WHERE brand_id = $1) AS codes`,
          [a.brandId],
        )
      ).rows[0],
    );

  beforeAll(async () => {
    t = await createTestApp();
    a = await signUpBrand(t, { brandName: 'Iso A' });
    b = await signUpBrand(t, { brandName: 'Iso B' });
    bKey = { 'x-api-key': (await createApiKey(t, b.headers)).secret };
    ids = await seedCampaignsForBrandA({
      url: t.url,
      asA: (q, v) => gql(t, a.headers, q, v),
      async claimLinkFor(invitationId) {
        const { rows } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE dedupe_key = $1`, [`campaign-invitation:${invitationId}`]);
        return onApp(t, claimLinkIn(rows[0].text));
      },
    });
    snapshot = await stateOfA();
  });
  afterAll(() => t.close());

  for (const c of campaignsCases) {
    for (const who of ['session', 'apiKey'] as const) {
      it(`${c.operation} (${who})`, async () => {
        const headers = who === 'session' ? b.headers : bKey;
        const res = await t.graphql(c.query, c.variables(ids), headers);
        if (c.expectCodes) {
          expect(c.expectCodes).toContain(res.errors?.[0]?.extensions?.code);
        } else {
          expect(res.errors).toBeUndefined();
          const body = JSON.stringify(res.data);
          for (const id of c.mustNotContain!(ids)) expect(body).not.toContain(`"${id}"`);
        }
      });
    }
  }

  it('left every row of brand A unchanged', async () => {
    expect(await stateOfA()).toBe(snapshot);
    const csv = await fetch(`${t.url}/campaigns/${ids.physicalCampaignId}/report.csv`, { headers: bKey });
    expect(csv.status).toBe(404);
  });
});
