import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { type BrandId, CurrentBrand } from '@renown/accounts';
import { InfluencerSearchService } from '../influencer-search.service.js';
import { InfluencerFilterInput } from './influencer-search.inputs.js';
import { InfluencerConnection } from './influencer.models.js';

@Resolver()
export class InfluencersResolver {
  constructor(private readonly search: InfluencerSearchService) {}

  @Query(() => InfluencerConnection, {
    description:
      'Discovery search. `query` is what a marketer types ("top influencers in automotive", "EV reviewers on bluesky writing in german", ' +
      '"fitness creators with 10k-100k followers"); it is read into topics and filters, returned as `interpretation`. A field of `filter` ' +
      'replaces what the query said about it. Ranked by influence in the topics. Pass `after` (a cursor) for the next page: pages keep the ' +
      'order of the first page for 24 hours. Each first page counts as one search for billing.',
  })
  influencers(
    @CurrentBrand() brandId: BrandId,
    @Args('query', { type: () => String, nullable: true }) query?: string | null,
    @Args('filter', { type: () => InfluencerFilterInput, nullable: true }) filter?: InfluencerFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('locale', { type: () => String, nullable: true, description: 'Language of topic names: ar, de, en, es, fr, it.' }) locale?: string | null,
  ): Promise<InfluencerConnection> {
    return this.search.search(brandId, { query, filter, first, after, locale });
  }
}
