import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { As, ColumnOf, Narrow, NonNull, Nullable, RowOf } from '@renown/core';
import type { AccountTopic } from '../expertise/compute-account-topics.js';
import type { PostTopic } from '../classify/classify-post-topics.js';

/** A post to classify; annotations is a json document its classifier reads (unknown here). */
export type PostRow = Narrow<
  RowOf<'posts', 'id' | 'text' | 'hashtags' | 'urls' | 'annotations' | 'language'> & As<'posts', { authorAccountId: 'author_account_id'; mentionedAccountIds: 'mentioned_account_ids' }>,
  { annotations: unknown }
>;

/** A row of account_topic_scores as a run writes it (platform and language come from the account). */
export type TopicScoreRow = As<'account_topic_scores', { topicId: 'topic_id'; accountId: 'account_id'; topicRank: 'topic_rank' }> & RowOf<'account_topic_scores', 'score' | 'percentile'>;

/** The columns several reads give under their camelCase names. */
type AccountTopicRef = As<'account_topics', { accountId: 'account_id'; topicId: 'topic_id' }>;

/** Interaction types as engagement evidence and as PageRank edges (a repost endorses more than a like). */
export const INTERACTION_TYPE_WEIGHT_SQL = `CASE type WHEN 'repost' THEN 1.0 WHEN 'quote' THEN 1.0 WHEN 'reply' THEN 0.5
  WHEN 'mention' THEN 0.5 WHEN 'like' THEN 0.2 ELSE 0.1 END`;

