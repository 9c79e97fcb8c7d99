import type pg from 'pg';
import { INFLUENCE_MODEL_VERSION } from '../../libs/scoring/src/index.js';

/**
 * Small factories for the developer API tests: social accounts, score snapshots, topics and interactions
 * written straight into the real tables (the shapes scoring and ingestion write), on dates relative to a
 * scoring run's day so the deltas and the interaction window are exact.
 */
export const DAY_MS = 86_400_000;
export const dayString = (d: Date) => d.toISOString().slice(0, 10);

export async function insertPerson(pool: pg.Pool, name: string): Promise<string> {
  const { rows } = await pool.query(`INSERT INTO persons (display_name) VALUES ($1) RETURNING id::text`, [name]);
  return rows[0].id;
}

export interface AccountSpec {
  platform?: string;
  externalId: string;
  handle: string;
  displayName?: string;
  personId?: string | null;
  followers?: number;
  following?: number;
  posts?: number;
  createdAt?: Date;
  isStub?: boolean;
}

export async function insertAccount(pool: pg.Pool, a: AccountSpec): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, display_name, person_id, followers_count, following_count, posts_count,
                                  account_created_at, is_stub, first_seen_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), now()) RETURNING id::text`,
    [
      a.platform ?? 'twitter',
      a.externalId,
      a.handle,
      a.displayName ?? a.handle,
      a.personId ?? null,
      a.followers ?? 1000,
      a.following ?? 300,
      a.posts ?? 200,
      a.createdAt ?? new Date('2015-03-01T00:00:00Z'),
      a.isStub ?? false,
    ],
  );
  return rows[0].id;
}

export async function insertScoringRun(pool: pg.Pool, asOfDay: string): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO scoring_runs (model_version, as_of_day, trigger, status, stage, progress, started_at, finished_at)
     VALUES ($2, $1, 'test', 'succeeded', 'done', 1, now(), now()) RETURNING id::text`,
    [asOfDay, INFLUENCE_MODEL_VERSION],
  );
  return rows[0].id;
}

export async function insertScore(pool: pg.Pool, runId: string, accountId: string, day: string, score: number, percentile = 50) {
  await pool.query(
    `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id)
     VALUES ($1, $6, $2, $3, $4, 41.5, 22.25, 30, 1.5, $5)`,
    [accountId, day, score, percentile, runId, INFLUENCE_MODEL_VERSION],
  );
}

export async function topicIdBySlug(pool: pg.Pool, slug: string): Promise<string> {
  const { rows } = await pool.query(`SELECT id FROM topics WHERE slug = $1`, [slug]);
  if (!rows[0]) throw new Error(`topic ${slug} is not in the ontology`);
  return rows[0].id;
}

export async function insertAccountTopic(pool: pg.Pool, accountId: string, topicId: string, rank: number, weight: number) {
  await pool.query(
    `INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
     VALUES ($1, $2, $3, $4, $4, $4, 5, 3, 0, now())`,
    [accountId, topicId, rank, weight],
  );
}

export async function insertTopicScore(pool: pg.Pool, accountId: string, topicId: string, score: number, percentile: number) {
  await pool.query(
    `INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
     VALUES ($1, $2, $3, $4, 0.01, 'twitter', 'en', now())`,
    [topicId, accountId, score, percentile],
  );
}

export async function hideTopic(pool: pg.Pool, accountId: string, topicId: string) {
  await pool.query(`INSERT INTO account_topic_hides (account_id, topic_id, hidden_by, reason) VALUES ($1, $2, 'influencer', 'not me')`, [accountId, topicId]);
}

let interactionSeq = 0;
/** `count` interactions of one kind from actor to target at `at` (each its own row, as a live import stores them). */
export async function interact(pool: pg.Pool, actorId: string, targetId: string, type: 'repost' | 'quote' | 'reply' | 'mention' | 'like' | 'follow', at: Date, count = 1) {
  for (let i = 0; i < count; i++) {
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at, source_ref)
       VALUES ('twitter', $1, $2, $3, $4, $5)`,
      [actorId, targetId, type, new Date(at.getTime() - i * 60_000), `test-${++interactionSeq}`],
    );
  }
}
