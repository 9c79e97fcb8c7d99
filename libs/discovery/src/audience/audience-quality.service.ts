import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { logger, poolOf } from '@renown/core';
import { AudienceQualityStore } from './quality/audience-quality.store.js';
import { AUDIENCE_QUALITY_MODEL_VERSION, computeAudienceQuality } from './quality/compute-audience-quality.js';

export interface AudienceQualityRunReport {
  modelVersion: string;
  asOf: string;
  accountsScored: number;
  /** Milliseconds: the set-based read, the math, the write. */
  timings: { load: number; compute: number; write: number };
}

/** Runs the audience quality model over every account with audience data (Nest entry, on the app's pool). */
@Injectable()
export class AudienceQualityService {
  private readonly store: AudienceQualityStore;

  constructor(dataSource: DataSource) {
    // TypeORM's postgres driver keeps its pg Pool here; COPY needs a raw pg client.
    this.store = new AudienceQualityStore(poolOf(dataSource));
  }

  run(options: { asOf?: Date } = {}): Promise<AudienceQualityRunReport> {
    return runAudienceQuality(this.store, options.asOf ?? new Date());
  }
}

/** Read, compute, write. Idempotent: a second run with the same data writes the same rows. */
export async function runAudienceQuality(store: AudienceQualityStore, asOf: Date, now = () => new Date()): Promise<AudienceQualityRunReport> {
  const t0 = performance.now();
  const loaded = await store.loadFeatures(asOf);
  const t1 = performance.now();
  const quality = computeAudienceQuality(loaded.features);
  const t2 = performance.now();
  const written = await store.writeResults(loaded, quality, now());
  const t3 = performance.now();
  const report = {
    modelVersion: AUDIENCE_QUALITY_MODEL_VERSION,
    asOf: asOf.toISOString(),
    accountsScored: written,
    timings: { load: Math.round(t1 - t0), compute: Math.round(t2 - t1), write: Math.round(t3 - t2) },
  };
  logger.info(report, 'audience quality computed');
  return report;
}
