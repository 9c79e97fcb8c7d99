import { Injectable } from '@nestjs/common';
import { JobHandler } from '@renown/core';
import { AudienceQualityService } from './audience-quality.service.js';

/**
 * Queue of the audience quality run. The influence scoring run sends it when it succeeds (with its `asOf`),
 * so scores and audience quality describe the same window; operators send it on demand
 * (`npm run renown -- audience-quality` runs it in-process instead).
 */
export const AUDIENCE_QUALITY_QUEUE = 'discovery.audience-quality';

@Injectable()
export class AudienceQualityJobs {
  constructor(private readonly audience: AudienceQualityService) {}

  /** Idempotent: recomputes every account from the graph and replaces the rows in one transaction. */
  @JobHandler(AUDIENCE_QUALITY_QUEUE, { batchSize: 1 })
  async run(data: { asOf?: string } = {}) {
    const asOf = data?.asOf ? new Date(data.asOf) : undefined;
    await this.audience.run({ asOf: asOf && !Number.isNaN(asOf.getTime()) ? asOf : undefined });
  }
}
