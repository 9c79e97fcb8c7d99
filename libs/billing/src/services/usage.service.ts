import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { BadInputError, logger, QueueService } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import { BillingClock } from '../billing-clock.js';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import { METERED_METRICS, type MeteredMetric } from '../config/plans.js';
import { usagePeriodStart } from '../domain/usage-period.js';
import { MeterReportRepository } from '../persistence/meter-report.repository.js';
import { UsageRepository } from '../persistence/usage.repository.js';
import { EntitlementsService } from './entitlements.service.js';

export const REPORT_USAGE_QUEUE = 'billing.report-usage';

export interface RecordResult {
  /** False when this idempotency key was already counted: nothing changed. */
  counted: boolean;
  /** The month's total for the metric after this call. */
  used: number;
  /** Units beyond the allowance that will be billed as metered usage (invitations on paid plans). */
  overage: number;
}

/**
 * Counts metered actions (searches, API calls, invitations) per brand and calendar month, within the plan's
 * limit. The same idempotency key is counted once, ever. Counting and the limit check are one statement, so
 * concurrent actions cannot both take the last unit. Invitations beyond the allowance on a plan with
 * overage are written to the meter outbox in the same transaction and reported to Stripe by a job.
 */
@Injectable()
export class UsageService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly db: DataSource,
    private readonly usage: UsageRepository,
    private readonly meterReports: MeterReportRepository,
    private readonly entitlements: EntitlementsService,
    private readonly queue: QueueService,
    private readonly clock: BillingClock,
  ) {}

  /**
   * Records `quantity` units of `metric` for the action named by `idempotencyKey` (e.g. `invitation:<id>`).
   * Throws QUOTA_EXCEEDED (and counts nothing) when the plan's limit would be passed. Pass `manager` (in an
   * open transaction) to count inside the caller's transaction, so the action and its count commit together.
   * With `manager`, a refused count is undone in a savepoint so the caller may go on; a caller that lets
   * QUOTA_EXCEEDED roll back its whole transaction passes `savepoint: false` and saves two round trips.
   * A caller whose transaction (opened by itself, e.g. with transactionWithSettings) ends with the count also
   * passes `commit: true`: the count is sent with the COMMIT, so concurrent counts of the brand wait for the
   * month's counter only while PostgreSQL counts and commits (see UsageRepository.count); when this returns,
   * the transaction has committed, and when it throws, it has rolled back. Without `manager`, a count that
   * needs nothing written after it is one statement on its own, which commits or refuses whole.
   */
  async record(
    brandId: BrandId,
    metric: MeteredMetric,
    quantity: number,
    idempotencyKey: string,
    options: { manager?: EntityManager; savepoint?: boolean; commit?: boolean } = {},
  ): Promise<RecordResult> {
    if (options.commit && (!options.manager || options.savepoint !== false)) throw new Error('record({ commit: true }) ends the caller\'s transaction: pass its manager and savepoint: false');
    if (!METERED_METRICS.includes(metric)) throw new BadInputError(`Unknown metered metric ${metric}; one of ${METERED_METRICS.join(', ')}`);
    if (!Number.isInteger(quantity) || quantity < 1) throw new BadInputError('quantity must be a whole number of at least 1');
    if (!idempotencyKey) throw new BadInputError('An idempotency key is required so a retried action is not counted twice');
    const view = await this.entitlements.getView(brandId);
    const now = this.clock.now();
    const period = usagePeriodStart(now);
    const limit = view.entitlements[metric];
    const overageBilled = metric === 'invitations' && view.entitlements.invitationOverage && Boolean(this.catalogue.invitationsMeterEventName);
    const enforced = limit !== null && !overageBilled ? limit : null;
    const commitWithCount = Boolean(options.commit) && !overageBilled; // nothing is written after the count
    let reportId: string | null = null;

    const run = async (em?: EntityManager): Promise<RecordResult> => {
      const { claimed, used, current } = await this.usage.count(brandId, metric, idempotencyKey, period, quantity, enforced, em, { commit: commitWithCount });
      if (!claimed) {
        return { counted: false, used: (await this.usage.used(brandId, period, em))[metric], overage: 0 };
      }
      if (used === null) throw this.entitlements.quotaError(view, metric, limit!, current ?? limit!, quantity);
      let overage = 0;
      if (overageBilled && limit !== null && used > limit) {
        overage = Math.min(quantity, used - limit);
        await this.usage.setOverage(brandId, metric, idempotencyKey, overage, em!);
        reportId = await this.meterReports.enqueue(brandId, metric, idempotencyKey, overage, now, em!);
      }
      if (options.commit && !commitWithCount) await em!.query('COMMIT');
      return { counted: true, used, overage };
    };

    const result = options.manager
      ? await (options.savepoint === false ? run(options.manager) : this.inSavepoint(options.manager, run))
      : overageBilled
        ? await this.db.transaction(run)
        : await run(undefined);
    if (reportId) {
      // After the commit (or inside the caller's transaction: the job reloads the row and a sweep catches any
      // report whose job ran too early or was never enqueued).
      await this.queue.send(REPORT_USAGE_QUEUE, { reportId }, { singletonKey: reportId }).catch((err) => logger.warn({ err, reportId }, 'meter report not enqueued; the sweep will send it'));
    }
    return result;
  }

  /**
   * Inside the caller's transaction, a refused count is undone on its own (a savepoint), so a caller that
   * catches QUOTA_EXCEEDED and commits the rest leaves no half-counted action behind.
   */
  private async inSavepoint<T>(em: EntityManager, run: (em: EntityManager) => Promise<T>): Promise<T> {
    await em.query('SAVEPOINT billing_usage_record');
    try {
      const result = await run(em);
      await em.query('RELEASE SAVEPOINT billing_usage_record');
      return result;
    } catch (err) {
      await em.query('ROLLBACK TO SAVEPOINT billing_usage_record');
      throw err;
    }
  }

  /** This month's usage of each monthly metric. */
  async currentUsage(brandId: BrandId): Promise<Record<MeteredMetric, number>> {
    return this.usage.used(brandId, usagePeriodStart(this.clock.now()));
  }
}
