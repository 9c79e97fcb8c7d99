import { Injectable } from '@nestjs/common';
import { poolOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { InfluenceScoreStore } from './influence-score.store.js';
import { InfluenceScoringRun, type ScoringRunOptions } from './influence-scoring-run.js';

/** Nest entry to a scoring run, on the app's own pg pool. */
@Injectable()
export class ScoringRunService {
  private readonly store: InfluenceScoreStore;

  constructor(private readonly dataSource: DataSource) {
    // TypeORM's postgres driver keeps its pg Pool here; COPY needs a raw pg client.
    this.store = new InfluenceScoreStore(poolOf(this.dataSource));
  }

  run(options: ScoringRunOptions) {
    return new InfluenceScoringRun(this.store).execute(options);
  }
}
