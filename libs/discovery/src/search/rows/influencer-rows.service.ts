import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
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

/**
 * Builds discovery result rows (the GraphQL `Influencer`) for given social accounts: the person and all
 * their accounts, overall and topic scores, top topics (hidden ones never), followers, engagement rate,
 * audience quality, contact email for the brand and the why-line. A fixed number of set-based queries
 * for any number of accounts, so a page of 50 is not 50 round trips. Search and shortlists both use it.
 */
@Injectable()
export class InfluencerRowsService {
  private audienceTable: Promise<boolean> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly topics: TopicsService,
  ) {}

  private topic(id: string, locale: string): DiscoveryTopic {
    const lx = this.topics.lexicon;
    const t = lx.get(id);
    return { id, slug: t?.slug ?? id, name: t ? lx.displayName(id, locale) : id };
  }

  /** account_audience_quality arrives with the audience feature's migration; until then quality is null. */
  private hasAudienceTable(): Promise<boolean> {
    this.audienceTable ??= this.db
      .query(`SELECT to_regclass('account_audience_quality') IS NOT NULL AS ok`)
      .then((r: any[]) => Boolean(r[0]?.ok))
      .catch(() => false);
    return this.audienceTable;
  }

  /** Rows in the order of `accountIds`; ids that name no account are left out. */
  async rowsForAccounts(accountIds: string[], options: RowsForAccountsOptions = {}): Promise<Influencer[]> {
    const ids = [...new Set(accountIds.filter((id) => /^\d{1,19}$/.test(id)))];
    if (!ids.length) return [];
    const locale = options.locale ?? 'en';
    const searched = [...new Set(options.topicIds ?? [])];

    const base: any[] = await this.db.query(
      `SELECT a.id::text, a.person_id::text AS person_id, p.display_name AS person_name,
              (SELECT max(posted_at) FROM posts WHERE author_account_id = a.id AND deleted_at IS NULL) AS last_posted_at
         FROM social_accounts a LEFT JOIN persons p ON p.id = a.person_id
        WHERE a.id = ANY($1::bigint[])`,
      [ids],
    );
    if (!base.length) return [];
    const personIds = [...new Set(base.map((r) => r.person_id).filter(Boolean))] as string[];

    // The accounts and their people's other accounts: two index lookups (an OR of both would scan the table).
    const linkedIds = personIds.length
      ? ((await this.db.query(`SELECT id::text FROM social_accounts WHERE person_id = ANY($1::bigint[]) AND person_id IS NOT NULL`, [personIds])) as any[]).map((r) => r.id as string)
      : [];
    const accountsRows: any[] = await this.db.query(
      `SELECT a.id::text, a.person_id::text AS person_id, a.platform, a.handle, a.display_name, a.language, a.location,
              coalesce(a.verified, false) AS verified, a.followers_count::float8 AS followers,
              s.score, s.percentile, s.signals
         FROM social_accounts a
         LEFT JOIN LATERAL (SELECT score, percentile, signals FROM account_score_snapshots
                             WHERE account_id = a.id AND model_version = $2 ORDER BY day DESC LIMIT 1) s ON true
        WHERE a.id = ANY($1::bigint[])
        ORDER BY a.id`,
      [[...new Set([...ids, ...linkedIds])], INFLUENCE_MODEL_VERSION],
    );
    const accounts = new Map<string, any>(accountsRows.map((r) => [r.id, r]));

    const [personScores, topicScores, topTopics, quality, contacts] = await Promise.all([
      personIds.length
        ? this.db.query(
            `SELECT DISTINCT ON (person_id) person_id::text, score FROM person_score_snapshots
              WHERE person_id = ANY($1::bigint[]) AND model_version = $2 ORDER BY person_id, day DESC`,
            [personIds, INFLUENCE_MODEL_VERSION],
          )
        : [],
      searched.length
        ? this.db.query(
            `SELECT s.account_id::text, s.topic_id, s.score, s.percentile FROM account_topic_scores s
              WHERE s.topic_id = ANY($2::text[]) AND s.account_id = ANY($1::bigint[])
                AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = s.account_id AND h.topic_id = s.topic_id)`,
            [ids, searched],
          )
        : [],
      this.db.query(
        `SELECT t.account_id::text, t.topic_id, t.rank, s.score, s.percentile
           FROM account_topics t
           LEFT JOIN LATERAL (SELECT score, percentile FROM account_topic_scores x WHERE x.topic_id = t.topic_id AND x.account_id = t.account_id) s ON true
          WHERE t.account_id = ANY($1::bigint[])
            AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = t.account_id AND h.topic_id = t.topic_id)
          ORDER BY t.account_id, t.rank`,
        [ids],
      ),
      (await this.hasAudienceTable())
        ? this.db.query(`SELECT account_id::text, score FROM account_audience_quality WHERE account_id = ANY($1::bigint[])`, [ids])
        : [],
      options.brandId
        ? this.db.query(
            `SELECT DISTINCT social_account_id::text AS account_id FROM influencer_contacts
              WHERE brand_id = $1 AND social_account_id = ANY($2::bigint[]) AND email IS NOT NULL AND erased_at IS NULL`,
            [options.brandId, ids],
          )
        : [],
    ]);

    const personScore = new Map<string, number>(personScores.map((r: any) => [r.person_id, Number(r.score)]));
    const scoresByAccount = new Map<string, InfluencerTopicScore[]>();
    for (const r of topicScores as any[]) {
      const list = scoresByAccount.get(r.account_id) ?? [];
      list.push({ topic: this.topic(r.topic_id, locale), score: Number(r.score), percentile: Number(r.percentile) });
      scoresByAccount.set(r.account_id, list);
    }
    for (const list of scoresByAccount.values()) list.sort((a, b) => b.score - a.score || a.topic.id.localeCompare(b.topic.id));
    const topByAccount = new Map<string, { topicId: string; score: number | null; percentile: number | null }[]>();
    for (const r of topTopics as any[]) {
      const list = topByAccount.get(r.account_id) ?? [];
      list.push({ topicId: r.topic_id, score: num(r.score), percentile: num(r.percentile) });
      topByAccount.set(r.account_id, list);
    }
    const qualityOf = new Map<string, number>(quality.map((r: any) => [r.account_id, Number(r.score)]));
    const withContact = new Set<string>(contacts.map((r: any) => r.account_id));

    // The why-line talks about one topic per row: its best searched topic, else its strongest topic.
    const focus = new Map<string, { topicId: string; score: number | null; percentile: number | null }>();
    for (const r of base) {
      const s = scoresByAccount.get(r.id)?.[0];
      if (s) focus.set(r.id, { topicId: s.topic.id, score: s.score, percentile: s.percentile });
      else if (!searched.length) {
        const top = topByAccount.get(r.id)?.[0];
        if (top) focus.set(r.id, top);
      }
    }
    const why = await this.whyFacts(focus);

    const toAccount = (a: any): InfluencerAccount => ({
      id: a.id,
      platform: a.platform,
      handle: a.handle,
      displayName: a.display_name,
      language: a.language,
      location: a.location,
      verified: Boolean(a.verified),
      followers: num(a.followers),
      score: num(a.score),
    });

    const byId = new Map<string, Influencer>();
    for (const r of base) {
      const a = accounts.get(r.id);
      if (!a) continue;
      const linked = r.person_id ? accountsRows.filter((x) => x.person_id === r.person_id) : [a];
      const f = focus.get(r.id);
      const facts = f ? why.get(r.id) : undefined;
      const followers = num(a.followers);
      byId.set(r.id, {
        accountId: r.id,
        account: toAccount(a),
        person: r.person_id ? { id: r.person_id, displayName: r.person_name, score: personScore.get(r.person_id) ?? null } : null,
        accounts: linked.map(toAccount),
        score: num(a.score),
        scorePercentile: num(a.percentile),
        topicScores: scoresByAccount.get(r.id) ?? [],
        topTopics: (topByAccount.get(r.id) ?? [])
          .filter((t) => t.score !== null)
          .slice(0, TOP_TOPICS)
          .map((t) => ({ topic: this.topic(t.topicId, locale), score: t.score!, percentile: t.percentile ?? 0 })),
        followers,
        engagementRate: engagementRate(a.signals),
        audienceQuality: qualityOf.get(r.id) ?? null,
        hasContactEmail: withContact.has(r.id),
        lastPostedAt: iso(r.last_posted_at),
        why: composeWhyLine({
          topicName: f ? this.topic(f.topicId, locale).name : null,
          topicScore: f?.score ?? null,
          topicPercentile: f?.percentile ?? null,
          postsOnTopic: facts?.posts ?? 0,
          repostsOnTopic: facts?.reposts ?? 0,
          windowDays: WHY_WINDOW_DAYS,
          followedByTop: facts?.followedByTop ?? 0,
          topN: WHY_TOP_N,
          overallScore: num(a.score),
          overallPercentile: num(a.percentile),
          followers,
        }),
      });
    }
    return ids.map((id) => byId.get(id)).filter((x): x is Influencer => !!x);
  }

  /**
   * Per account and its focus topic: own posts on the topic (or a child topic) in the window with their
   * reposts, and how many of the topic's top 20 follow it. The follow check probes the
   * interactions uniqueness index (platform, type, actor, target) once per leader, never scanning an
   * account's whole follower list.
   */
  private async whyFacts(focus: Map<string, { topicId: string }>): Promise<Map<string, { posts: number; reposts: number; followedByTop: number }>> {
    const out = new Map<string, { posts: number; reposts: number; followedByTop: number }>();
    if (!focus.size) return out;
    const lx = this.topics.lexicon;
    const accs: string[] = [];
    const tops: string[] = [];
    const pairAcc: string[] = [];
    const pairTopic: string[] = [];
    for (const [acc, f] of focus) {
      accs.push(acc);
      tops.push(f.topicId);
      for (const t of [f.topicId, ...(lx.get(f.topicId)?.childIds ?? [])]) {
        pairAcc.push(acc);
        pairTopic.push(t);
      }
    }
    const [posts, leaders] = await Promise.all([
      this.db.query(
        `SELECT x.acc::text AS account_id, count(DISTINCT p.id)::int AS posts, coalesce(sum(p.repost_count), 0)::float8 AS reposts
           FROM (SELECT DISTINCT acc FROM unnest($1::bigint[]) AS u(acc)) x
           JOIN posts p ON p.author_account_id = x.acc AND p.posted_at > now() - make_interval(days => $3) AND p.deleted_at IS NULL
          WHERE EXISTS (SELECT 1 FROM unnest($1::bigint[], $2::text[]) AS y(acc, topic)
                          JOIN post_topics pt ON pt.post_id = p.id AND pt.topic_id = y.topic WHERE y.acc = x.acc)
          GROUP BY x.acc`,
        [pairAcc, pairTopic, WHY_WINDOW_DAYS],
      ),
      this.db.query(
        `SELECT x.acc::text AS account_id,
                (SELECT count(*)::int FROM (SELECT s.account_id FROM account_topic_scores s WHERE s.topic_id = x.topic
                                             ORDER BY s.score DESC, s.account_id LIMIT $3) lead
                  WHERE lead.account_id <> x.acc AND EXISTS (
                    SELECT 1 FROM interactions i
                     WHERE i.platform = a.platform AND i.type = 'follow' AND i.actor_account_id = lead.account_id
                       AND i.target_account_id = x.acc AND i.deleted_at IS NULL)) AS followed_by_top
           FROM unnest($1::bigint[], $2::text[]) AS x(acc, topic) JOIN social_accounts a ON a.id = x.acc`,
        [accs, tops, WHY_TOP_N],
      ),
    ]);
    for (const acc of accs) out.set(acc, { posts: 0, reposts: 0, followedByTop: 0 });
    for (const r of posts as any[]) Object.assign(out.get(r.account_id)!, { posts: Number(r.posts), reposts: Number(r.reposts) });
    for (const r of leaders as any[]) out.get(r.account_id)!.followedByTop = Number(r.followed_by_top);
    return out;
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
