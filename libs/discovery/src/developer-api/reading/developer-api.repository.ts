import { Injectable } from '@nestjs/common';
import { INFLUENCE_MODEL_VERSION, RECENCY_HALF_LIFE_DAYS, WINDOW_DAYS } from '@renown/scoring';
import { DataSource } from 'typeorm';
import type { DailyScore } from '../score/score-deltas.js';
import type { InteractionAggregate, OtherAccountFacts } from '../influence/rank-influence-links.js';

export interface AccountRow {
  id: string;
  platform: string;
  externalId: string;
  handle: string | null;
  displayName: string | null;
  personId: string | null;
  followersCount: number | null;
  followingCount: number | null;
  isStub: boolean;
}

export interface LatestScoreRow {
  accountId: string;
  day: string;
  modelVersion: string;
  score: number;
  percentile: number;
  reach: number;
  amplification: number;
  network: number;
}

export interface TopicRow {
  id: string;
  slug: string;
  displayName: string;
  isSuper: boolean;
  rank: number;
  weight: number;
  score: number | null;
  percentile: number | null;
}

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

  async findByExternalId(platform: string, externalId: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE platform = $1 AND external_id = $2`, [platform, externalId]);
    return row;
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE id = $1::bigint`, [id]);
    return row;
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

  /**
   * Interactions between the account and everyone else in the scoring window (follows whenever they
   * happened), both directions, per other account and kind, counted plainly and recency-weighted.
   */
  async interactionAggregates(accountId: string, asOf: Date): Promise<InteractionAggregate[]> {
    const rows = await this.db.query(
      `WITH linked AS (
         SELECT 'out' AS direction, target_account_id AS other_id, type, occurred_at
         FROM interactions WHERE actor_account_id = $1::bigint AND target_account_id <> $1::bigint
           AND deleted_at IS NULL AND (occurred_at IS NULL OR occurred_at <= $2)
           AND (type = 'follow' OR occurred_at IS NULL OR occurred_at >= $2::timestamptz - make_interval(days => $3))
         UNION ALL
         SELECT 'in', actor_account_id, type, occurred_at
         FROM interactions WHERE target_account_id = $1::bigint AND actor_account_id <> $1::bigint
           AND deleted_at IS NULL AND (occurred_at IS NULL OR occurred_at <= $2)
           AND (type = 'follow' OR occurred_at IS NULL OR occurred_at >= $2::timestamptz - make_interval(days => $3))
       )
       SELECT direction, other_id::text AS "otherId", type AS kind, count(*)::int AS count,
              sum(CASE WHEN occurred_at IS NULL THEN 1 ELSE exp(-ln(2) * extract(epoch FROM ($2::timestamptz - occurred_at)) / 86400 / $4) END)::float8 AS "recencyWeighted"
       FROM linked GROUP BY direction, other_id, type`,
      [accountId, asOf.toISOString(), WINDOW_DAYS, RECENCY_HALF_LIFE_DAYS],
    );
    return rows;
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
