import { Injectable } from '@nestjs/common';
import { JobHandler, QueueService } from '@renown/core';
import { TOPIC_SCORING_QUEUE } from '../topics/scoring/topic-scoring.jobs.js';
import { ScoringRunService } from './scoring-run.service.js';

export const SCORING_RUN_QUEUE = 'scoring.run';
/** Sent by ingestion after an import: `{ accountIds?: string[], importRunId?: string }` (content not needed). */
export const ACCOUNTS_TOUCHED_QUEUE = 'scoring.accounts-touched';
/** Imports arriving within this many seconds of each other lead to one run. */
export const TOUCHED_DEBOUNCE_SECONDS = 120;

@Injectable()
export class ScoringRunJobs {
  constructor(
    private readonly runs: ScoringRunService,
    private readonly queue: QueueService,
  ) {}

  /**
   * The daily full run (and the debounced run after imports). Idempotent: a second run on the same day
   * replaces that day's not-yet-final snapshots with the same or fresher numbers.
   */
  @JobHandler(SCORING_RUN_QUEUE, { cron: '0 3 * * *', batchSize: 1 })
  async runScoring(data: { trigger?: 'schedule' | 'accounts-touched' | 'manual' }) {
    const report = await this.runs.run({ trigger: data?.trigger ?? 'schedule' });
    // Topic expertise and influence per topic rest on the same window of posts and engagement: every
    // successful run (daily, or after imports) refreshes them, so an import needs no manual step to show
    // topic scores. A separate job rather than an inline call: the topics step has its own retries, and a
    // failure there never marks the influence run failed. A failed run throws above and sends nothing.
    await this.queue.send(TOPIC_SCORING_QUEUE, { asOf: report.asOf, influenceRunId: report.runId });
    await this.queue.send('discovery.audience-quality', { asOf: report.asOf }); // audience quality (discovery) on the same window
  }

  /**
   * Scores depend on the whole graph (PageRank, percentiles), so touched accounts trigger a full run, not a
   * partial one. Imports in a row collapse into one run: the run is queued to start TOUCHED_DEBOUNCE_SECONDS
   * later under one singleton key, and pg-boss keeps one job per key per time slot, so the sends that follow
   * within the slot add nothing.
   */
  @JobHandler(ACCOUNTS_TOUCHED_QUEUE)
  async onAccountsTouched() {
    await this.queue.send(
      SCORING_RUN_QUEUE,
      { trigger: 'accounts-touched' },
      { singletonKey: 'accounts-touched', singletonSeconds: TOUCHED_DEBOUNCE_SECONDS, startAfter: TOUCHED_DEBOUNCE_SECONDS },
    );
  }
}
