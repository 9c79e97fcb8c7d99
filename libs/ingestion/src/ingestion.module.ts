import { Module } from '@nestjs/common';
import { ImportRunsResolver } from './graphql/import-runs.resolver.js';
import { IngestionService } from './ingestion.service.js';
import { ImportRunsService } from './runs/import-runs.service.js';

/** Imports into the social graph, and the operators' view of import runs. */
@Module({
  providers: [IngestionService, ImportRunsService, ImportRunsResolver],
  exports: [IngestionService, ImportRunsService],
})
export class IngestionModule {}
