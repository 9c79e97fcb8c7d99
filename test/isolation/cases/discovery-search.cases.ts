/*
 * Brand-isolation cases for discovery search (libs/discovery/src/search). Brand A runs a search (a stored
 * ranking behind its cursors) and owns a campaign; B's user and API key try to page A's search with A's
 * cursor and to filter on A's campaign, and must be answered exactly as for ones that do not exist.
 */
import { randomUUID } from 'node:crypto';
import { brandOwned, defineCases, expectRefused, type IsolationWorld } from '../isolation-harness.js';

const SEARCH = `query($q: String, $f: InfluencerFilterInput, $after: String) {
  influencers(query: $q, filter: $f, first: 5, after: $after) { searchId edges { cursor node { accountId hasContactEmail } } pageInfo { hasNextPage endCursor } } }`;

const cursorOf = (searchId: string, position: number) => Buffer.from(`${searchId}:${position}`).toString('base64url');

async function seed({ t, a }: IsolationWorld): Promise<Record<string, string>> {
  const res = await t.graphql(SEARCH, { q: 'top influencers in automotive' }, a.owner.headers);
  if (res.errors) throw new Error(`discovery-search seed: ${JSON.stringify(res.errors)}`);
  const { rows } = await t.db.pool.query(
    `INSERT INTO campaigns (brand_id, name, perk_kind, perk_title, quantity, claim_deadline)
     VALUES ($1, $2, 'digital', 'Isolation perk', 1, now() + interval '30 days') RETURNING id::text AS id`,
    [a.brandId, `Isolation search campaign ${randomUUID().slice(0, 8)}`],
  );
  return { searchId: res.data.influencers.searchId, campaignId: rows[0].id };
}

export default defineCases({
  domain: 'discovery-search',
  seed,
  cases: {
    'Query.influencers': brandOwned(async ({ attacker, ids }) => {
      // A's cursor reads like a cursor of a search that never existed.
      const withA = await attacker.graphql(SEARCH, { after: cursorOf(ids.searchId, 1) });
      const missing = randomUUID();
      const withRandom = await attacker.graphql(SEARCH, { after: cursorOf(missing, 1) });
      expectRefused(withA, attacker);
      expect(JSON.stringify(withA.errors).split(ids.searchId).join('<id>')).toBe(JSON.stringify(withRandom.errors).split(missing).join('<id>'));
      // A's campaign in the "not yet invited" filter: not found, like a campaign id that does not exist.
      const byCampaign = await attacker.graphql(SEARCH, { f: { topics: ['cars'], notInvitedToCampaignId: ids.campaignId } });
      const byMissing = await attacker.graphql(SEARCH, { f: { topics: ['cars'], notInvitedToCampaignId: '999999999' } });
      expectRefused(byCampaign, attacker);
      expect(JSON.stringify(byCampaign.errors).split(ids.campaignId).join('<id>')).toBe(JSON.stringify(byMissing.errors).split('999999999').join('<id>'));
    }),
  },
});
