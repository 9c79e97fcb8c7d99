import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { contributionShares, explainScoreChange } from '../explanations/explain-score-change.js';
import { buildScoreSeries, type ScoreSeriesRow } from '../history/score-series.js';
import { INFLUENCE_MODEL_VERSION } from './compute-influence-score.js';
import { SCORE_ANNOUNCEMENT_PATTERN, WINDOW_DAYS } from './gaming-discounts.js';
import { decodeContributions, decodeSignals } from './snapshot-columns.js';
import type { AccountInfluence, PersonInfluence, ScoringRun } from './graphql/influence.models.js';

const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** Reads scores, explanations and history (global data, not brand-owned). */
@Injectable()
export class InfluenceQueryService {
  constructor(private readonly db: DataSource) {}

  private async series(table: 'account_score_snapshots' | 'person_score_snapshots', key: 'account_id' | 'person_id', id: string, days: number) {
    const rows = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, score, percentile, model_version FROM ${table}
       WHERE ${key} = $1 AND day > (SELECT max(day) FROM ${table} WHERE ${key} = $1) - $2::int ORDER BY day, model_version`,
      [id, days],
    );
    return buildScoreSeries(rows.map((r: any): ScoreSeriesRow => ({ day: r.day, score: Number(r.score), percentile: Number(r.percentile), modelVersion: r.model_version })));
  }

  /** The latest snapshot of the current model, or null when the account has not been scored yet. */
  async accountInfluence(accountId: string, historyDays = 90): Promise<AccountInfluence | null> {
    if (!/^\d+$/.test(accountId)) return null;
    const [cur] = await this.db.query(
      `SELECT s.*, to_char(s.day, 'YYYY-MM-DD') AS day_text, top_engager_ids::text[] AS engager_ids FROM account_score_snapshots s WHERE account_id = $1 AND model_version = $2 ORDER BY day DESC LIMIT 1`,
      [accountId, INFLUENCE_MODEL_VERSION],
    );
    if (!cur) return null;
    const [prev] = await this.db.query(
      `SELECT score, model_version, contributions, to_char(day, 'YYYY-MM-DD') AS day_text FROM account_score_snapshots WHERE account_id = $1 AND day < $2 ORDER BY day DESC, computed_at DESC LIMIT 1`,
      [accountId, cur.day_text],
    );
    const engagers = (cur.engager_ids as string[]).map((id, i) => ({ accountId: id, weight: Number(cur.top_engager_weights[i]) }));
    const handles = engagers.length
      ? new Map<string, string | null>(
          (await this.db.query(`SELECT id::text, handle FROM social_accounts WHERE id = ANY($1::bigint[])`, [engagers.map((e) => e.accountId)])).map((r: any) => [r.id, r.handle]),
        )
      : new Map<string, string | null>();
    // The posts that earned it: own posts in the snapshot's window, by engagement from other accounts.
    const posts = await this.db.query(
      `SELECT p.id::text AS id, p.text, p.posted_at, count(i.id)::int AS engagements
       FROM posts p
       JOIN interactions i ON i.deleted_at IS NULL AND i.actor_account_id <> p.author_account_id
         AND (i.post_id = p.id OR i.post_id IN (SELECT r.id FROM posts r WHERE r.repost_of_post_id = p.id OR r.quote_of_post_id = p.id OR r.reply_to_post_id = p.id))
       WHERE p.author_account_id = $1 AND p.deleted_at IS NULL AND p.posted_at > $2::date - $3::int AND p.posted_at <= $2::date + 1
         AND coalesce(p.text, '') !~* $4
       GROUP BY p.id ORDER BY engagements DESC, p.posted_at DESC LIMIT 5`,
      [accountId, cur.day_text, WINDOW_DAYS, SCORE_ANNOUNCEMENT_PATTERN],
    );
    const change = explainScoreChange(
      { score: Number(cur.score), modelVersion: cur.model_version, contributions: decodeContributions(cur.contributions) },
      prev ? { score: Number(prev.score), day: prev.day_text, modelVersion: prev.model_version, contributions: decodeContributions(prev.contributions) } : null,
    );
    return {
      accountId,
      day: cur.day_text,
      modelVersion: cur.model_version,
      score: Number(cur.score),
      percentile: Number(cur.percentile),
      subScores: { reach: Number(cur.reach_score), amplification: Number(cur.amplification_score), network: Number(cur.network_score) },
      signals: JSON.stringify(decodeSignals(cur.signals)),
      explanation: {
        contributions: contributionShares(decodeContributions(cur.contributions)),
        topEngagers: engagers.map((e) => ({ accountId: e.accountId, handle: handles.get(e.accountId) ?? null, weight: e.weight })),
        topPosts: posts.map((p: any) => ({ postId: p.id, text: p.text, postedAt: p.posted_at ? new Date(p.posted_at).toISOString() : null, engagements: p.engagements })),
        ...change,
      },
      history: await this.series('account_score_snapshots', 'account_id', accountId, historyDays),
    };
  }

  async personInfluence(personId: string, historyDays = 90): Promise<PersonInfluence | null> {
    if (!/^\d+$/.test(personId)) return null;
    const [cur] = await this.db.query(
      `SELECT *, to_char(day, 'YYYY-MM-DD') AS day_text, account_ids::text[] AS ids FROM person_score_snapshots WHERE person_id = $1 AND model_version = $2 ORDER BY day DESC LIMIT 1`,
      [personId, INFLUENCE_MODEL_VERSION],
    );
    if (!cur) return null;
    return {
      personId,
      day: cur.day_text,
      modelVersion: cur.model_version,
      score: Number(cur.score),
      percentile: Number(cur.percentile),
      accountIds: cur.ids,
      bestAccountId: String(cur.best_account_id),
      history: await this.series('person_score_snapshots', 'person_id', personId, historyDays),
    };
  }

  async scoringRuns(limit: number): Promise<ScoringRun[]> {
    const rows = await this.db.query(`SELECT *, to_char(as_of_day, 'YYYY-MM-DD') AS day_text FROM scoring_runs ORDER BY started_at DESC, id DESC LIMIT $1`, [Math.min(Math.max(limit, 1), 50)]);
    return rows.map((r: any) => ({
      id: String(r.id),
      status: r.status,
      stage: r.stage,
      progress: Number(r.progress),
      modelVersion: r.model_version,
      asOfDay: r.day_text,
      trigger: r.trigger,
      accountsScored: r.accounts_scored,
      stageTimings: JSON.stringify(r.stage_timings),
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      error: r.error,
    }));
  }
}
