import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, createCodeCampaign, gql, onApp } from './campaign-test-helpers.js';

const N = 200;

/** N invitations with their claim links, read from the outbox (the mail text is what the influencer gets). */
async function inviteMany(t: TestApp, brand: SignedUp, campaignId: string, label: string): Promise<string[]> {
  const csv = ['platform,handle,email', ...Array.from({ length: N }, (_, i) => `twitter,${label}${i},${label}${i}@crowd.test`)].join('\n');
  await gql(t, brand.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv });
  const contacts = await gql(t, brand.headers, `{ influencerContacts { id email } }`);
  const ids = contacts.influencerContacts.filter((c: any) => c.email.startsWith(label)).map((c: any) => c.id);
  expect(ids).toHaveLength(N);
  const r = await gql(t, brand.headers, `mutation($id: ID!, $t: TargetingInput) { inviteToCampaign(campaignId: $id, targeting: $t) { invited } }`, { id: campaignId, t: { contactIds: ids } });
  expect(r.inviteToCampaign.invited).toBe(N);
  const { rows } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE kind = 'campaigns.invitation' AND to_address LIKE $1`, [`${label}%`]);
  return rows.map((r) => onApp(t, claimLinkIn(r.text)));
}

/** Fires every claim at once over HTTP and returns the status codes and pages. */
async function claimAllAtOnce(links: string[], form: Record<string, string>) {
  return Promise.all(
    links.map(async (link) => {
      const res = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept', ...form }) });
      return { status: res.status, html: await res.text() };
    }),
  );
}

describe(`never oversold: ${N} concurrent claims over HTTP`, () => {
  let t: TestApp;
  let brand: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t);
  });
  afterAll(() => t.close());

  it(`with K=37 codes left and ${N} people claiming at once, exactly 37 succeed and no code is given twice`, async () => {
    const K = 37;
    const codes = Array.from({ length: K }, (_, i) => `RACE-${String(i).padStart(3, '0')}`);
    const { id } = await createCodeCampaign(t, brand.headers, codes);
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id });
    const links = await inviteMany(t, brand, id, 'code');

    const results = await claimAllAtOnce(links, {});
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(K);
    expect(results.filter((r) => r.status === 409 && /All units have been claimed/.test(r.html))).toHaveLength(N - K);
    const shown = won.map((r) => r.html.match(/class="code"[^>]*>([^<]+)</)![1]);
    expect(new Set(shown).size).toBe(K);
    expect(shown.sort()).toEqual([...codes].sort());

    const { rows } = await t.db.pool.query(
      `SELECT (SELECT claimed_count FROM campaigns WHERE id = $1) AS claimed, (SELECT count(*)::int FROM claims WHERE campaign_id = $1) AS claims,
              (SELECT count(DISTINCT claim_id)::int FROM campaign_codes WHERE campaign_id = $1 AND claim_id IS NOT NULL) AS codes_given`,
      [id],
    );
    expect(rows[0]).toEqual({ claimed: K, claims: K, codes_given: K });
  });

  it(`with K=23 physical units and ${N} people claiming at once, exactly 23 succeed (guarded decrement on units)`, async () => {
    const K = 23;
    const created = await gql(t, brand.headers, `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
      i: {
        name: 'Jackets', perkKind: 'physical', perkTitle: 'Rain jacket', perkVariants: ['S', 'M', 'L'], shipsToCountries: ['US', 'DE'],
        quantity: K, claimDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    const id = created.createCampaign.id;
    await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id });
    const links = await inviteMany(t, brand, id, 'jacket');
    const results = await claimAllAtOnce(links, { variant: 'M', name: 'Pat Doe', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' });
    expect(results.filter((r) => r.status === 201)).toHaveLength(K);
    const { rows } = await t.db.pool.query(`SELECT claimed_count, quantity, (SELECT count(*)::int FROM claims WHERE campaign_id = $1) AS claims FROM campaigns WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ claimed_count: K, quantity: K, claims: K });
  });
});
