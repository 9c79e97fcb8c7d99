import { Module } from '@nestjs/common';
import { CreatorTopicsController } from './corrections/creator-topics.controller.js';
import { CreatorTopicsService } from './corrections/creator-topics.service.js';
import { TopicsResolver } from './graphql/topics.resolver.js';
import { TopicsRepository } from './persistence/topics.repository.js';
import { TopicScoringJobs } from './scoring/topic-scoring.jobs.js';
import { TopicScoringService } from './scoring/topic-scoring.service.js';
import { TopicsService } from './topics.service.js';

/** Topics: ontology lookups, post and account topics, per-topic influence, corrections. Global data. */
@Module({
  controllers: [CreatorTopicsController],
  providers: [TopicsRepository, TopicsService, TopicScoringService, TopicScoringJobs, TopicsResolver, CreatorTopicsService],
  exports: [TopicsService, TopicScoringService, CreatorTopicsService],
})
export class TopicsModule {}
