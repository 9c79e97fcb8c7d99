/*
 * Brand-isolation cases for crawls (libs/sources). Brand A starts a crawl (no worker runs here, so it stays
 * queued and reaches no network); B's user and API key aim every crawl operation at it and must be answered
 * exactly as for a crawl that does not exist. Handle look-ups read public social data, the same for every brand.
 */
import { randomUUID } from 'node:crypto';
import { brandOwned, defineCases, expectNoErrorOrRefused, expectSameAsMissing, notBrandOwned, type IsolationWorld } from '../isolation-harness.js';

/** A handle A looked up on Instagram, whose outcome (with A's token) only A may see. Not a marker: B asks for it by name. */
const A_LOOKED_UP = 'iso.victim.lookup';

async function seed({ t, a }: IsolationWorld): Promise<Record<string, string>> {
  const marker = `isocrawl${randomUUID().slice(0, 8)}`;
  const res = await t.graphql(`mutation($i: StartCrawlInput!) { startCrawl(input: $i) { id } }`, { i: { network: 'bluesky', terms: ['cars', marker], maxAccounts: 10 } }, a.owner.headers);
  if (res.errors) throw new Error(`sources seed: ${JSON.stringify(res.errors)}`);
  const key = `AIzaIsolation${randomUUID().replace(/-/g, '')}`.slice(0, 39);
  const cred = await t.graphql(`mutation($i: SetNetworkCredentialInput!) { setNetworkCredential(input: $i) { secretHint } }`, { i: { network: 'youtube', secret: key } }, a.owner.headers);
  if (cred.errors) throw new Error(`sources seed: ${JSON.stringify(cred.errors)}`);
  const lookupMessage = `isolookup${randomUUID().slice(0, 8)} A's token was refused`;
  await t.db.pool.query(`INSERT INTO account_lookups (platform, query, brand_id, status, message, finished_at) VALUES ('instagram', $1, $2, 'failed', $3, now())`, [A_LOOKED_UP, a.brandId, lookupMessage]);
  return { crawlId: res.data.startCrawl.id, marker, keyHint: cred.data.setNetworkCredential.secretHint, lookupMessage };
}

const FIELDS = 'id status terms counts { found kept } requests';

export default defineCases({
  domain: 'sources',
  seed,
  cases: {
    'Query.crawls': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ crawls { ${FIELDS} } }`));
    }),
    'Query.crawl': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { crawl(id: $id) { ${FIELDS} } }`, { id: ids.crawlId }, 'id');
    }),
    'Query.crawlQuarantine': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { crawlQuarantine(crawlId: $id) { url reason } }`, { id: ids.crawlId }, 'id');
    }),
    'Mutation.startCrawl': brandOwned(async ({ attacker }) => {
      // Starts B's own crawl; the harness checks A's rows are untouched.
      expectNoErrorOrRefused(await attacker.graphql(`mutation($i: StartCrawlInput!) { startCrawl(input: $i) { id status } }`, { i: { network: 'mastodon', terms: ['cars'], maxAccounts: 5 } }));
    }),
    'Mutation.pauseCrawl': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { pauseCrawl(id: $id) { id status } }`, { id: ids.crawlId }, 'id');
    }),
    'Mutation.resumeCrawl': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { resumeCrawl(id: $id) { id status } }`, { id: ids.crawlId }, 'id');
    }),
    'Mutation.cancelCrawl': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { cancelCrawl(id: $id) { id status } }`, { id: ids.crawlId }, 'id');
    }),
    'Query.influencerLookup': notBrandOwned('a handle look-up reads public social data; every brand gets the same answer (the look-up row keeps the asking brand only to spend its own YouTube key or Instagram token)'),
    'Mutation.lookupMany': brandOwned(async ({ attacker }) => {
      // Queues B's own look-ups (no worker runs: nothing is read); the harness checks A's rows are untouched.
      expectNoErrorOrRefused(await attacker.graphql(`mutation($h: [String!]!) { lookupMany(platform: "bluesky", handles: $h) { handle outcome message } }`, { h: ['iso-b-one.bsky.social', '@iso-b-one.bsky.social'] }));
    }),
    'Query.lookupProgress': brandOwned(async ({ attacker }) => {
      // A's outcome for the handle (A's token refused) is not B's to see: B is told only what anyone may know.
      const res = await attacker.graphql(`query($h: [String!]!) { lookupProgress(platform: "instagram", handles: $h) { query status message } }`, { h: [A_LOOKED_UP] });
      expectNoErrorOrRefused(res);
      expect(res.data?.lookupProgress).toEqual([{ query: A_LOOKED_UP, status: 'not-found', message: `Renown does not know ${A_LOOKED_UP} yet.` }]);
    }),
    'Query.networkCredentials': brandOwned(async ({ attacker, ids }) => {
      const res = await attacker.graphql(`{ networkCredentials { network source secretHint accountId } }`);
      expectNoErrorOrRefused(res);
      expect(JSON.stringify(res.data ?? {})).not.toContain(ids.keyHint);
    }),
    'Mutation.setNetworkCredential': brandOwned(async ({ attacker }) => {
      // Sets B's own key; the harness checks A's rows (its key among them) are untouched.
      expectNoErrorOrRefused(await attacker.graphql(`mutation($i: SetNetworkCredentialInput!) { setNetworkCredential(input: $i) { network source } }`, { i: { network: 'youtube', secret: 'AIzaAttackerAttackerAttackerAttacker123' } }));
    }),
    'Mutation.removeNetworkCredential': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`mutation { removeNetworkCredential(network: "youtube") { network source } }`));
    }),
  },
});
