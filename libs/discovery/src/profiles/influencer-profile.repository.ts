import { Injectable } from '@nestjs/common';
import type { As, CastAs, Narrow, NonNull, Nullable, RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import type { AudienceBreakdown } from '../audience/quality/compute-audience-quality.js';
import { GROWTH_RULE } from '../audience/quality/growth-anomalies.js';
import { ENGAGEMENT_WINDOW_DAYS } from '../audience/quality/audience-quality.store.js';

/** An account as the profile shows it: its columns, with the counts (bigint, read as strings) made numbers. */
export interface AccountRow
  extends RowOf<'social_accounts', 'id' | 'platform' | 'handle' | 'bio' | 'language' | 'location' | 'verified'>,
    As<'social_accounts', { displayName: 'display_name'; personId: 'person_id' }> {
  followers: number | null;
  following: number | null;
  posts: number | null;
  /** When a crawl, look-up or refresh last read the account from its network (null for file imports). */
  lastFetchedAt: Date | null;
  /** What one network says that the shared columns do not (YouTube: viewCount, country, topicCategories; Instagram: website). */
  details: Record<string, unknown> | null;
}

/** A daily snapshot (day as YYYY-MM-DD). */
export interface ScoreRow
  extends As<'account_score_snapshots', { accountId: 'account_id'; reach: 'reach_score'; amplification: 'amplification_score'; network: 'network_score'; modelVersion: 'model_version' }>,
    RowOf<'account_score_snapshots', 'score' | 'percentile'>,
    CastAs<'account_score_snapshots', { day: 'day' }, string> {}

/** The breakdown document of account_audience_quality (json: its shape is the application's). */
type AudienceQualityBreakdown = AudienceBreakdown & { growth: { benchmarkDailyRate?: number } };

export interface AudienceQualityRow
  extends As<
      'account_audience_quality',
      {
        accountId: 'account_id';
        suspiciousFollowerShare: 'suspicious_follower_share';
        massFollowerShare: 'mass_follower_share';
        suspiciousEngagerShare: 'suspicious_engager_share';
        engagementAuthenticity: 'engagement_authenticity';
        growthAnomalies: 'growth_anomalies';
        sampleSize: 'sample_size';
        modelVersion: 'model_version';
        computedAt: 'computed_at';
      }
    >,
    RowOf<'account_audience_quality', 'score'> {
  breakdown: AudienceQualityBreakdown;
}

/** What the account queries read (`id::text`, `person_id::text`: bigints are strings either way). */
type AccountQueryRow = RowOf<
  'social_accounts',
  'id' | 'platform' | 'handle' | 'display_name' | 'bio' | 'language' | 'location' | 'verified' | 'followers_count' | 'following_count' | 'posts_count' | 'person_id' | 'last_fetched_at'
> & { details: Record<string, unknown> | null }; // json: its shape is each network's

/** What the audience quality query reads, the shares under short names. */
type AudienceQualityQueryRow = Narrow<
  As<'account_audience_quality', { accountId: 'account_id'; s1: 'suspicious_follower_share'; s2: 'mass_follower_share'; s3: 'suspicious_engager_share'; s4: 'engagement_authenticity' }> &
    RowOf<'account_audience_quality', 'score' | 'growth_anomalies' | 'breakdown' | 'sample_size' | 'model_version' | 'computed_at'>,
  { breakdown: AudienceQualityBreakdown }
>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * What a post is (video, short, reel, image, carousel), where it lives, its views, and its engagement rate: for a
 * post with views (video), (likes + comments) / views; otherwise its engagements / the author's followers now.
 */
export function postMedia(r: { platform: string; externalId: string; views: string | null; urls: string[] | null; annotations: unknown[] | null; followers: string | null; likes: unknown; replies: unknown; engagements: unknown }) {
  const media = (Array.isArray(r.annotations) ? r.annotations : []).map((a) => (a && typeof a === 'object' ? (a as { media?: { kind?: unknown; permalink?: unknown } }).media : undefined)).find(Boolean);
  const views = num(r.views);
  const followers = num(r.followers);
  const kind = typeof media?.kind === 'string' ? media.kind : null;
  const url = r.platform === 'youtube' ? `https://www.youtube.com/watch?v=${r.externalId}` : typeof media?.permalink === 'string' ? media.permalink : r.platform === 'instagram' ? (r.urls?.[0] ?? null) : null;
  const engagementRate = views && views > 0 ? (Number(r.likes) + Number(r.replies)) / views : followers && followers > 0 ? Number(r.engagements) / followers : null;
  return { views, kind, url, engagementRate, engagementBasis: views && views > 0 ? 'views' : followers && followers > 0 ? 'followers' : null };
}

/** Reads behind a profile: a fixed number of queries, each bounded by the person's few accounts. */
@Injectable()
export class InfluencerProfileRepository {
  constructor(private readonly db: DataSource) {}

  private mapAccount = (r: AccountQueryRow): AccountRow => ({
    id: r.id,
    platform: r.platform,
    handle: r.handle,
    displayName: r.display_name,
    bio: r.bio,
    language: r.language,
    location: r.location,
    verified: r.verified,
    followers: num(r.followers_count),
    following: num(r.following_count),
    posts: num(r.posts_count),
    personId: r.person_id,
    lastFetchedAt: r.last_fetched_at ?? null,
    details: r.details ?? null,
  });

  /** The account and every account of the same person (itself alone when unlinked). */
  async accountWithLinked(accountId: string): Promise<AccountRow[]> {
    const rows: AccountQueryRow[] = await this.db.query(
      `SELECT id::text, platform, handle, display_name, bio, language, location, verified, followers_count, following_count, posts_count, person_id::text, last_fetched_at, details
       FROM social_accounts
       WHERE NOT is_stub AND (id = $1 OR person_id = (SELECT person_id FROM social_accounts WHERE id = $1))
       ORDER BY (id = $1) DESC, followers_count DESC NULLS LAST, id`,
      [accountId],
    );
    return rows.map(this.mapAccount);
  }

  async personAccounts(personId: string): Promise<AccountRow[]> {
    const rows: AccountQueryRow[] = await this.db.query(
      `SELECT id::text, platform, handle, display_name, bio, language, location, verified, followers_count, following_count, posts_count, person_id::text, last_fetched_at, details
       FROM social_accounts WHERE person_id = $1 AND NOT is_stub ORDER BY followers_count DESC NULLS LAST, id`,
      [personId],
    );
    return rows.map(this.mapAccount);
  }

  async person(personId: string): Promise<{ id: string; displayName: string | null; score: number | null; percentile: number | null; bestAccountId: string | null } | null> {
    const [row]: (RowOf<'persons', 'id' | 'display_name'> & Nullable<RowOf<'person_score_snapshots', 'score' | 'percentile'> & As<'person_score_snapshots', { best: 'best_account_id' }>>)[] = await this.db.query(
      `SELECT p.id::text, p.display_name, s.score, s.percentile, s.best_account_id::text AS best
       FROM persons p
       LEFT JOIN LATERAL (SELECT score, percentile, best_account_id FROM person_score_snapshots WHERE person_id = p.id AND model_version = $2 ORDER BY day DESC LIMIT 1) s ON true
       WHERE p.id = $1`,
      [personId, INFLUENCE_MODEL_VERSION],
    );
    return row ? { id: row.id, displayName: row.display_name, score: num(row.score), percentile: num(row.percentile), bestAccountId: row.best } : null;
  }

  /** The latest snapshot of the current model per account. */
  async latestScores(accountIds: string[]): Promise<Map<string, ScoreRow>> {
    const rows: ScoreRow[] = await this.db.query(
      `SELECT DISTINCT ON (account_id) account_id::text AS "accountId", to_char(day, 'YYYY-MM-DD') AS day, score, percentile,
              reach_score AS reach, amplification_score AS amplification, network_score AS network, model_version AS "modelVersion"
       FROM account_score_snapshots WHERE account_id = ANY($1::bigint[]) AND model_version = $2
       ORDER BY account_id, day DESC`,
      [accountIds, INFLUENCE_MODEL_VERSION],
    );
    return new Map(rows.map((r) => [r.accountId, this.score(r)]));
  }

  private score = (r: ScoreRow): ScoreRow => ({
    accountId: r.accountId,
    day: r.day,
    score: Number(r.score),
    percentile: Number(r.percentile),
    reach: Number(r.reach),
    amplification: Number(r.amplification),
    network: Number(r.network),
    modelVersion: r.modelVersion,
  });

  /** Daily snapshots (every model version, so a model change shows) of the last `days` days of data. */
  async scoreHistory(accountId: string, days: number): Promise<ScoreRow[]> {
    const rows: ScoreRow[] = await this.db.query(
      `SELECT account_id::text AS "accountId", to_char(day, 'YYYY-MM-DD') AS day, score, percentile,
              reach_score AS reach, amplification_score AS amplification, network_score AS network, model_version AS "modelVersion"
       FROM account_score_snapshots
       WHERE account_id = $1 AND day > (SELECT max(day) FROM account_score_snapshots WHERE account_id = $1) - $2::int
       ORDER BY day, model_version`,
      [accountId, days],
    );
    return rows.map(this.score);
  }

  async audienceQuality(accountIds: string[]): Promise<Map<string, AudienceQualityRow>> {
    const rows: AudienceQualityQueryRow[] = await this.db.query(
      `SELECT account_id::text AS "accountId", score, suspicious_follower_share AS s1, mass_follower_share AS s2, suspicious_engager_share AS s3,
              engagement_authenticity AS s4, growth_anomalies, breakdown, sample_size, model_version, computed_at
       FROM account_audience_quality WHERE account_id = ANY($1::bigint[])`,
      [accountIds],
    );
    return new Map(
      rows.map((r): [string, AudienceQualityRow] => [
        r.accountId,
        {
          accountId: r.accountId,
          score: Number(r.score),
          suspiciousFollowerShare: num(r.s1),
          massFollowerShare: num(r.s2),
          suspiciousEngagerShare: num(r.s3),
          engagementAuthenticity: num(r.s4),
          growthAnomalies: Number(r.growth_anomalies),
          breakdown: r.breakdown,
          sampleSize: Number(r.sample_size),
          modelVersion: r.model_version,
          computedAt: r.computed_at,
        },
      ]),
    );
  }

  /**
   * Own posts (not reposts) of the last 90 days of the accounts' posting, most engaged first; observed engagement
   * when the platform's counts are missing. Every read goes through the per-account indexes (posts by author and
   * time, interactions by target and time), never a scan of the whole tables.
   */
  async topPosts(accountIds: string[], limit: number) {
    const rows: (NonNull<As<'posts', { postId: 'id'; accountId: 'author_account_id'; postedAt: 'posted_at'; likes: 'like_count'; reposts: 'repost_count'; replies: 'reply_count'; quotes: 'quote_count' }>, 'accountId' | 'likes' | 'reposts' | 'replies' | 'quotes'> &
      RowOf<'posts', 'text' | 'platform' | 'urls'> & As<'posts', { externalId: 'external_id'; views: 'impression_count' }> & As<'social_accounts', { followers: 'followers_count' }> & {
        engagements: string; // greatest(...) of bigints: computed, read as a string
        annotations: unknown[] | null; // json: Twitter context annotations, or one { media } entry (YouTube, Instagram)
      })[] = await this.db.query(
      `WITH since AS (
         SELECT max(last) - interval '${ENGAGEMENT_WINDOW_DAYS} days' AS t FROM unnest($1::bigint[]) a(id),
           LATERAL (SELECT max(posted_at) AS last FROM posts WHERE author_account_id = a.id) m
       ),
       observed AS (
         SELECT i.post_id, count(*) AS n FROM interactions i, since
         WHERE i.target_account_id = ANY($1::bigint[]) AND i.occurred_at > since.t AND i.post_id IS NOT NULL AND i.deleted_at IS NULL
           AND i.type IN ('like', 'repost', 'quote', 'reply') AND NOT (i.actor_account_id = ANY($1::bigint[]))
         GROUP BY i.post_id
       )
       SELECT p.id::text AS "postId", p.author_account_id::text AS "accountId", p.text, p.posted_at AS "postedAt",
              coalesce(p.like_count, 0) AS likes, coalesce(p.repost_count, 0) AS reposts, coalesce(p.reply_count, 0) AS replies, coalesce(p.quote_count, 0) AS quotes,
              greatest(coalesce(p.like_count, 0) + coalesce(p.repost_count, 0) + coalesce(p.reply_count, 0) + coalesce(p.quote_count, 0), coalesce(o.n, 0)) AS engagements,
              p.platform, p.external_id AS "externalId", p.impression_count AS views, p.urls, p.annotations, a.followers_count AS followers
       FROM posts p CROSS JOIN since
       JOIN social_accounts a ON a.id = p.author_account_id
       LEFT JOIN observed o ON o.post_id = p.id
       WHERE p.author_account_id = ANY($1::bigint[]) AND p.posted_at > since.t AND p.deleted_at IS NULL AND p.repost_of_post_id IS NULL
       ORDER BY engagements DESC, p.posted_at DESC, p.id
       LIMIT $2`,
      [accountIds, limit],
    );
    return rows.map((r) => ({
      postId: r.postId,
      accountId: r.accountId,
      text: r.text,
      postedAt: r.postedAt ? new Date(r.postedAt).toISOString() : null,
      likes: Number(r.likes),
      reposts: Number(r.reposts),
      replies: Number(r.replies),
      quotes: Number(r.quotes),
      engagements: Number(r.engagements),
      ...postMedia(r),
    }));
  }

  /** Who engaged most in the last 90 days (the person's own accounts left out), with their influence. */
  async topEngagers(accountIds: string[], limit: number) {
    const rows: (As<'interactions', { accountId: 'actor_account_id'; lastEngagedAt: 'occurred_at' }> &
      RowOf<'social_accounts', 'platform' | 'handle'> &
      As<'social_accounts', { displayName: 'display_name' }> &
      Nullable<RowOf<'account_score_snapshots', 'score'>> & {
        engagements: number; // count(*)::int: computed
      })[] = await this.db.query(
      `WITH e AS (
         SELECT i.actor_account_id AS id, count(*)::int AS n, max(i.occurred_at) AS last
         FROM interactions i
         WHERE i.target_account_id = ANY($1::bigint[]) AND i.type <> 'follow' AND i.deleted_at IS NULL
           AND NOT (i.actor_account_id = ANY($1::bigint[]))
           AND i.occurred_at > (SELECT max(last) FROM unnest($1::bigint[]) a(id), LATERAL (SELECT max(occurred_at) AS last FROM interactions WHERE target_account_id = a.id) m) - interval '${ENGAGEMENT_WINDOW_DAYS} days'
         GROUP BY i.actor_account_id
         ORDER BY n DESC, last DESC, i.actor_account_id
         LIMIT $2
       )
       SELECT e.id::text AS "accountId", sa.platform, sa.handle, sa.display_name AS "displayName", e.n AS engagements, e.last AS "lastEngagedAt", s.score
       FROM e JOIN social_accounts sa ON sa.id = e.id
       LEFT JOIN LATERAL (SELECT score FROM account_score_snapshots WHERE account_id = e.id AND model_version = $3 ORDER BY day DESC LIMIT 1) s ON true
       ORDER BY e.n DESC, e.last DESC, e.id`,
      [accountIds, limit, INFLUENCE_MODEL_VERSION],
    );
    return rows.map((r) => ({
      accountId: r.accountId,
      platform: r.platform,
      handle: r.handle,
      displayName: r.displayName,
      engagements: Number(r.engagements),
      lastEngagedAt: r.lastEngagedAt ? new Date(r.lastEngagedAt).toISOString() : null,
      score: num(r.score),
    }));
  }

  /** Follower-count observations of the last 180 days of data, oldest first. */
  async followerHistory(accountId: string): Promise<{ observedAt: Date; followers: number }[]> {
    const rows: NonNull<RowOf<'account_metrics_history', 'observed_at' | 'followers_count'>, 'followers_count'>[] = await this.db.query(
      `SELECT observed_at, followers_count FROM account_metrics_history
       WHERE account_id = $1 AND followers_count IS NOT NULL
         AND observed_at > (SELECT max(observed_at) FROM account_metrics_history WHERE account_id = $1) - interval '${GROWTH_RULE.windowDays} days'
       ORDER BY observed_at`,
      [accountId],
    );
    return rows.map((r) => ({ observedAt: new Date(r.observed_at), followers: Number(r.followers_count) }));
  }
}
