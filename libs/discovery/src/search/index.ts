/**
 * Discovery search. For other features (shortlists, profiles):
 * - `InfluencerRowsService.rowsForAccounts(accountIds, { brandId?, topicIds?, locale? }): Promise<Influencer[]>`
 *   builds result rows (GraphQL type `Influencer`) for any accounts, in the order given; SearchModule exports it.
 * - GraphQL object types `Influencer`, `InfluencerConnection`, `InfluencerEdge`, `InfluencerPageInfo`.
 */
export * from './graphql/influencer.models.js';
export * from './rows/compose-why-line.js';
export * from './rows/influencer-rows.service.js';
export * from './search.module.js';
