import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { InfluenceQueryService } from '../influence-query.service.js';
import { AccountInfluence, PersonInfluence, ScoringRun } from './influence.models.js';

/** Influence scores are global data (not brand-owned): any signed-in caller reads them (the global guard). */
@Resolver()
export class InfluenceResolver {
  constructor(private readonly influence: InfluenceQueryService) {}

  @Query(() => AccountInfluence, { nullable: true, description: "An account's influence score with sub-scores, explanation and history; null until scored." })
  accountInfluence(@Args('accountId', { type: () => ID }) accountId: string, @Args('historyDays', { type: () => Int, defaultValue: 90 }) historyDays: number) {
    return this.influence.accountInfluence(accountId, historyDays);
  }

  @Query(() => PersonInfluence, { nullable: true, description: 'A person scored across their linked accounts; null until scored.' })
  personInfluence(@Args('personId', { type: () => ID }) personId: string, @Args('historyDays', { type: () => Int, defaultValue: 90 }) historyDays: number) {
    return this.influence.personInfluence(personId, historyDays);
  }

  @Query(() => [ScoringRun], { description: 'Latest scoring runs with their stage and progress.' })
  scoringRuns(@Args('limit', { type: () => Int, defaultValue: 10 }) limit: number) {
    return this.influence.scoringRuns(limit);
  }
}
