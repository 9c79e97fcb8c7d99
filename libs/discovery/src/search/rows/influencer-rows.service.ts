import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { preparedQuery } from '@renown/core';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { TopicsService } from '@renown/scoring/topics/topics.service.js';
import { DataSource } from 'typeorm';
import type { DiscoveryTopic, Influencer, InfluencerAccount, InfluencerTopicScore } from '../graphql/influencer.models.js';
import { composeWhyLine } from './compose-why-line.js';

export interface RowsForAccountsOptions {
  /** The brand asking: decides `hasContactEmail`. Without it, `hasContactEmail` is false. */
  brandId?: BrandId;
  /** The topics the rows are about (a search's topics): fills `topicScores` and focuses the why-line. */
  topicIds?: string[];
  /** Locale of topic names (ar, de, en, es, fr, it). */
  locale?: string;
}

/** Window of the why-line's "N posts on <topic> in 30 days". */
export const WHY_WINDOW_DAYS = 30;
/** The why-line's "followed by k of the top 20 in <topic>". */
export const WHY_TOP_N = 20;
const TOP_TOPICS = 5;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/** The rows of a page in one statement (one round trip, one plan kept per connection). */
const ROWS_SQL = `
WITH page AS (SELECT u.id, u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, ord)),
base AS MATERIALIZED (
  SELECT a.id, pg.ord, a.person_id, a.platform, a.handle, a.display_name, a.language, a.location,
         coalesce(a.verified, false) AS verified, a.followers_count::float8 AS followers,
         s.score, s.percentile, s.signals, ts.topic_scores, ts.best, tt.top_topics
    FROM page pg JOIN social_accounts a ON a.id = pg.id
    LEFT JOIN LATERAL (SELECT x.score, x.percentile, x.signals FROM account_score_snapshots x
                        WHERE x.account_id = a.id AND x.model_version = $4 ORDER BY x.day DESC LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT json_agg(json_build_array(x.topic_id, x.score, x.percentile) ORDER BY x.score DESC, x.topic_id) AS topic_scores,
                              (array_agg(x.topic_id ORDER BY x.score DESC, x.topic_id))[1] AS best
                         FROM account_topic_scores x
                        WHERE x.topic_id = ANY ($2::text[]) AND x.account_id = a.id
                          AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = x.account_id AND h.topic_id = x.topic_id)) ts ON true
    LEFT JOIN LATERAL (SELECT json_agg(json_build_array(z.topic_id, z.score, z.percentile) ORDER BY z.rank) AS top_topics
                         FROM (SELECT t.topic_id, t.rank, y.score, y.percentile
                                 FROM account_topics t
                                 JOIN account_topic_scores y ON y.topic_id = t.topic_id AND y.account_id = t.account_id
                                WHERE t.account_id = a.id
                                  AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = t.account_id AND h.topic_id = t.topic_id)
                                ORDER BY t.rank LIMIT ${TOP_TOPICS}) z) tt ON true
),
focus AS MATERIALIZED (
  SELECT b.id,
         CASE WHEN b.best IS NOT NULL THEN b.best
              WHEN cardinality($2::text[]) = 0 THEN (SELECT t.topic_id FROM account_topics t
                                                       WHERE t.account_id = b.id
                                                         AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = t.account_id AND h.topic_id = t.topic_id)
                                                       ORDER BY t.rank LIMIT 1) END AS topic_id
    FROM base b
),
leaders AS MATERIALIZED (
  SELECT t.topic_id, ARRAY(SELECT x.account_id FROM account_topic_scores x WHERE x.topic_id = t.topic_id ORDER BY x.score DESC, x.account_id LIMIT $6) AS ids
    FROM (SELECT DISTINCT topic_id FROM focus WHERE topic_id IS NOT NULL) t
)
SELECT b.id::text AS id, b.person_id::text AS person_id, (SELECT p.display_name FROM persons p WHERE p.id = b.person_id) AS person_name, ps.score AS person_score,
       b.platform, b.handle, b.display_name, b.language, b.location, b.verified, b.followers, b.score, b.percentile, b.signals,
       b.topic_scores, b.top_topics, f.topic_id AS focus_topic, linked.accounts AS linked,
       (SELECT q.score FROM account_audience_quality q WHERE q.account_id = b.id) AS audience_quality,
       ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM influencer_contacts c WHERE c.brand_id = $3::uuid AND c.social_account_id = b.id
                                           AND c.email IS NOT NULL AND c.erased_at IS NULL)) AS has_contact,
       (SELECT max(po.posted_at) FROM posts po WHERE po.author_account_id = b.id AND po.deleted_at IS NULL) AS last_posted_at,
       coalesce(wp.posts, 0) AS posts_on_topic, coalesce(wp.reposts, 0) AS reposts_on_topic, coalesce(fl.n, 0) AS followed_by_top
  FROM base b
  JOIN focus f ON f.id = b.id
  LEFT JOIN LATERAL (SELECT x.score FROM person_score_snapshots x WHERE x.person_id = b.person_id AND x.model_version = $4
                      ORDER BY x.day DESC LIMIT 1) ps ON b.person_id IS NOT NULL
  LEFT JOIN LATERAL (SELECT json_agg(json_build_array(l.id::text, l.platform, l.handle, l.display_name, l.language, l.location,
                                                      coalesce(l.verified, false), l.followers_count::float8, ls.score) ORDER BY l.id) AS accounts
                       FROM social_accounts l
                       LEFT JOIN LATERAL (SELECT x.score FROM account_score_snapshots x WHERE x.account_id = l.id AND x.model_version = $4
                                           ORDER BY x.day DESC LIMIT 1) ls ON true
                      WHERE l.person_id = b.person_id) linked ON b.person_id IS NOT NULL
  LEFT JOIN LATERAL (SELECT count(*)::int AS posts, coalesce(sum(po.repost_count), 0)::float8 AS reposts
                       FROM posts po
                      WHERE po.author_account_id = b.id AND po.posted_at > now() - make_interval(days => $5) AND po.deleted_at IS NULL
                        AND EXISTS (SELECT 1 FROM post_topics pt WHERE pt.post_id = po.id
                                      AND (pt.topic_id = f.topic_id OR pt.topic_id IN (SELECT e.child_id FROM topic_edges e WHERE e.parent_id = f.topic_id)))) wp
         ON f.topic_id IS NOT NULL
  LEFT JOIN leaders ld ON ld.topic_id = f.topic_id
  LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM unnest(ld.ids) AS lead(id)
                      WHERE lead.id <> b.id AND EXISTS (
                        SELECT 1 FROM interactions i
                         WHERE i.platform = b.platform AND i.type = 'follow' AND i.actor_account_id = lead.id
                           AND i.target_account_id = b.id AND i.deleted_at IS NULL)) fl ON ld.ids IS NOT NULL
 ORDER BY b.ord`;

