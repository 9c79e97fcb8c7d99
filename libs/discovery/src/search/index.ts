/**
 * Discovery search. For other features (shortlists, profiles, campaign targeting):
 * - `InfluencerRowsService.rowsForAccounts(accountIds, { brandId?, topicIds?, locale? }): Promise<Influencer[]>`
 *   builds result rows (GraphQL type `Influencer`) for any accounts, in the order given; SearchModule exports it.
 * - `accountIdsForDiscoveryQuery(em, brandId, query)`: ranked account ids for campaign targeting by a query.
 * - GraphQL object types `Influencer`, `InfluencerConnection`, `InfluencerEdge`, `InfluencerPageInfo`.
 */
export * from './graphql/influencer.models.js';
export * from './graphql/influencer-search.inputs.js';
export * from './interpret/interpret-search-query.js';
export * from './influencer-search.service.js';
export * from './ranking/applied-filter.js';
export * from './ranking/build-ranking-query.js';
export * from './rows/compose-why-line.js';
export * from './rows/influencer-rows.service.js';
export * from './search.module.js';
export * from './search-worker.module.js';
export * from './persistence/search-expiry.jobs.js';
export * from './targeting/account-ids-for-discovery-query.js';
export { rankAndStoreStatement, type SearchToStore } from './persistence/discovery-search.repository.js';
