import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { type BrandId, CurrentBrand } from '@renown/accounts';
import { LookalikeService } from '../lookalikes/lookalike.service.js';
import { LookalikeResults } from './lists.models.js';

/** "More like this". Social data is global: any signed-in team member or API key may ask. */
@Resolver()
export class LookalikesResolver {
  constructor(private readonly service: LookalikeService) {}

  @Query(() => LookalikeResults, { description: 'Accounts with similar topics and audience to this one (at most 100), most similar first, each with a one-line why.' })
  lookalikes(
    @CurrentBrand() brandId: BrandId,
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('excludeShortlistId', { type: () => ID, nullable: true, description: "Leave out the people (all their accounts) already on this brand's shortlist." }) excludeShortlistId?: string | null,
  ) {
    return this.service.lookalikes(brandId, accountId, first, excludeShortlistId);
  }
}
