import { Inject, Injectable } from '@nestjs/common';
import { JobHandler, logger } from '@renown/core';
import { DataSource } from 'typeorm';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import { MeterReportRepository } from '../persistence/meter-report.repository.js';
import { StripeGateway } from '../stripe/stripe-gateway.js';
import { REPORT_USAGE_QUEUE } from './usage.service.js';

/**
 * Sends the meter outbox to Stripe (billing meter events). Each report is sent with an idempotency key and a
 * meter-event identifier derived from its id, so a retry after a lost answer, a second worker or a re-run job
 * never bills the same invitation twice: Stripe replays the first answer. The row is locked while sending.
 */
@Injectable()
export class MeterReportingService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly db: DataSource,
    private readonly reports: MeterReportRepository,
    private readonly stripe: StripeGateway,
  ) {}

  @JobHandler(REPORT_USAGE_QUEUE)
  async onReportUsage(data: { reportId: string }) {
    await this.send(data.reportId);
  }

  /** Catches reports whose job was never enqueued or ran before the row was committed. */
  @JobHandler('billing.report-usage-sweep', { cron: '* * * * *' })
  async sweep() {
    if (!this.catalogue.billingEnabled) return;
    for (const id of await this.reports.stalePendingIds()) {
      await this.send(id).catch((err) => logger.warn({ err, reportId: id }, 'meter report failed; will retry'));
    }
  }

  /** Sends one report; a report already sent, locked by another sender, or gone is done. */
  async send(reportId: string): Promise<'sent' | 'skipped'> {
    if (!this.catalogue.billingEnabled || !this.catalogue.invitationsMeterEventName) return 'skipped';
    return this.db.transaction(async (em) => {
      const report = await this.reports.lockPending(reportId, em);
      if (!report) return 'skipped';
      if (!report.stripeCustomerId) {
        await this.reports.markFailed(report, 'the brand has no Stripe customer', true);
        return 'skipped';
      }
      const identifier = `renown-${report.metric}-${report.id}`;
      try {
        await this.stripe.createMeterEvent(
          {
            event_name: this.catalogue.invitationsMeterEventName!,
            identifier,
            timestamp: Math.floor(report.occurredAt.getTime() / 1000),
            payload: { stripe_customer_id: report.stripeCustomerId, value: String(report.quantity) },
          },
          `renown-meter-${report.id}`,
        );
      } catch (err) {
        // Stripe already holds an event with this identifier (sent before the idempotency key expired).
        if (err?.code !== 'resource_already_exists') throw err;
      }
      await this.reports.markSent(report, em);
      return 'sent';
    });
  }
}
