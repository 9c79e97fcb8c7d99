import { Injectable } from '@nestjs/common';
import { JobHandler } from '@renown/core';
import { TopicScoringService } from './topic-scoring.service.js';

/** Queue of the topics step. The influence run ('scoring.run') sends it when it finishes; it also runs daily. */
export const TOPIC_SCORING_QUEUE = 'scoring.topics';

@Injectable()
export class TopicScoringJobs {
  constructor(private readonly scoring: TopicScoringService) {}

  /** Idempotent: every stage replaces its own rows; hidden topics are re-applied from account_topic_hides. */
  @JobHandler(TOPIC_SCORING_QUEUE, { cron: '30 3 * * *', batchSize: 1 })
  async run(data: { asOf?: string } = {}) {
    await this.scoring.computeTopicScores({ asOf: data?.asOf ? new Date(data.asOf) : undefined });
  }
}
