import { Controller, Get, Inject, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, QueueService } from '@renown/core';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

/** Liveness and readiness in one: 200 when the database and the job queue answer, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly queue: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async health(@Res() res: Response) {
    const database = await this.db
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const queue = (await this.queue.isHealthy()) ? 'up' : 'down';
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      database,
      queue,
      billing: this.config.billingEnabled ? 'stripe' : 'off (no Stripe keys: every brand has every feature)',
      mail: this.config.smtpEnabled ? 'smtp' : 'local (kept in the database, see /dev/mail)',
    });
  }
}
