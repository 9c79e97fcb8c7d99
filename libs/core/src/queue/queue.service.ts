import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from '../database/database.module.js';
import { logger } from '../logging/logger.js';

export const QUEUE_ROLE = Symbol('QUEUE_ROLE');
/** `producer` only sends (the API); `worker` also supervises, runs schedules and consumes (the worker). */
export type QueueRole = 'producer' | 'worker';

export type SendOptions = PgBoss.SendOptions;

/**
 * Jobs on pg-boss, in the same PostgreSQL as the data, so enqueuing can share a database and needs no
 * broker. Jobs carry ids only; handlers reload what they need.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnApplicationShutdown {
  private boss: PgBoss;
  private readonly created = new Set<string>();
  private started = false;
  private stopping = false;

  constructor(
    @Inject(DATABASE_URL) private readonly url: string,
    @Inject(QUEUE_ROLE) readonly role: QueueRole,
  ) {}

  async onModuleInit() {
    const isWorker = this.role === 'worker';
    this.boss = new PgBoss({
      connectionString: this.url,
      application_name: `renown-${this.role}`,
      max: isWorker ? 6 : 3,
      supervise: isWorker,
      schedule: isWorker,
      migrate: true,
    });
    this.boss.on('error', (err) => {
      // A connection the server ends while we stop (the embedded server stopping at exit) is not a fault.
      if (this.stopping) logger.debug({ reason: err.message }, 'queue connection ended while stopping');
      else logger.error({ reason: err.message, code: (err as { code?: string }).code }, 'queue error (pg-boss retries)');
    });
    await this.boss.start();
    this.started = true;
  }

  async onApplicationShutdown() {
    this.stopping = true;
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    this.started = false;
  }

  async ensureQueue(name: string) {
    if (this.created.has(name)) return;
    await this.boss.createQueue(name);
    this.created.add(name);
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    return this.boss.send(name, data, { retryLimit: 5, retryDelay: 5, retryBackoff: true, ...options });
  }

  async work<T>(name: string, options: PgBoss.WorkOptions, handler: (job: PgBoss.Job<T>) => Promise<unknown>) {
    await this.ensureQueue(name);
    return this.boss.work<T>(name, options, async (jobs) => {
      for (const job of jobs) await handler(job);
    });
  }

  async schedule(name: string, cron: string, data: object = {}) {
    await this.ensureQueue(name);
    await this.boss.schedule(name, cron, data, { tz: 'UTC' });
  }

  async unschedule(name: string) {
    await this.boss.unschedule(name);
  }

  async getJob(name: string, id: string) {
    return this.boss.getJobById(name, id);
  }

  async isHealthy(): Promise<boolean> {
    if (!this.started) return false;
    try {
      await this.boss.getQueues();
      return true;
    } catch {
      return false;
    }
  }
}
