import type { AppliedFilter } from './applied-filter.js';

export interface RankingQueryInput {
  filter: AppliedFilter;
  /** Needed by the contact and invitation filters (brand-owned rows). */
  brandId: string;
  modelVersion: string;
  limit: number;
  /** Keyset: continue strictly after this (rank score, account id) in (score DESC, account id ASC) order. */
  after?: { score: number; accountId: string } | null;
  /** Accounts already listed (a continued search never repeats one). */
  excludeAccountIds?: string[];
}

export interface RankingQuery {
  sql: string;
  params: unknown[];
}

/** `%`, `_` and `\` are literal in a location search. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The ranking SQL of a search: accounts ordered by influence in the searched topics (their best topic among
 * them), or by overall influence when no topic is searched; ties broken by account id, so the order is total
 * and a keyset continues it. Each topic is walked down its (topic, score DESC, account) index and the filters
 * are checked row by row with index probes, so the work grows with the rows skipped, never with the table.
 * Several topics are merged (UNION ALL, each already ordered and limited); an account appears once, in its
 * best topic. Returns rows (account_id, rank_score, topic_id, person_id).
 */
export function buildRankingQuery(input: RankingQueryInput): RankingQuery {
  const { filter: f } = input;
  const params: unknown[] = [];
  const p = (v: unknown, cast = '') => {
    params.push(v);
    return `$${params.length}${cast}`;
  };
  const limit = p(Math.max(1, Math.floor(input.limit)), '::int');
  // Bound only when used: PostgreSQL refuses a parameter it cannot type.
  let mv: string | null = null;
  const modelVersion = () => (mv ??= p(input.modelVersion));

  /** Row filters shared by both shapes; `acc` is the account id column, `s` the ranking row. */
  const conditions = (acc: string, joins: string[], rowIsSnapshot = false): string[] => {
    const where: string[] = [];
    let account = false;
    let snapshot = false;
    // With no topic the ranking row is the snapshot itself (alias s, overall score filtered by the caller).
    const o = rowIsSnapshot ? 's' : 'o';
    if (f.followers?.min != null) (account = true), where.push(`a.followers_count >= ${p(f.followers.min, '::bigint')}`);
    if (f.followers?.max != null) (account = true), where.push(`a.followers_count <= ${p(f.followers.max, '::bigint')}`);
    if (f.locations.length) (account = true), where.push(`a.location ILIKE ANY (${p(f.locations.map(likePattern), '::text[]')})`);
    if (!rowIsSnapshot && f.score?.min != null) (snapshot = true), where.push(`o.score >= ${p(f.score.min, '::real')}`);
    if (!rowIsSnapshot && f.score?.max != null) (snapshot = true), where.push(`o.score <= ${p(f.score.max, '::real')}`);
    const rate = `((${o}.signals[6] + ${o}.signals[7] + ${o}.signals[8] + ${o}.signals[9]) / nullif(${o}.signals[5], 0) / nullif(${o}.signals[1], 0))`;
    if (f.engagementRate?.min != null) (snapshot = true), where.push(`${rate} >= ${p(f.engagementRate.min, '::float8')}`);
    if (f.engagementRate?.max != null) (snapshot = true), where.push(`${rate} <= ${p(f.engagementRate.max, '::float8')}`);
    if (f.activeWithinDays != null) {
      where.push(
        `EXISTS (SELECT 1 FROM posts po WHERE po.author_account_id = ${acc} AND po.posted_at > now() - make_interval(days => ${p(f.activeWithinDays, '::int')}) AND po.deleted_at IS NULL)`,
      );
    }
    if (f.audienceQualityMin != null) {
      where.push(`EXISTS (SELECT 1 FROM account_audience_quality q WHERE q.account_id = ${acc} AND q.score >= ${p(f.audienceQualityMin, '::int')})`);
    }
    if (f.hasContactEmail != null) {
      where.push(
        `${f.hasContactEmail ? '' : 'NOT '}EXISTS (SELECT 1 FROM influencer_contacts c WHERE c.social_account_id = ${acc} AND c.brand_id = ${p(input.brandId, '::uuid')} AND c.email IS NOT NULL AND c.erased_at IS NULL)`,
      );
    }
    if (f.notInvitedToCampaignId != null) {
      where.push(
        `NOT EXISTS (SELECT 1 FROM influencer_contacts c JOIN invitations i ON i.contact_id = c.id AND i.campaign_id = ${p(f.notInvitedToCampaignId, '::bigint')}
                      WHERE c.social_account_id = ${acc} AND c.brand_id = ${p(input.brandId, '::uuid')} AND i.brand_id = c.brand_id)`,
      );
    }
    if (input.excludeAccountIds?.length) where.push(`${acc} <> ALL (${p(input.excludeAccountIds, '::bigint[]')})`);
    if (account) joins.push(`JOIN social_accounts a ON a.id = ${acc}`);
    if (snapshot && !rowIsSnapshot) {
      joins.push(
        `JOIN LATERAL (SELECT ss.score, ss.signals FROM account_score_snapshots ss WHERE ss.account_id = ${acc} AND ss.model_version = ${modelVersion()} ORDER BY ss.day DESC LIMIT 1) o ON true`,
      );
    }
    return where;
  };

  const keyset = (scoreCol: string, acc: string, cast: string): string[] => {
    if (!input.after) return [];
    const s = p(input.after.score, cast);
    return [`${scoreCol} <= ${s}`, `(${scoreCol} < ${s} OR ${acc} > ${p(input.after.accountId, '::bigint')})`];
  };

  let inner: string;
  if (f.topicIds.length) {
    const perTopic = f.topicIds.map((topicId) => {
      const joins: string[] = [];
      const where = [`s.topic_id = ${p(topicId)}`];
      if (f.platforms.length) where.push(`s.platform = ANY (${p(f.platforms, '::text[]')})`);
      if (f.languages.length) where.push(`s.language = ANY (${p(f.languages, '::text[]')})`);
      if (f.topicScore?.min != null) where.push(`s.score >= ${p(f.topicScore.min, '::int')}`);
      if (f.topicScore?.max != null) where.push(`s.score <= ${p(f.topicScore.max, '::int')}`);
      where.push(...keyset('s.score', 's.account_id', '::int'));
      // Listed once, in its best searched topic (ties: the smaller topic id). One probe of the (topic, account)
      // key per other topic: cheaper than reading all of the account's topic rows through the account index.
      for (const other of f.topicIds) {
        if (other === topicId) continue;
        const o = p(other);
        where.push(
          `NOT EXISTS (SELECT 1 FROM account_topic_scores b WHERE b.topic_id = ${o} AND b.account_id = s.account_id
                         AND (b.score > s.score OR (b.score = s.score AND b.topic_id < s.topic_id)))`,
        );
        if (f.topicMatch === 'ALL') where.push(`EXISTS (SELECT 1 FROM account_topic_scores b WHERE b.topic_id = ${o} AND b.account_id = s.account_id)`);
      }
      where.push(`NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = s.account_id AND h.topic_id = s.topic_id)`);
      where.push(...conditions('s.account_id', joins));
      return `(SELECT s.account_id, s.score::real AS rank_score, s.topic_id FROM account_topic_scores s ${joins.join(' ')}
                WHERE ${where.join(' AND ')} ORDER BY s.score DESC, s.account_id LIMIT ${limit})`;
    });
    inner = perTopic.length === 1 ? perTopic[0] : `SELECT * FROM (${perTopic.join(' UNION ALL ')}) u ORDER BY rank_score DESC, account_id LIMIT ${limit}`;
  } else {
    // No topic: overall influence on the model's latest day.
    const joins: string[] = [];
    const where = [`s.model_version = ${modelVersion()}`, `s.day = (SELECT max(d.day) FROM account_score_snapshots d WHERE d.model_version = ${modelVersion()})`];
    if (f.platforms.length || f.languages.length) {
      joins.push(`JOIN social_accounts pa ON pa.id = s.account_id`);
      if (f.platforms.length) where.push(`pa.platform = ANY (${p(f.platforms, '::text[]')})`);
      if (f.languages.length) where.push(`pa.language = ANY (${p(f.languages, '::text[]')})`);
    }
    if (f.score?.min != null) where.push(`s.score >= ${p(f.score.min, '::real')}`);
    if (f.score?.max != null) where.push(`s.score <= ${p(f.score.max, '::real')}`);
    where.push(...keyset('s.score', 's.account_id', '::real'));
    const rest = conditions('s.account_id', joins, true);
    inner = `SELECT s.account_id, s.score AS rank_score, NULL::text AS topic_id FROM account_score_snapshots s ${joins.join(' ')}
              WHERE ${[...where, ...rest].join(' AND ')} ORDER BY s.score DESC, s.account_id LIMIT ${limit}`;
  }
  const sql = `SELECT r.account_id::text AS account_id, r.rank_score, r.topic_id, acc.person_id::text AS person_id
                 FROM (${inner}) r JOIN social_accounts acc ON acc.id = r.account_id
                ORDER BY r.rank_score DESC, r.account_id`;
  return { sql, params };
}
