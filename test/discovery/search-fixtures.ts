import type { Pool } from 'pg';
import { INFLUENCE_MODEL_VERSION } from '../../libs/scoring/src/index.js';

/**
 * Small factories for discovery search tests: accounts with topic scores, an influence snapshot (the overall
 * score and the window signals the engagement rate comes from), posts with topics, follows, contacts.
 */
export interface AccountSpec {
  handle: string;
  platform?: string;
  language?: string | null;
  location?: string | null;
  followers?: number;
  /** Topic slug -> topic score 1-100. */
  topics?: Record<string, number>;
  overall?: number;
  /** Posts and engagements in the scoring window (engagement rate = engagements / posts / followers). */
  windowPosts?: number;
  windowEngagements?: number;
  personId?: string | null;
  lastPostDaysAgo?: number | null;
  audienceQuality?: number | null;
}

export class SearchWorld {
  readonly ids: Record<string, string> = {};
  private topicIds = new Map<string, string>();
  private seq = 0;

  constructor(private readonly pool: Pool) {}

  async topic(slug: string): Promise<string> {
    if (!this.topicIds.has(slug)) {
      const { rows } = await this.pool.query(`SELECT id FROM topics WHERE slug = $1`, [slug]);
      if (!rows.length) throw new Error(`no topic ${slug}`);
      this.topicIds.set(slug, rows[0].id);
    }
    return this.topicIds.get(slug)!;
  }

  async person(name: string): Promise<string> {
    const { rows } = await this.pool.query(`INSERT INTO persons (display_name) VALUES ($1) RETURNING id::text`, [name]);
    return rows[0].id;
  }

  async account(spec: AccountSpec): Promise<string> {
    const platform = spec.platform ?? 'twitter';
    const language = spec.language === undefined ? 'en' : spec.language;
    const followers = spec.followers ?? 5_000;
    const { rows } = await this.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, language, location, is_stub, followers_count, person_id)
       VALUES ($1, $2, $3, $3, $4, $5, false, $6, $7) RETURNING id::text`,
      [platform, `${spec.handle}-${++this.seq}`, spec.handle, language, spec.location ?? null, followers, spec.personId ?? null],
    );
    const id = rows[0].id as string;
    this.ids[spec.handle] = id;
    for (const [slug, score] of Object.entries(spec.topics ?? {})) await this.setTopicScore(spec.handle, slug, score, platform, language);
    const posts = spec.windowPosts ?? 10;
    const engagements = spec.windowEngagements ?? Math.round(followers * 0.01 * posts);
    const overall = spec.overall ?? 40;
    await this.pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, signals)
       VALUES ($1, $4, current_date, $2::real, $2::real, $2::real, $2::real, $2::real, $2::real, 1, $3::float8[])`,
      [id, overall, [followers, 100, 0, 0, posts, engagements, 0, 0, 0, 10, 0.5], INFLUENCE_MODEL_VERSION],
    );
    if (spec.lastPostDaysAgo != null) await this.post(spec.handle, 'a post', [], spec.lastPostDaysAgo);
    if (spec.audienceQuality != null) {
      await this.pool.query(
        `INSERT INTO account_audience_quality (account_id, score, growth_anomalies, breakdown, sample_size, model_version, computed_at)
         VALUES ($1, $2, 0, '{}', 100, 'test', now())`,
        [id, spec.audienceQuality],
      );
    }
    return id;
  }

  async setTopicScore(handle: string, slug: string, score: number, platform = 'twitter', language: string | null = 'en') {
    await this.pool.query(
      `INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
       VALUES ($1, $2, $3::int, $3::int - 0.5, $3::int, $4, $5, now())
       ON CONFLICT (topic_id, account_id) DO UPDATE SET score = EXCLUDED.score, percentile = EXCLUDED.percentile`,
      [await this.topic(slug), this.ids[handle], score, platform, language],
    );
    await this.pool.query(
      `INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
       VALUES ($1, $2, (SELECT count(*) + 1 FROM account_topics WHERE account_id = $1), $3::float8, $3::float8, $3::float8, 1, 0, 0, now()) ON CONFLICT DO NOTHING`,
      [this.ids[handle], await this.topic(slug), score],
    );
  }

  async post(handle: string, text: string, topicSlugs: string[], daysAgo = 2, reposts = 0): Promise<string> {
    const { rows } = await this.pool.query(
      `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, language, like_count, repost_count, reply_count, quote_count, is_stub)
       VALUES ('twitter', $1, $2, now() - make_interval(days => $3), $4, 'en', 0, $5, 0, 0, false) RETURNING id::text`,
      [`post-${++this.seq}`, this.ids[handle], daysAgo, text, reposts],
    );
    for (const slug of topicSlugs) {
      await this.pool.query(`INSERT INTO post_topics (post_id, topic_id, weight, sources) VALUES ($1, $2, 1, '{text}')`, [rows[0].id, await this.topic(slug)]);
    }
    return rows[0].id;
  }

  async follow(actor: string, target: string) {
    await this.pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at) VALUES ('twitter', $1, $2, 'follow', now() - interval '3 days')`,
      [this.ids[actor], this.ids[target]],
    );
  }

  async contact(brandId: string, handle: string, email: string): Promise<string> {
    const { rows } = await this.pool.query(
      `INSERT INTO influencer_contacts (brand_id, email, social_account_id, consent_basis, source) VALUES ($1, $2, $3, 'consent', 'brand_csv') RETURNING id::text`,
      [brandId, email, this.ids[handle]],
    );
    return rows[0].id;
  }

  async campaign(brandId: string, name: string): Promise<string> {
    const { rows } = await this.pool.query(
      `INSERT INTO campaigns (brand_id, name, perk_kind, perk_title, quantity, claim_deadline) VALUES ($1, $2, 'digital', 'A perk', 10, now() + interval '30 days') RETURNING id::text`,
      [brandId, name],
    );
    return rows[0].id;
  }

  async invite(brandId: string, campaignId: string, contactId: string) {
    await this.pool.query(`INSERT INTO invitations (brand_id, campaign_id, contact_id, expires_at) VALUES ($1, $2, $3, now() + interval '7 days')`, [brandId, campaignId, contactId]);
  }
}

export const INFLUENCER_FIELDS = `accountId account { id handle platform language location followers } person { id displayName } accounts { id handle }
  score scorePercentile topicScores { topic { slug name } score percentile } topTopics { topic { slug } score } followers engagementRate
  audienceQuality hasContactEmail lastPostedAt why`;

export const SEARCH = `query($query: String, $filter: InfluencerFilterInput, $first: Int, $after: String) {
  influencers(query: $query, filter: $filter, first: $first, after: $after) {
    searchId rankedAt
    edges { cursor node { ${INFLUENCER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
    interpretation { query topics { topic { slug name } matched } platforms languages locations followers { min max } activeWithinDays hasContactEmail
      unresolved suggestions { term topics { slug name } } messages
      applied { topics { slug } topicMatch platforms languages locations followers { min max } hasContactEmail notInvitedToCampaignId } }
  } }`;
