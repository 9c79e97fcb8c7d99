import { Injectable } from '@nestjs/common';
import { JobHandler, QueueService } from '@renown/core';
import { AlertScanService } from './alerts/alert-scan.service.js';
import { BRAND_ALERTS_SCAN_QUEUE, BRAND_AUDIENCE_RANK_ALL_QUEUE, BRAND_AUDIENCE_RANK_QUEUE, BRAND_WEBHOOK_DELIVER_QUEUE } from './brand-audience.queues.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';
import { BrandAudienceRankingService } from './who-matters/brand-audience-ranking.service.js';

/** The worker's brand-audience jobs. Each carries ids only and is safe to run again. */
@Injectable()
export class BrandAudienceJobs {
  constructor(
    private readonly ranking: BrandAudienceRankingService,
    private readonly alerts: AlertScanService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly queue: QueueService,
  ) {}

  @JobHandler(BRAND_AUDIENCE_RANK_QUEUE, { batchSize: 1 })
  async rank(data: { brandId: string }): Promise<void> {
    await this.ranking.rank(data.brandId);
  }

  @JobHandler(BRAND_AUDIENCE_RANK_ALL_QUEUE, { cron: '17 * * * *' })
  async rankAll(): Promise<void> {
    for (const brandId of await this.ranking.brandsWithAccounts()) await this.queue.send(BRAND_AUDIENCE_RANK_QUEUE, { brandId });
  }

  @JobHandler(BRAND_ALERTS_SCAN_QUEUE, { cron: '* * * * *' })
  async scanAlerts(): Promise<void> {
    await this.alerts.scan();
    await this.alerts.sendDueDigests();
  }

  @JobHandler(BRAND_WEBHOOK_DELIVER_QUEUE, { batchSize: 1 })
  async deliverWebhook(data: { deliveryId: string }): Promise<void> {
    await this.webhooks.deliver(data.deliveryId);
  }
}
