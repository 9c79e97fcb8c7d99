import { Injectable } from '@nestjs/common';
import { ScoringError } from '../scoring.error.js';
import { getTopicLexicon, type TopicLexicon } from './ontology/topic-lexicon.js';
import { resolveTopicTerms, type TopicResolution } from './ontology/resolve-topic-terms.js';
import { TopicsRepository } from './persistence/topics.repository.js';

/** An endorser may vouch this many times per rolling day (and once per account and topic, ever). */
export const ENDORSEMENT_LIMIT = { perDay: 10 } as const;

export interface AccountTopicView {
  topicId: string;
  rank: number;
  weight: number;
  postCount: number;
  engagerCount: number;
  endorsementCount: number;
  computedAt: Date;
  score: number | null;
  percentile: number | null;
  evidence: { kind: string; weight: number; postId: string | null; postText: string | null; accountId: string | null; accountHandle: string | null; childTopicId: string | null; detail: string | null }[];
}

/** Topic lookups (from the in-memory ontology), an account's topics with evidence, and corrections. */
@Injectable()
export class TopicsService {
  constructor(private readonly repo: TopicsRepository) {}

  get lexicon(): TopicLexicon {
    return getTopicLexicon();
  }

  /** A topic by id or slug; throws NOT_FOUND. */
  getTopicOrThrow(idOrSlug: string) {
    const t = this.lexicon.get(idOrSlug) ?? this.lexicon.bySlug.get(idOrSlug);
    if (!t) throw ScoringError.notFound(`Topic "${idOrSlug}"`, { hint: 'Search with topicSearch(text:) to find its id or slug.' });
    return t;
  }

  resolve(text: string, locale?: string): TopicResolution {
    if (text.length > 200) throw ScoringError.badInput('A topic search is at most 200 characters: type the topic words only.');
    return resolveTopicTerms(text, { locale, lexicon: this.lexicon });
  }

  async accountTopics(accountId: string): Promise<AccountTopicView[]> {
    await this.accountOrThrow(accountId);
    const [topics, evidence] = await Promise.all([this.repo.accountTopics(accountId), this.repo.evidence(accountId)]);
    return topics.map((t) => ({ ...t, evidence: evidence.filter((e) => e.topicId === t.topicId) }));
  }

  async hiddenTopics(accountId: string) {
    await this.accountOrThrow(accountId);
    return this.repo.hides(accountId);
  }

  /**
   * Hides a wrong topic now and in every later run. `by` says who asked: the influencer themselves (through
   * whatever flow proved they own the account) or a Renown operator.
   */
  async hideTopic(accountId: string, topicIdOrSlug: string, by: 'influencer' | 'operator', userId: string | null, reason: string | null) {
    await this.accountOrThrow(accountId);
    const topic = this.getTopicOrThrow(topicIdOrSlug);
    await this.repo.hide(accountId, topic.id, by, userId, reason?.slice(0, 500) ?? null);
    return (await this.repo.hides(accountId)).find((h) => h.topicId === topic.id)!;
  }

  async unhideTopic(accountId: string, topicIdOrSlug: string): Promise<boolean> {
    await this.accountOrThrow(accountId);
    return this.repo.unhide(accountId, this.getTopicOrThrow(topicIdOrSlug).id);
  }

  /**
   * One account vouches for another's topic. Adds topic evidence at the next run; never raises an influence
   * score (the per-topic PageRank seeds on endorsement-free weight). Rate-limited per endorser.
   */
  async endorse(endorserAccountId: string, accountId: string, topicIdOrSlug: string, userId: string | null, now = new Date()) {
    if (endorserAccountId === accountId) throw ScoringError.badInput('An account cannot endorse itself: ask another account to vouch for it.');
    await this.accountOrThrow(endorserAccountId);
    await this.accountOrThrow(accountId);
    const topic = this.getTopicOrThrow(topicIdOrSlug);
    const recent = await this.repo.endorsementsSince(endorserAccountId, new Date(now.getTime() - 86_400_000));
    if (recent >= ENDORSEMENT_LIMIT.perDay) {
      throw ScoringError.rateLimited(`This account already endorsed ${recent} topics in the last 24 hours (limit ${ENDORSEMENT_LIMIT.perDay}). Try again tomorrow.`, 86_400);
    }
    const row = await this.repo.endorse(endorserAccountId, accountId, topic.id, userId);
    if (!row) throw ScoringError.conflict('This account already endorsed that account for this topic.');
    return { id: row.id, endorserAccountId, accountId, topicId: topic.id, createdAt: row.createdAt };
  }

  private async accountOrThrow(accountId: string) {
    if (!/^\d{1,19}$/.test(accountId) || !(await this.repo.accountExists(accountId))) {
      throw ScoringError.notFound(`Social account ${accountId}`);
    }
  }
}
