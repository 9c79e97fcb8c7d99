/*
 * Brand-isolation cases for crawls (libs/sources). Brand A starts a crawl (no worker runs here, so it stays
 * queued and reaches no network); B's user and API key aim every crawl operation at it and must be answered
 * exactly as for a crawl that does not exist. Handle look-ups read public social data, the same for every brand.
 */
import { randomUUID } from 'node:crypto';
import { brandOwned, defineCases, expectNoErrorOrRefused, expectSameAsMissing, notBrandOwned, type IsolationWorld } from '../isolation-harness.js';

async function seed({ t, a }: IsolationWorld): Promise<Record<string, string>> {
  const marker = `isocrawl${randomUUID().slice(0, 8)}`;
  const res = await t.graphql(`mutation($i: StartCrawlInput!) { startCrawl(input: $i) { id } }`, { i: { network: 'bluesky', terms: ['cars', marker], maxAccounts: 10 } }, a.owner.headers);
  if (res.errors) throw new Error(`sources seed: ${JSON.stringify(res.errors)}`);
  return { crawlId: res.data.startCrawl.id, marker };
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
    'Query.influencerLookup': notBrandOwned('a handle look-up reads public social data; every brand gets the same answer, and the look-up row names no brand'),
  },
});
