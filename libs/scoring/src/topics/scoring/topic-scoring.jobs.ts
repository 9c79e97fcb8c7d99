import { Injectable } from '@nestjs/common';
import { JobHandler } from '@renown/core';
import { TopicScoringService } from './topic-scoring.service.js';

/**
 * Queue of the topics step. Sent by every successful influence run ('scoring.run': daily at 03:00 UTC and
 * after imports) with that run's `asOf`, so it needs no schedule of its own; operators may also send it.
 */
export const TOPIC_SCORING_QUEUE = 'scoring.topics';

@Injectable()
export class TopicScoringJobs {
  constructor(private readonly scoring: TopicScoringService) {}

  /** Idempotent: every stage replaces its own rows; hidden topics are re-applied from account_topic_hides. */
  @JobHandler(TOPIC_SCORING_QUEUE, { batchSize: 1 })
  async run(data: { asOf?: string; influenceRunId?: string } = {}) {
    await this.scoring.computeTopicScores({ asOf: data?.asOf ? new Date(data.asOf) : undefined });
  }
}
