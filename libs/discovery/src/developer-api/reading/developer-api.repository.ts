import { Injectable } from '@nestjs/common';
import { ENGAGEMENT_TYPE_GRAPH_WEIGHT, FOLLOW_GRAPH_WEIGHT, INFLUENCE_MODEL_VERSION, PAIR_CAP, RECENCY_HALF_LIFE_DAYS, WINDOW_DAYS } from '@renown/scoring';
import type { As, CastAs, Nullable, RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import type { DailyScore } from '../score/score-deltas.js';
import type { InteractionAggregate, OtherAccountFacts } from '../influence/rank-influence-links.js';

/** An account as ACCOUNT_COLUMNS reads it (counts cast to float8). */
export type AccountRow = RowOf<'social_accounts', 'id' | 'platform' | 'handle'> &
  As<'social_accounts', { externalId: 'external_id'; displayName: 'display_name'; personId: 'person_id'; isStub: 'is_stub' }> &
  CastAs<'social_accounts', { followersCount: 'followers_count'; followingCount: 'following_count' }, number>;

/** The latest snapshot of an account (day as YYYY-MM-DD, scores cast to float8). */
export type LatestScoreRow = As<'account_score_snapshots', { accountId: 'account_id'; modelVersion: 'model_version'; percentile: 'percentile' }> &
  CastAs<'account_score_snapshots', { day: 'day' }, string> &
  CastAs<'account_score_snapshots', { score: 'score'; reach: 'reach_score'; amplification: 'amplification_score'; network: 'network_score' }, number>;

/** An account's topic, with its influence in the topic when scored (a LEFT JOIN: null otherwise). */
export type TopicRow = RowOf<'topics', 'id' | 'slug'> &
  As<'topics', { displayName: 'display_name'; isSuper: 'is_super' }> &
  RowOf<'account_topics', 'rank' | 'weight'> &
  Nullable<RowOf<'account_topic_scores', 'score' | 'percentile'>>;

/** Interaction kinds that carry engagement weight (a follow is a flat extra). */
const ENGAGED_KINDS = ['repost', 'quote', 'reply', 'mention', 'like'] as const;

const ACCOUNT_COLUMNS = `id::text AS id, platform, external_id AS "externalId", handle, display_name AS "displayName",
  person_id::text AS "personId", followers_count::float8 AS "followersCount", following_count::float8 AS "followingCount", is_stub AS "isStub"`;

/**
 * The developer API's reads. Everything here is global data (the social graph and its scores), never a
 * brand's: the same request gives every brand the same answer.
 */
@Injectable()
export class DeveloperApiRepository {
  constructor(private readonly db: DataSource) {}

  /** Handles are not unique (stubs, renames): a seen account beats a stub, then the larger audience, then the older id. */
  async findByHandle(platform: string, handle: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE platform = $1 AND lower(handle) = lower($2)
       ORDER BY is_stub, followers_count DESC NULLS LAST, id LIMIT 1`,
      [platform, handle],
    );
    return row;
  }

  /**
   * Many handles at once (the batch lookup): one query, keyed by `platform:lower(handle)`. Like findByHandle, a
   * full account wins over a stub, then the most followed. With when each was last read from its network.
   */
  async findByHandles(pairs: { platform: string; handle: string }[]): Promise<Map<string, AccountRow & { lastFetchedAt: Date | null }>> {
    if (!pairs.length) return new Map();
    const rows: (AccountRow & { lastFetchedAt: Date | null; key: string })[] = await this.db.query(
      `SELECT DISTINCT ON (platform, lower(handle)) ${ACCOUNT_COLUMNS}, last_fetched_at AS "lastFetchedAt", platform || ':' || lower(handle) AS key
       FROM (SELECT a.* FROM unnest($1::text[], $2::text[]) AS w(p, h) JOIN social_accounts a ON a.platform = w.p AND lower(a.handle) = lower(w.h)) a
       ORDER BY platform, lower(handle), is_stub, followers_count DESC NULLS LAST, id`,
      [pairs.map((p) => p.platform), pairs.map((p) => p.handle)],
    );
    return new Map(rows.map(({ key, ...row }) => [key, row]));
  }

  /** The top `perAccount` visible topics of each account, by rank, with their topic scores. */
  async topTopics(accountIds: string[], perAccount: number): Promise<Map<string, { slug: string; name: string; score: number | null }[]>> {
    if (!accountIds.length) return new Map();
    const rows: { accountId: string; slug: string; name: string; score: number | null }[] = await this.db.query(
      `SELECT account_id AS "accountId", slug, name, score FROM (
         SELECT at.account_id::text AS account_id, t.slug, t.display_name AS name, s.score::int AS score,
                row_number() OVER (PARTITION BY at.account_id ORDER BY at.rank, t.id) AS n
         FROM account_topics at
         JOIN topics t ON t.id = at.topic_id
         LEFT JOIN account_topic_scores s ON s.topic_id = at.topic_id AND s.account_id = at.account_id
         WHERE at.account_id = ANY($1::bigint[])
           AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = at.account_id AND h.topic_id = at.topic_id)) x
       WHERE n <= $2 ORDER BY account_id, n`,
      [accountIds, perAccount],
    );
    const out = new Map<string, { slug: string; name: string; score: number | null }[]>();
    for (const { accountId, ...t } of rows) out.set(accountId, [...(out.get(accountId) ?? []), t]);
    return out;
  }

  async findByExternalId(platform: string, externalId: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE platform = $1 AND external_id = $2`, [platform, externalId]);
    return row;
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE id = $1::bigint`, [id]);
    return row;
  }

  /** Many accounts by id in one query (the batch lookup's just-fetched ones), with when each was last read from its network. */
  async findManyWithFetchedAt(ids: string[]): Promise<(AccountRow & { lastFetchedAt: Date | null })[]> {
    if (!ids.length) return [];
    return this.db.query(`SELECT ${ACCOUNT_COLUMNS}, last_fetched_at AS "lastFetchedAt" FROM social_accounts WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** The stored audience quality of each account (one row per account, rewritten by each run), as the profile shows it. */
  async audienceQuality(accountIds: string[]): Promise<Map<string, { score: number; confidence: string | null; sizeBand: string | null; computedAt: Date }>> {
    if (!accountIds.length) return new Map();
    const rows: { accountId: string; score: number; confidence: string | null; sizeBand: string | null; computedAt: Date }[] = await this.db.query(
      `SELECT account_id::text AS "accountId", score::int AS score, breakdown->>'confidence' AS confidence, breakdown->'band'->>'label' AS "sizeBand",
              computed_at AS "computedAt"
         FROM account_audience_quality WHERE account_id = ANY($1::bigint[])`,
      [accountIds],
    );
    return new Map(rows.map(({ accountId, ...q }) => [accountId, q]));
  }

  async findManyById(ids: string[]): Promise<AccountRow[]> {
    if (!ids.length) return [];
    return this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** The latest snapshot of the current influence model per account (none for accounts not scored yet). */
  async latestScores(accountIds: string[]): Promise<Map<string, LatestScoreRow>> {
    if (!accountIds.length) return new Map();
    const rows: LatestScoreRow[] = await this.db.query(
      `SELECT DISTINCT ON (account_id) account_id::text AS "accountId", to_char(day, 'YYYY-MM-DD') AS day, model_version AS "modelVersion",
              score::float8 AS score, percentile, reach_score::float8 AS reach, amplification_score::float8 AS amplification, network_score::float8 AS network
       FROM account_score_snapshots WHERE account_id = ANY($1::bigint[]) AND model_version = $2
       ORDER BY account_id, day DESC`,
      [accountIds, INFLUENCE_MODEL_VERSION],
    );
    return new Map(rows.map((r) => [r.accountId, r]));
  }

  /** The current model's daily scores from `fromDay` on (enough for a 30-day change: the caller asks for 60 days). */
  async dailyScores(accountId: string, modelVersion: string, fromDay: string): Promise<DailyScore[]> {
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, score::float8 AS score FROM account_score_snapshots
       WHERE account_id = $1::bigint AND model_version = $2 AND day >= $3::date ORDER BY day`,
      [accountId, modelVersion, fromDay],
    );
  }

  /** The account's visible topics (hidden ones never show, even if a stale row survived), strongest first. */
  async topics(accountId: string): Promise<TopicRow[]> {
    return this.db.query(
      `SELECT t.id, t.slug, t.display_name AS "displayName", t.is_super AS "isSuper", at.rank::int AS rank, at.weight,
              s.score::int AS score, s.percentile::float8 AS percentile
       FROM account_topics at
       JOIN topics t ON t.id = at.topic_id
       LEFT JOIN account_topic_scores s ON s.topic_id = at.topic_id AND s.account_id = at.account_id
       WHERE at.account_id = $1::bigint
         AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = at.account_id AND h.topic_id = at.topic_id)
       ORDER BY at.rank, t.id`,
      [accountId],
    );
  }

  /**
   * The day influence is measured at: the last successful scoring run's, so links use the window the score
   * saw; today when nothing has been scored yet.
   */
  async scoringAsOf(): Promise<Date> {
    const [row] = await this.db.query(
      `SELECT coalesce((SELECT max(as_of_day) FROM scoring_runs WHERE status = 'succeeded') + interval '1 day' - interval '1 second', now()) AS at`,
    );
    return new Date(row.at);
  }

  /** The person's other accounts: never links of each other. */
  async samePersonAccountIds(accountId: string, personId: string | null): Promise<string[]> {
    if (personId === null) return [];
    const rows = await this.db.query(`SELECT id::text AS id FROM social_accounts WHERE person_id = $1::bigint AND id <> $2::bigint`, [personId, accountId]);
    return rows.map((r: { id: string }) => r.id);
  }

  /**
   * Interactions between the account and everyone else in the scoring window (follows whenever they
   * happened), both directions, per other account and kind, counted plainly and recency-weighted. A large
   * account has hundreds of thousands of engagers: at most the `maxInteractionsPerDirection` most recent
   * interactions each way are read (`complete` is false when that cut anything), and only the
   * `candidatesPerDirection` strongest accounts by their undiscounted weight (capped per kind, as scoring caps
   * it) come back, with the totals and which of them engage both ways, so the answer stays bounded.
   */
  async interactionAggregates(
    accountId: string,
    asOf: Date,
    excludeIds: string[],
    candidatesPerDirection: number,
    maxInteractionsPerDirection: number,
  ): Promise<{ aggregates: InteractionAggregate[]; totals: { out: number; in: number }; mutualIds: Set<string>; complete: boolean }> {
    const window = `deleted_at IS NULL AND (occurred_at IS NULL OR occurred_at <= $2)
           AND (type = 'follow' OR occurred_at IS NULL OR occurred_at >= $2::timestamptz - make_interval(days => $3))`;
    // One row per other account with both directions' per-kind columns: one aggregation, and mutual
    // engagement is a comparison within the row rather than a self-join.
    const cols: string[] = [];
    const engagement: Record<'out' | 'in', string[]> = { out: [], in: [] };
    for (const dir of ['out', 'in'] as const) {
      for (const kind of ENGAGED_KINDS) {
        const where = `direction = '${dir}' AND type = '${kind}'`;
        cols.push(`count(*) FILTER (WHERE ${where})::int AS ${dir}_${kind}_n`, `coalesce(sum(decay) FILTER (WHERE ${where}), 0)::float8 AS ${dir}_${kind}_rw`);
        engagement[dir].push(`${ENGAGEMENT_TYPE_GRAPH_WEIGHT[kind]} * least(${dir}_${kind}_rw, $7::float8)`);
      }
      cols.push(`bool_or(direction = '${dir}' AND type = 'follow') AS ${dir}_follow`, `bool_or(direction = '${dir}') AS ${dir}_any`, `count(*) FILTER (WHERE direction = '${dir}') AS ${dir}_rows`);
    }
    const rows: Record<string, any>[] = await this.db.transaction(async (em) => {
      // A large account's engagers are aggregated in memory rather than spilled to disk.
      await em.query(`SET LOCAL work_mem = '64MB'`);
      return em.query(
        `WITH linked AS (
           (SELECT 'out' AS direction, target_account_id AS other_id, type, occurred_at
            FROM interactions WHERE actor_account_id = $1::bigint AND target_account_id <> $1::bigint AND target_account_id <> ALL($5::bigint[]) AND ${window}
            ORDER BY occurred_at DESC LIMIT $9::int)
           UNION ALL
           (SELECT 'in', actor_account_id, type, occurred_at
            FROM interactions WHERE target_account_id = $1::bigint AND actor_account_id <> $1::bigint AND actor_account_id <> ALL($5::bigint[]) AND ${window}
            ORDER BY occurred_at DESC LIMIT $9::int)
         ),
         per_other AS (
           SELECT other_id, ${cols.join(',\n                  ')}
           FROM (SELECT direction, other_id, type,
                        CASE WHEN occurred_at IS NULL THEN 1 ELSE exp(-ln(2) * extract(epoch FROM ($2::timestamptz - occurred_at)) / 86400 / $4::float8) END AS decay
                 FROM linked) l
           GROUP BY other_id
         ),
         weighted AS MATERIALIZED (
           SELECT *, ${engagement.out.join(' + ')} AS out_engagement, ${engagement.in.join(' + ')} AS in_engagement FROM per_other
         ),
         stats AS (
           SELECT count(*) FILTER (WHERE out_any) AS out_total, count(*) FILTER (WHERE in_any) AS in_total,
                  sum(out_rows) AS out_read, sum(in_rows) AS in_read
           FROM weighted
         ),
         -- Top-N by undiscounted weight per direction: a bounded heap, not a sort of every engager.
         top_out AS (
           SELECT other_id FROM weighted WHERE out_any
           ORDER BY out_engagement + CASE WHEN out_follow THEN $6::float8 ELSE 0 END DESC, other_id LIMIT $8::int
         ),
         top_in AS (
           SELECT other_id FROM weighted WHERE in_any
           ORDER BY in_engagement + CASE WHEN in_follow THEN $6::float8 ELSE 0 END DESC, other_id LIMIT $8::int
         )
         SELECT w.*, w.other_id::text AS other_id_text, s.*,
                w.other_id IN (SELECT other_id FROM top_out) AS out_candidate,
                w.other_id IN (SELECT other_id FROM top_in) AS in_candidate
         FROM weighted w CROSS JOIN stats s
         WHERE w.other_id IN (SELECT other_id FROM top_out) OR w.other_id IN (SELECT other_id FROM top_in)`,
        [accountId, asOf.toISOString(), WINDOW_DAYS, RECENCY_HALF_LIFE_DAYS, excludeIds, FOLLOW_GRAPH_WEIGHT, PAIR_CAP, candidatesPerDirection, maxInteractionsPerDirection],
      );
    });
    const totals = { out: 0, in: 0 };
    const mutualIds = new Set<string>();
    const aggregates: InteractionAggregate[] = [];
    let complete = true;
    for (const r of rows) {
      const otherId: string = r.other_id_text;
      totals.out = Number(r.out_total);
      totals.in = Number(r.in_total);
      if (Number(r.out_read) >= maxInteractionsPerDirection || Number(r.in_read) >= maxInteractionsPerDirection) complete = false;
      if (r.out_engagement > 0 && r.in_engagement > 0) mutualIds.add(otherId);
      for (const direction of ['out', 'in'] as const) {
        if (!r[`${direction}_candidate`]) continue;
        for (const kind of ENGAGED_KINDS) {
          const count = r[`${direction}_${kind}_n`];
          if (count > 0) aggregates.push({ otherId, direction, kind, count, recencyWeighted: r[`${direction}_${kind}_rw`] });
        }
        if (r[`${direction}_follow`]) aggregates.push({ otherId, direction, kind: 'follow', count: 1, recencyWeighted: 1 });
      }
    }
    return { aggregates, totals, mutualIds, complete };
  }

  /** What the ranking needs about the other side of each link (same person, bot-likeness). */
  async linkFacts(accountIds: string[], asOf: Date): Promise<Map<string, OtherAccountFacts>> {
    if (!accountIds.length) return new Map();
    const rows = await this.db.query(
      `SELECT id::text AS id, person_id::text AS "personId",
              (extract(epoch FROM ($2::timestamptz - account_created_at)) / 86400)::float8 AS "ageDays",
              coalesce(posts_count, 0)::float8 AS "postsCount", coalesce(following_count, 0)::float8 AS "followingCount"
       FROM social_accounts WHERE id = ANY($1::bigint[])`,
      [accountIds, asOf.toISOString()],
    );
    return new Map(
      rows.map((r: any) => [r.id, { personId: r.personId, ageDays: r.ageDays === null ? Number.NaN : Number(r.ageDays), postsCount: Number(r.postsCount), followingCount: Number(r.followingCount) }]),
    );
  }
}
