import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OperatorOnly } from '@renown/accounts';
import { ImportRunsService, type ImportRunRow } from '../runs/import-runs.service.js';
import { ImportEntityCounts, ImportRun, ImportRunStatus, QuarantinedRecord } from './import-run.model.js';

const zero: ImportEntityCounts = { inserted: 0, updated: 0, unchanged: 0 };

function toModel(r: ImportRunRow): ImportRun {
  const by = r.countsByEntity?.byEntity ?? {};
  return {
    ...r,
    status: r.status as ImportRunStatus,
    accounts: by.accounts ?? zero,
    posts: by.posts ?? zero,
    interactions: by.interactions ?? zero,
  };
}

/** Import runs are platform-wide operations data: Renown operators only. */
@Resolver(() => ImportRun)
export class ImportRunsResolver {
  constructor(private readonly runs: ImportRunsService) {}

  @OperatorOnly()
  @Query(() => [ImportRun], { description: 'Latest import runs first (operators only)' })
  async importRuns(
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<ImportRun[]> {
    return (await this.runs.list(limit, offset)).map(toModel);
  }

  @OperatorOnly()
  @Query(() => ImportRun, { description: 'One import run (operators only)' })
  async importRun(@Args('id', { type: () => ID }) id: string): Promise<ImportRun> {
    return toModel(await this.runs.getOrThrow(id));
  }

  @ResolveField(() => [QuarantinedRecord], { description: 'The first quarantined records of this run' })
  quarantined(@Parent() run: ImportRun, @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number): Promise<QuarantinedRecord[]> {
    return this.runs.quarantined(run.id, limit);
  }
}