/** Every SQL statement of the topics feature. Topic data is global (not brand-owned). */
@Injectable()
export class TopicsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Posts of the window the given classifier version has not read yet, in id order from `afterId`. */
  async postsToClassify(since: Date, afterId: string, limit: number, classifierVersion: string): Promise<PostRow[]> {
    return this.db.query(
      `SELECT id::text, author_account_id::text AS "authorAccountId", text, hashtags, urls, annotations, language,
              mentioned_account_ids::text[] AS "mentionedAccountIds"
       FROM posts
       WHERE id > $1 AND NOT is_stub AND deleted_at IS NULL AND repost_of_post_id IS NULL
         AND author_account_id IS NOT NULL AND (posted_at IS NULL OR posted_at >= $2)
         AND NOT EXISTS (SELECT 1 FROM post_topic_classifications c WHERE c.post_id = posts.id AND c.classifier_version = $4)
       ORDER BY id LIMIT $3`,
      [afterId, since, limit, classifierVersion],
    );
  }

  async replacePostTopics(postIds: string[], topics: Map<string, PostTopic[]>, classifierVersion: string): Promise<void> {
    const ids: string[] = [];
    const topicIds: string[] = [];
    const weights: number[] = [];
    const sources: string[] = [];
    for (const [postId, list] of topics) {
      for (const t of list) {
        ids.push(postId);
        topicIds.push(t.topicId);
        weights.push(Math.min(1, Math.max(0.001, t.weight)));
        sources.push(`{${t.sources.join(',')}}`);
      }
    }
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM post_topics WHERE post_id = ANY($1::bigint[])`, [postIds]);
      await em.query(
        `INSERT INTO post_topics (post_id, topic_id, weight, sources)
         SELECT p, t, w, s::text[] FROM unnest($1::bigint[], $2::text[], $3::real[], $4::text[]) AS x(p, t, w, s)`,
        [ids, topicIds, weights, sources],
      );
      await em.query(
        `INSERT INTO post_topic_classifications (post_id, classifier_version, classified_at)
         SELECT p, $2, now() FROM unnest($1::bigint[]) AS x(p)
         ON CONFLICT (post_id) DO UPDATE SET classifier_version = EXCLUDED.classifier_version, classified_at = EXCLUDED.classified_at`,
        [postIds, classifierVersion],
      );
    });
  }

  /** Current top topics of the given accounts (their previous run), for mentions and engagers. */
  async topicsOfAccounts(accountIds: string[]): Promise<Map<string, { topicId: string; weight: number }[]>> {
    const out = new Map<string, { topicId: string; weight: number }[]>();
    if (!accountIds.length) return out;
    const rows: (RowOf<'account_topics', 'account_id' | 'topic_id'> & { w: number })[] = await this.db.query( // w: organic_weight over the account's largest, computed
      `SELECT account_id::text, topic_id, organic_weight / max(organic_weight) OVER (PARTITION BY account_id) AS w
       FROM account_topics WHERE account_id = ANY($1::bigint[]) AND rank <= 5`,
      [accountIds],
    );
    for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), { topicId: r.topic_id, weight: Number(r.w) }]);
    return out;
  }

  async topicPostsByAuthor(since: Date) {
    return this.db.query(
      `SELECT p.author_account_id::text AS "accountId", p.id::text AS "postId",
              coalesce(p.like_count, 0)::float8 AS likes, coalesce(p.repost_count, 0)::float8 AS reposts,
              coalesce(p.reply_count, 0)::float8 AS replies, coalesce(p.quote_count, 0)::float8 AS quotes,
              array_agg(pt.topic_id) AS "topicIds", array_agg(pt.weight::float8) AS weights
       FROM posts p JOIN post_topics pt ON pt.post_id = p.id
       WHERE p.author_account_id IS NOT NULL AND p.deleted_at IS NULL AND (p.posted_at IS NULL OR p.posted_at >= $1)
       GROUP BY p.id`,
      [since],
    ) as Promise<
      (NonNull<As<'posts', { accountId: 'author_account_id'; postId: 'id' }>, 'accountId'> & {
        // coalesce(count, 0)::float8 and array_agg(...) per post: computed.
        likes: number;
        reposts: number;
        replies: number;
        quotes: number;
        topicIds: ColumnOf<'post_topics', 'topic_id'>[];
        weights: number[];
      })[]
    >;
  }

  async accountsWithBios(): Promise<NonNull<RowOf<'social_accounts', 'id' | 'bio'>, 'bio'>[]> {
    return this.db.query(`SELECT id::text, bio FROM social_accounts WHERE NOT is_stub AND bio IS NOT NULL AND bio <> ''`);
  }

  /** Who engaged with whom in the window, weighted by interaction type (follows excluded: they say little of topics). */
  /** Only engagements by the given actors (accounts that have topics): the rest carry no topic evidence. */
  async engagements(since: Date, actorIds: string[]): Promise<(As<'interactions', { target: 'target_account_id'; actor: 'actor_account_id' }> & { engagement: number })[]> {
    if (!actorIds.length) return [];
    return this.db.query(
      `SELECT target_account_id::text AS target, actor_account_id::text AS actor,
              sum(${INTERACTION_TYPE_WEIGHT_SQL} * weight)::float8 AS engagement
       FROM interactions
       WHERE actor_account_id = ANY($2::bigint[]) AND deleted_at IS NULL AND type <> 'follow' AND actor_account_id <> target_account_id
         AND (occurred_at IS NULL OR occurred_at >= $1)
       GROUP BY 1, 2`,
      [since, actorIds],
    );
  }

  /** Edges for the topic-sensitive PageRank when the influence run did not hand over its graph. */
  async graphEdges(since: Date): Promise<(As<'interactions', { actor: 'actor_account_id'; target: 'target_account_id' }> & { w: number })[]> {
    return this.db.query(
      `SELECT actor_account_id::text AS actor, target_account_id::text AS target,
              sum(${INTERACTION_TYPE_WEIGHT_SQL} * weight)::float8 AS w
       FROM interactions
       WHERE deleted_at IS NULL AND actor_account_id <> target_account_id
         AND (type = 'follow' OR occurred_at IS NULL OR occurred_at >= $1)
       GROUP BY 1, 2`,
      [since],
    );
  }

  async endorsements(): Promise<As<'topic_endorsements', { accountId: 'account_id'; endorserAccountId: 'endorser_account_id'; topicId: 'topic_id' }>[]> {
    return this.db.query(
      `SELECT account_id::text AS "accountId", endorser_account_id::text AS "endorserAccountId", topic_id AS "topicId" FROM topic_endorsements`,
    );
  }

  async hiddenTopics(): Promise<As<'account_topic_hides', { accountId: 'account_id'; topicId: 'topic_id' }>[]> {
    return this.db.query(`SELECT account_id::text AS "accountId", topic_id AS "topicId" FROM account_topic_hides`);
  }

  /** Replaces the expertise rows (and their evidence) of the given accounts in one transaction. */
  async replaceAccountTopics(accountIds: string[], topics: Map<string, AccountTopic[]>, at: Date): Promise<void> {
    const cols = { a: [] as string[], t: [] as string[], rank: [] as number[], w: [] as number[], d: [] as number[], o: [] as number[], pc: [] as number[], ec: [] as number[], nc: [] as number[] };
    const ev = { a: [] as string[], t: [] as string[], kind: [] as string[], post: [] as (string | null)[], other: [] as (string | null)[], child: [] as (string | null)[], w: [] as number[], detail: [] as (string | null)[] };
    for (const [accountId, list] of topics) {
      list.forEach((t, i) => {
        cols.a.push(accountId);
        cols.t.push(t.topicId);
        cols.rank.push(i + 1);
        cols.w.push(t.weight);
        cols.d.push(t.directWeight);
        cols.o.push(t.organicWeight);
        cols.pc.push(t.postCount);
        cols.ec.push(t.engagerCount);
        cols.nc.push(t.endorsementCount);
        for (const e of t.evidence) {
          ev.a.push(accountId);
          ev.t.push(t.topicId);
          ev.kind.push(e.kind);
          ev.post.push(e.postId ?? null);
          ev.other.push(e.accountId ?? null);
          ev.child.push(e.childTopicId ?? null);
          ev.w.push(e.weight);
          ev.detail.push(e.detail ?? null);
        }
      });
    }
    await this.db.transaction(async (em: EntityManager) => {
      await em.query(`DELETE FROM account_topic_evidence WHERE account_id = ANY($1::bigint[])`, [accountIds]);
      await em.query(`DELETE FROM account_topics WHERE account_id = ANY($1::bigint[])`, [accountIds]);
      await em.query(
        `INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
         SELECT a, t, r, w, d, o, pc, ec, nc, $10
         FROM unnest($1::bigint[], $2::text[], $3::smallint[], $4::float8[], $5::float8[], $6::float8[], $7::int[], $8::int[], $9::int[])
           AS x(a, t, r, w, d, o, pc, ec, nc)`,
        [cols.a, cols.t, cols.rank, cols.w, cols.d, cols.o, cols.pc, cols.ec, cols.nc, at],
      );
      await em.query(
        `INSERT INTO account_topic_evidence (account_id, topic_id, kind, post_id, other_account_id, child_topic_id, weight, detail, computed_at)
         SELECT a, t, k, p, o, c, w, d, $9
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::float8[], $8::text[]) AS x(a, t, k, p, o, c, w, d)`,
        [ev.a, ev.t, ev.kind, ev.post, ev.other, ev.child, ev.w, ev.detail, at],
      );
    });
  }

  /** Members of every topic: the accounts that hold it as expertise, with their organic (endorsement-free) weight. */
  async topicMembers(): Promise<(AccountTopicRef & As<'account_topics', { weight: 'organic_weight' }>)[]> {
    return this.db.query(`SELECT topic_id AS "topicId", account_id::text AS "accountId", organic_weight AS weight FROM account_topics`);
  }

  /** Swaps in a whole run's topic scores at once, so readers never see half a run. */
  /** Accounts of the given platforms with their latest overall influence percentile (0..1; null when not scored yet). */
  async accountsOnPlatforms(platforms: string[]): Promise<{ accountId: string; platform: string; percentile: number | null }[]> {
    return this.db.query(
      `SELECT a.id::text AS "accountId", a.platform, s.percentile
         FROM social_accounts a
         LEFT JOIN LATERAL (SELECT percentile FROM account_score_snapshots WHERE account_id = a.id ORDER BY day DESC LIMIT 1) s ON true
        WHERE a.platform = ANY($1::text[]) AND NOT a.is_stub`,
      [platforms],
    );
  }

  async replaceTopicScores(rows: TopicScoreRow[], at: Date): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM account_topic_scores`);
      for (let i = 0; i < rows.length; i += 50_000) {
        const chunk = rows.slice(i, i + 50_000);
        await em.query(
          `INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
           SELECT x.t, x.a, x.s, x.p, x.r, sa.platform, sa.language, $6
           FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::real[], $5::float8[]) AS x(t, a, s, p, r)
           JOIN social_accounts sa ON sa.id = x.a`,
          [chunk.map((r) => r.topicId), chunk.map((r) => r.accountId), chunk.map((r) => r.score), chunk.map((r) => r.percentile), chunk.map((r) => r.topicRank), at],
        );
      }
    });
  }

  // ---- reads and corrections (GraphQL) ----

  async accountExists(accountId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM social_accounts WHERE id = $1`, [accountId]);
    return rows.length > 0;
  }

  async accountTopics(accountId: string) {
    return this.db.query(
      `SELECT t.topic_id AS "topicId", t.rank, t.weight, t.post_count AS "postCount", t.engager_count AS "engagerCount",
              t.endorsement_count AS "endorsementCount", t.computed_at AS "computedAt", s.score, s.percentile
       FROM account_topics t
       LEFT JOIN account_topic_scores s ON s.topic_id = t.topic_id AND s.account_id = t.account_id
       WHERE t.account_id = $1 AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = t.account_id AND h.topic_id = t.topic_id)
       ORDER BY t.rank`,
      [accountId],
    ) as Promise<
      (As<'account_topics', { topicId: 'topic_id'; postCount: 'post_count'; engagerCount: 'engager_count'; endorsementCount: 'endorsement_count'; computedAt: 'computed_at' }> &
        RowOf<'account_topics', 'rank' | 'weight'> &
        Nullable<RowOf<'account_topic_scores', 'score' | 'percentile'>>)[]
    >;
  }

  async evidence(accountId: string) {
    return this.db.query(
      `SELECT e.topic_id AS "topicId", e.kind, e.weight, e.post_id::text AS "postId", e.other_account_id::text AS "accountId",
              e.child_topic_id AS "childTopicId", e.detail, p.text AS "postText", sa.handle AS "accountHandle"
       FROM account_topic_evidence e
       LEFT JOIN posts p ON p.id = e.post_id
       LEFT JOIN social_accounts sa ON sa.id = e.other_account_id
       WHERE e.account_id = $1 ORDER BY e.topic_id, e.weight DESC`,
      [accountId],
    ) as Promise<
      (RowOf<'account_topic_evidence', 'kind' | 'weight' | 'detail'> &
        As<'account_topic_evidence', { topicId: 'topic_id'; postId: 'post_id'; accountId: 'other_account_id'; childTopicId: 'child_topic_id' }> &
        Nullable<As<'posts', { postText: 'text' }> & As<'social_accounts', { accountHandle: 'handle' }>>)[]
    >;
  }

  async hides(accountId: string) {
    return this.db.query(
      `SELECT topic_id AS "topicId", hidden_by AS "hiddenBy", reason, hidden_at AS "hiddenAt" FROM account_topic_hides WHERE account_id = $1 ORDER BY hidden_at`,
      [accountId],
    ) as Promise<Narrow<As<'account_topic_hides', { topicId: 'topic_id'; hiddenBy: 'hidden_by'; hiddenAt: 'hidden_at' }> & RowOf<'account_topic_hides', 'reason'>, { hiddenBy: 'influencer' | 'operator' }>[]>;
  }

  /** Hides at once (the profile and the scores drop it now, not at the next run) and for good. */
  async hide(accountId: string, topicId: string, by: 'influencer' | 'operator', userId: string | null, reason: string | null) {
    await this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO account_topic_hides (account_id, topic_id, hidden_by, hidden_by_user_id, reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, topic_id) DO UPDATE SET hidden_by = EXCLUDED.hidden_by, hidden_by_user_id = EXCLUDED.hidden_by_user_id,
           reason = EXCLUDED.reason`,
        [accountId, topicId, by, userId, reason],
      );
      await em.query(`DELETE FROM account_topic_scores WHERE account_id = $1 AND topic_id = $2`, [accountId, topicId]);
    });
  }

  async unhide(accountId: string, topicId: string): Promise<boolean> {
    const [, count] = await this.db.query(`DELETE FROM account_topic_hides WHERE account_id = $1 AND topic_id = $2`, [accountId, topicId]);
    return count > 0;
  }

  async endorsementsSince(endorserAccountId: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await this.db.query( // count(*)::int: computed
      `SELECT count(*)::int AS n FROM topic_endorsements WHERE endorser_account_id = $1 AND created_at >= $2`,
      [endorserAccountId, since],
    );
    return rows[0].n;
  }

  async endorse(endorserAccountId: string, accountId: string, topicId: string, userId: string | null) {
    const rows = await this.db.query(
      `INSERT INTO topic_endorsements (endorser_account_id, account_id, topic_id, created_by_user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT topic_endorsements_once DO NOTHING RETURNING id::text, created_at AS "createdAt"`,
      [endorserAccountId, accountId, topicId, userId],
    );
    return rows[0] as (RowOf<'topic_endorsements', 'id'> & As<'topic_endorsements', { createdAt: 'created_at' }>) | undefined;
  }
}
