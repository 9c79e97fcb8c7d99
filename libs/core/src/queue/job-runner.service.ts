import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { logger } from '../logging/logger.js';
import { JOB_HANDLER, type JobHandlerOptions } from './job-handler.decorator.js';
import { QueueService } from './queue.service.js';

/** In the worker: finds every @JobHandler method and subscribes it to its queue. */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap {
  readonly queues: string[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queue: QueueService,
  ) {}

  async onApplicationBootstrap() {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const meta = this.reflector.get<{ queue: string; options: JobHandlerOptions }>(JOB_HANDLER, proto[method]);
        if (!meta) continue;
        const { cron, ...workOptions } = meta.options;
        await this.queue.work(meta.queue, { pollingIntervalSeconds: 1, ...workOptions }, async (job) => {
          const started = Date.now();
          try {
            await instance[method](job.data, job.id);
            logger.info({ queue: meta.queue, jobId: job.id, ms: Date.now() - started }, 'job done');
          } catch (err) {
            logger.error({ queue: meta.queue, jobId: job.id, err }, 'job failed');
            throw err;
          }
        });
        // A handler without a cron drops a schedule an earlier version registered (pg-boss keeps schedules in the database).
        if (cron) await this.queue.schedule(meta.queue, cron);
        else await this.queue.unschedule(meta.queue);
        this.queues.push(meta.queue);
      }
    }
    logger.info({ queues: this.queues }, 'worker consuming');
  }
}
