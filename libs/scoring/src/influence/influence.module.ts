import { Module } from '@nestjs/common';
import { InfluenceResolver } from './graphql/influence.resolver.js';
import { InfluenceQueryService } from './influence-query.service.js';
import { ScoringRunJobs } from './scoring-run.jobs.js';
import { ScoringRunService } from './scoring-run.service.js';

/** Influence scoring: the daily run and its jobs (worker), the score/explanation/history queries (API). */
@Module({
  providers: [ScoringRunService, ScoringRunJobs, InfluenceQueryService, InfluenceResolver],
  exports: [ScoringRunService, InfluenceQueryService],
})
export class InfluenceModule {}
