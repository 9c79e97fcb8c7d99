import { SetMetadata } from '@nestjs/common';
import type PgBoss from 'pg-boss';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

export interface JobHandlerOptions extends PgBoss.WorkOptions {
  /** Cron (UTC) to enqueue this job on a schedule, e.g. '0 3 * * *'. */
  cron?: string;
}

/**
 * Marks a provider method as the consumer of a queue. The worker discovers these at boot; the method gets
 * the job's data and id. Handlers must be idempotent: a job can run again after a crash.
 */
export const JobHandler = (queue: string, options: JobHandlerOptions = {}) =>
  SetMetadata(JOB_HANDLER, { queue, options });