/**
 * The rows statement for these accounts (ids that are not account ids dropped), or null when none is left.
 * Exported so the search benchmark can run the very statement bare.
 */
export function influencerRowsStatement(accountIds: string[], options: RowsForAccountsOptions = {}): { sql: string; params: unknown[] } | null {
  const ids = [...new Set(accountIds.filter((id) => /^\d{1,19}$/.test(id)))];
  if (!ids.length) return null;
  return {
    sql: ROWS_SQL,
    params: [
      // An array literal built here: node-postgres would escape every element of a bigint[] one by one.
      `{${ids.join(',')}}`,
      [...new Set(options.topicIds ?? [])],
      options.brandId ?? null,
      INFLUENCE_MODEL_VERSION,
      WHY_WINDOW_DAYS,
      WHY_TOP_N,
    ],
  };
}

type TopicTriple = [topicId: string, score: number | null, percentile: number | null];
type LinkedRow = [id: string, platform: string, handle: string, displayName: string | null, language: string | null, location: string | null, verified: boolean, followers: number | null, score: number | null];

/**
 * Builds discovery result rows (the GraphQL `Influencer`) for given social accounts: the person and all
 * their accounts, overall and topic scores, top topics (hidden ones never), followers, engagement rate,
 * audience quality, contact email for the brand and the why-line. One statement for any number of
 * accounts (a page of 50 is one round trip, not 50 or a dozen), prepared once per connection.
 * Search, shortlists and lookalikes all use it.
 *
 * The why-line's facts, per account and its focus topic (its best searched topic, else its strongest):
 * its own posts on the topic (or a child topic) in the window with their reposts, and how many of the
 * topic's top 20 follow it. The follow check probes the interactions uniqueness index (platform, type,
 * actor, target) once per leader, never scanning an account's whole follower list; each topic's top 20
 * is read once per page.
 */
