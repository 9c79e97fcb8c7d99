import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { createPool, DATABASE_URL, QueueService } from '@renown/core';
import { GraphImporter, type ImportResult, type IngestFileOptions, type IngestOptions } from './runs/graph-importer.js';
import type { RawRecord } from './model/graph-observation.js';
import { PersonLinker } from './persons/person-linker.js';

/**
 * The importer inside the Nest apps. Imports use their own small pg pool (COPY and session-level staging
 * tables need dedicated connections, not TypeORM's), and send `scoring.accounts-touched` through the queue.
 */
@Injectable()
export class IngestionService implements OnModuleDestroy {
  private readonly pool: pg.Pool;
  readonly importer: GraphImporter;

  constructor(@Inject(DATABASE_URL) url: string, queue: QueueService) {
    // createPool: an idle connection the server ends (a restart) is replaced, not an 'error' that kills the process.
    this.pool = createPool({ connectionString: url, max: 3, application_name: 'renown-ingestion' });
    this.importer = new GraphImporter(this.pool, queue);
  }

  ingestFile(path: string, options?: IngestFileOptions): Promise<ImportResult> {
    return this.importer.ingestFile(path, options);
  }

  ingest(source: AsyncIterable<RawRecord>, options: IngestOptions): Promise<ImportResult> {
    return this.importer.ingest(source, options);
  }

  /** Links accounts of one person across networks by hand (merging persons they already belong to). */
  linkAccountsToPerson(accountIds: string[], displayName?: string | null): Promise<string> {
    return new PersonLinker(this.pool).linkAccounts(accountIds, displayName);
  }

  async onModuleDestroy() {
    await this.pool.end();
  }
}
