import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TopicWeight } from './score-lookalikes.js';

/**
 * The SQL of "more like this". Every statement starts from the seed or from a bounded candidate set and
 * walks an index (account_topics by account and by (topic, weight), interactions by (target, occurred_at)
 * and (actor, occurred_at)); nothing reads a whole table, whatever its size. The bounds are here, in one place.
 */
export const LOOKALIKE_BOUNDS = {
  /** The seed's strongest topics used to find candidates. */
  seedTopics: 8,
  /** Top accounts per seed topic (by topic weight) taken as candidates. */
  perTopic: 60,
  /** Most recent interactions read per account to sample its engagers. */
  engagerRows: 2000,
  /** Seed engagers whose own recent activity is followed to other accounts. */
  engagersFollowed: 300,
  /** Most recent interactions read per followed engager. */
  rowsPerEngager: 40,
  /** Accounts found through shared engagers kept as candidates. */
  viaEngagers: 100,
  /** Candidates whose audience is sampled (best topic matches plus best engager matches). */
  audienceSampled: 200,
} as const;

/** The statements, named, so `npm run bench:lookalikes` can EXPLAIN exactly what runs. */
export const LOOKALIKE_SQL = {
  account: `SELECT id::text AS id, handle, person_id::text AS "personId" FROM social_accounts WHERE id = $1`,
  topics: `SELECT at.account_id::text AS "accountId", at.topic_id AS "topicId", tp.display_name AS name, at.weight
         FROM account_topics at JOIN topics tp ON tp.id = at.topic_id
        WHERE at.account_id = ANY($1::bigint[]) AND at.weight > 0
          AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = at.account_id AND h.topic_id = at.topic_id)
        ORDER BY at.account_id, at.rank`,
  engagerSample: `SELECT DISTINCT x.actor::text AS actor FROM (
         SELECT i.actor_account_id AS actor FROM interactions i
          WHERE i.target_account_id = $1 AND i.deleted_at IS NULL
          ORDER BY i.occurred_at DESC LIMIT $2) x
        WHERE x.actor <> $1`,
  candidatesByTopics: `SELECT DISTINCT c.account_id::text AS id FROM unnest($1::text[]) AS s(topic_id)
        CROSS JOIN LATERAL (SELECT x.account_id FROM account_topics x WHERE x.topic_id = s.topic_id ORDER BY x.weight DESC LIMIT $2) c`,
  candidatesByEngagers: `SELECT t.target::text AS id FROM unnest($1::bigint[]) AS e(actor)
        CROSS JOIN LATERAL (
          SELECT i.target_account_id AS target FROM interactions i
           WHERE i.actor_account_id = e.actor AND i.deleted_at IS NULL
           ORDER BY i.occurred_at DESC LIMIT $2) t
        WHERE t.target <> $3
        GROUP BY t.target ORDER BY count(DISTINCT e.actor) DESC, t.target LIMIT $4`,
  eligible: `SELECT a.id::text AS id, a.person_id::text AS "personId" FROM social_accounts a
        WHERE a.id = ANY($1::bigint[]) AND NOT a.is_stub AND a.id <> $2
          AND ($3::bigint IS NULL OR a.person_id IS NULL OR a.person_id <> $3)`,
  audienceOverlap: `WITH seed AS (SELECT DISTINCT unnest($2::bigint[]) AS actor)
       SELECT c.id::text AS id, count(DISTINCT x.actor)::int AS sample, count(DISTINCT seed.actor)::int AS shared
         FROM unnest($1::bigint[]) AS c(id)
        CROSS JOIN LATERAL (
          SELECT i.actor_account_id AS actor FROM interactions i
           WHERE i.target_account_id = c.id AND i.deleted_at IS NULL
           ORDER BY i.occurred_at DESC LIMIT $3) x
         LEFT JOIN seed ON seed.actor = x.actor
        WHERE x.actor <> c.id
        GROUP BY c.id`,
} as const;

@Injectable()
export class LookalikeRepository {
  constructor(private readonly db: DataSource) {}

  async account(accountId: string): Promise<{ id: string; handle: string | null; personId: string | null } | undefined> {
    const [row] = await this.db.query(LOOKALIKE_SQL.account, [accountId]);
    return row;
  }

  /** Visible topics (hidden ones never count) of each account, with their display names. */
  async topics(accountIds: readonly string[]): Promise<Map<string, TopicWeight[]>> {
    const out = new Map<string, TopicWeight[]>(accountIds.map((id) => [id, []]));
    if (!accountIds.length) return out;
    const rows: { accountId: string; topicId: string; name: string; weight: number }[] = await this.db.query(
      LOOKALIKE_SQL.topics,
      [accountIds],
    );
    for (const r of rows) out.get(r.accountId)?.push({ topicId: r.topicId, name: r.name, weight: Number(r.weight) });
    return out;
  }

  /** Distinct recent engagers of an account (followers, likers, repliers, reposters, mentioners). */
  async engagerSample(accountId: string): Promise<string[]> {
    const rows: { actor: string }[] = await this.db.query(
      LOOKALIKE_SQL.engagerSample,
      [accountId, LOOKALIKE_BOUNDS.engagerRows],
    );
    return rows.map((r) => r.actor);
  }

  /** Accounts strongest in the seed's topics (index account_topics (topic_id, weight DESC)). */
  async candidatesByTopics(topicIds: readonly string[]): Promise<string[]> {
    if (!topicIds.length) return [];
    const rows: { id: string }[] = await this.db.query(
      LOOKALIKE_SQL.candidatesByTopics,
      [topicIds, LOOKALIKE_BOUNDS.perTopic],
    );
    return rows.map((r) => r.id);
  }

  /** Accounts the seed's engagers also engage with, most shared engagers first. */
  async candidatesByEngagers(seedId: string, engagers: readonly string[]): Promise<string[]> {
    if (!engagers.length) return [];
    const rows: { id: string }[] = await this.db.query(
      LOOKALIKE_SQL.candidatesByEngagers,
      [engagers.slice(0, LOOKALIKE_BOUNDS.engagersFollowed), LOOKALIKE_BOUNDS.rowsPerEngager, seedId, LOOKALIKE_BOUNDS.viaEngagers],
    );
    return rows.map((r) => r.id);
  }

  /** Drops stubs, the seed itself and the seed person's other accounts (they are the same person, not a lookalike). */
  async eligible(candidateIds: readonly string[], seed: { id: string; personId: string | null }): Promise<{ id: string; personId: string | null }[]> {
    if (!candidateIds.length) return [];
    const rows: { id: string; personId: string | null }[] = await this.db.query(
      LOOKALIKE_SQL.eligible,
      [candidateIds, seed.id, seed.personId],
    );
    return rows;
  }

  /**
   * For each candidate: how many distinct engagers its recent sample holds, and how many of them are in the
   * seed's sample (hash join against the seed's set, not an array scan per row).
   */
  async audienceOverlap(candidateIds: readonly string[], seedEngagers: readonly string[]): Promise<Map<string, { sample: number; shared: number }>> {
    const out = new Map<string, { sample: number; shared: number }>();
    if (!candidateIds.length) return out;
    const rows: { id: string; sample: number; shared: number }[] = await this.db.query(
      LOOKALIKE_SQL.audienceOverlap,
      [candidateIds, seedEngagers, LOOKALIKE_BOUNDS.engagerRows],
    );
    for (const r of rows) out.set(r.id, { sample: r.sample, shared: r.shared });
    return out;
  }
}