@Injectable()
export class InfluencerRowsService {
  constructor(
    private readonly db: DataSource,
    private readonly topics: TopicsService,
  ) {}

  /** Topic chips, made once per topic and locale (a page of 50 names a few hundred). */
  private readonly topicViews = new Map<string, DiscoveryTopic>();
  private topicViewsOf: unknown = null;

  private topic(id: string, locale: string): DiscoveryTopic {
    const lx = this.topics.lexicon;
    if (this.topicViewsOf !== lx) {
      this.topicViews.clear();
      this.topicViewsOf = lx;
    }
    const key = `${locale}\u0000${id}`;
    let view = this.topicViews.get(key);
    if (!view) {
      const t = lx.get(id);
      view = { id, slug: t?.slug ?? id, name: t ? lx.displayName(id, locale) : id };
      this.topicViews.set(key, view);
    }
    return view;
  }

  /** Rows in the order of `accountIds`; ids that name no account are left out. */
  async rowsForAccounts(accountIds: string[], options: RowsForAccountsOptions = {}): Promise<Influencer[]> {
    const statement = influencerRowsStatement(accountIds, options);
    if (!statement) return [];
    const locale = options.locale ?? 'en';
    const rows = await preparedQuery<any>(this.db, statement.sql, statement.params);

    const toAccount = (l: LinkedRow): InfluencerAccount => ({
      id: l[0],
      platform: l[1],
      handle: l[2],
      displayName: l[3],
      language: l[4],
      location: l[5],
      verified: Boolean(l[6]),
      followers: num(l[7]),
      score: num(l[8]),
    });

    return rows.map((r: any): Influencer => {
      const own = toAccount([r.id, r.platform, r.handle, r.display_name, r.language, r.location, r.verified, r.followers, r.score]);
      const topicScores: InfluencerTopicScore[] = ((r.topic_scores ?? []) as TopicTriple[]).map(([id, score, percentile]) => ({
        topic: this.topic(id, locale),
        score: Number(score),
        percentile: Number(percentile),
      }));
      topicScores.sort((a, b) => b.score - a.score || a.topic.id.localeCompare(b.topic.id));
      const top = (r.top_topics ?? []) as TopicTriple[];
      const focusId: string | null = r.focus_topic;
      const focus = focusId ? (topicScores.find((t) => t.topic.id === focusId) ?? null) : null;
      const focusTop = focusId && !focus ? top.find((t) => t[0] === focusId) : undefined;
      const followers = num(r.followers);
      return {
        accountId: r.id,
        account: own,
        person: r.person_id ? { id: r.person_id, displayName: r.person_name, score: num(r.person_score) } : null,
        accounts: r.person_id && r.linked ? (r.linked as LinkedRow[]).map(toAccount) : [own],
        score: num(r.score),
        scorePercentile: num(r.percentile),
        topicScores,
        topTopics: top.map(([id, score, percentile]) => ({ topic: this.topic(id, locale), score: Number(score), percentile: num(percentile) ?? 0 })),
        followers,
        engagementRate: engagementRate(r.signals),
        audienceQuality: num(r.audience_quality),
        hasContactEmail: Boolean(r.has_contact),
        lastPostedAt: iso(r.last_posted_at),
        why: composeWhyLine({
          topicName: focusId ? this.topic(focusId, locale).name : null,
          topicScore: focus ? focus.score : num(focusTop?.[1]),
          topicPercentile: focus ? focus.percentile : num(focusTop?.[2]),
          postsOnTopic: focusId ? Number(r.posts_on_topic) : 0,
          repostsOnTopic: focusId ? Number(r.reposts_on_topic) : 0,
          windowDays: WHY_WINDOW_DAYS,
          followedByTop: focusId ? Number(r.followed_by_top) : 0,
          topN: WHY_TOP_N,
          overallScore: num(r.score),
          overallPercentile: num(r.percentile),
          followers,
        }),
      };
    });
  }
}

/** Engagements received per post over followers, from the influence snapshot's window signals. */
export function engagementRate(signals: (number | string)[] | null | undefined): number | null {
  if (!signals || signals.length < 9) return null;
  const followers = Number(signals[0]);
  const posts = Number(signals[4]);
  const engagements = Number(signals[5]) + Number(signals[6]) + Number(signals[7]) + Number(signals[8]);
  if (!(posts > 0) || !(followers > 0)) return null;
  return Math.round((engagements / posts / followers) * 1e6) / 1e6;
}
