import { Injectable } from '@nestjs/common';
import { audienceQualityLimit, describeNetworkScale, scaleOf, TopicsService } from '@renown/scoring';
import { toTopic } from '@renown/scoring/topics/graphql/topics.resolver.js';
import { describeAudienceQuality } from '../audience/quality/describe-audience-quality.js';
import { classifyGrowthStep } from '../audience/quality/growth-anomalies.js';
import { DiscoveryError } from '../discovery.error.js';
import { GrowthAnomalyKind, type AudienceQuality, type FollowerGrowth, type InfluencerProfile, type ProfileScore, type ProfileTopic } from './graphql/profile.models.js';
import { type AccountRow, type AudienceQualityRow, InfluencerProfileRepository, type ScoreRow } from './influencer-profile.repository.js';

export interface ProfileOptions {
  historyDays: number;
  locale?: string;
  evidencePerTopic: number;
}

const TOP_POSTS = 10;
const TOP_ENGAGERS = 20;
const isId = (v: string) => /^\d{1,19}$/.test(v);

/** Assembles a profile from the global, public-data tables (no brand owns any of it). */
@Injectable()
export class InfluencerProfileService {
  constructor(
    private readonly repo: InfluencerProfileRepository,
    private readonly topics: TopicsService,
  ) {}

  /** Throws BAD_USER_INPUT unless exactly one id is given, NOT_FOUND when it names nobody. */
  async getProfileOrThrow(ids: { accountId?: string | null; personId?: string | null }, options: ProfileOptions): Promise<InfluencerProfile> {
    const { accountId, personId } = ids;
    if (!accountId === !personId) throw DiscoveryError.badInput('Give either accountId or personId (one of them, not both).');
    const historyDays = Math.min(Math.max(Math.trunc(options.historyDays), 1), 730);
    const evidencePerTopic = Math.min(Math.max(Math.trunc(options.evidencePerTopic), 0), 50);

    let accounts: AccountRow[];
    let primaryId: string;
    let person: InfluencerProfile['person'] = null;
    if (accountId) {
      accounts = isId(accountId) ? await this.repo.accountWithLinked(accountId) : [];
      if (!accounts.some((a) => a.id === accountId)) throw DiscoveryError.notFound('Account', accountId);
      primaryId = accountId;
      const pid = accounts[0].personId;
      const p = pid ? await this.repo.person(pid) : null;
      if (p) person = { id: p.id, displayName: p.displayName, score: p.score, percentile: p.percentile };
    } else {
      const p = isId(personId!) ? await this.repo.person(personId!) : null;
      accounts = p ? await this.repo.personAccounts(personId!) : [];
      if (!p || accounts.length === 0) throw DiscoveryError.notFound('Person', personId!);
      person = { id: p.id, displayName: p.displayName, score: p.score, percentile: p.percentile };
      primaryId = accounts.some((a) => a.id === p.bestAccountId) ? p.bestAccountId! : accounts[0].id;
    }

    const accountIds = accounts.map((a) => a.id);
    const [scores, history, quality, topics, topPosts, topEngagers, growth] = await Promise.all([
      this.repo.latestScores(accountIds),
      this.repo.scoreHistory(primaryId, historyDays),
      this.repo.audienceQuality(accountIds),
      this.topicsOf(accountIds, options.locale, evidencePerTopic),
      this.repo.topPosts(accountIds, TOP_POSTS),
      this.repo.topEngagers(accountIds, TOP_ENGAGERS),
      this.repo.followerHistory(primaryId),
    ]);
    const primaryQuality = quality.get(primaryId) ?? null;
    return {
      person,
      primaryAccountId: primaryId,
      accounts: accounts.map((a) => ({
        id: a.id,
        platform: a.platform,
        handle: a.handle,
        displayName: a.displayName,
        bio: a.bio,
        language: a.language,
        location: a.location,
        verified: a.verified,
        followers: a.followers,
        following: a.following,
        posts: a.posts,
        score: scores.get(a.id)?.score ?? null,
        audienceQuality: quality.get(a.id)?.score ?? null,
        isPrimary: a.id === primaryId,
        lastFetchedAt: a.lastFetchedAt,
        followersLabel: scaleOf(a.platform).followersAre,
        scoreBasis: describeNetworkScale(a.platform),
        totalViews: a.platform === 'youtube' && a.details?.viewCount != null ? Number(a.details.viewCount) : null,
        website: a.platform === 'instagram' && typeof a.details?.website === 'string' ? a.details.website : null,
        audienceQualityNote: audienceQualityLimit(a.platform),
      })),
      score: profileScore(scores.get(primaryId), history),
      topics,
      topPosts,
      topEngagers,
      audienceQuality: primaryQuality ? audienceQualityView(primaryQuality) : null,
      followerGrowth: followerGrowth(primaryId, growth, primaryQuality?.breakdown.growth.benchmarkDailyRate ?? 0),
    };
  }

  /**
   * Topics of every linked account, evidence included. TopicsService leaves hidden topics out; evidence that
   * points at a hidden child topic is dropped here too, so a hidden topic never shows by any path.
   */
  private async topicsOf(accountIds: string[], locale: string | undefined, evidencePerTopic: number): Promise<ProfileTopic[]> {
    const lexicon = this.topics.lexicon;
    const perAccount = await Promise.all(
      accountIds.map(async (accountId) => {
        const [topics, hides] = await Promise.all([this.topics.accountTopics(accountId), this.topics.hiddenTopics(accountId)]);
        const hidden = new Set(hides.map((h) => h.topicId));
        return topics
          .filter((t) => !hidden.has(t.topicId) && lexicon.get(t.topicId))
          .map((t) => ({
            ...t,
            accountId,
            topic: toTopic(lexicon, t.topicId, locale),
            evidence: t.evidence
              .filter((e) => !e.childTopicId || (!hidden.has(e.childTopicId) && lexicon.get(e.childTopicId)))
              .slice(0, evidencePerTopic)
              .map((e) => ({ ...e, childTopic: e.childTopicId ? toTopic(lexicon, e.childTopicId, locale) : null })),
          }));
      }),
    );
    return perAccount.flat();
  }
}

export function profileScore(current: ScoreRow | undefined, history: ScoreRow[]): ProfileScore | null {
  if (!current) return null;
  return {
    ...current,
    history: history.map((h, i) => ({ ...h, modelChanged: i > 0 && history[i - 1].modelVersion !== h.modelVersion })),
  };
}

export function audienceQualityView(q: AudienceQualityRow): AudienceQuality {
  return {
    accountId: q.accountId,
    score: q.score,
    suspiciousFollowerShare: q.suspiciousFollowerShare,
    massFollowerShare: q.massFollowerShare,
    suspiciousEngagerShare: q.suspiciousEngagerShare,
    engagementAuthenticity: q.engagementAuthenticity,
    growthAnomalies: q.growthAnomalies,
    sampleSize: q.sampleSize,
    confidence: q.breakdown.confidence,
    sizeBand: q.breakdown.band.label,
    parts: describeAudienceQuality(q.breakdown),
    modelVersion: q.modelVersion,
    computedAt: q.computedAt,
  };
}

/** Marks each step with the same rule the audience quality job counts (growth-anomalies.ts). */
export function followerGrowth(accountId: string, points: { observedAt: Date; followers: number }[], bandDailyRate: number): FollowerGrowth {
  let anomalies = 0;
  const marked = points.map((p, i) => {
    if (i === 0) return { ...p, change: null, anomaly: null };
    const prev = points[i - 1];
    const days = (p.observedAt.getTime() - prev.observedAt.getTime()) / 86_400_000;
    const kind = classifyGrowthStep(prev.followers, p.followers, days, bandDailyRate);
    if (kind) anomalies++;
    return { ...p, change: p.followers - prev.followers, anomaly: kind === 'spike' ? GrowthAnomalyKind.SPIKE : kind === 'drop' ? GrowthAnomalyKind.DROP : null };
  });
  return { accountId, points: marked, anomalies };
}
