import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Topics of posts and accounts, with the evidence behind each, the corrections people make (hidden topics,
 * endorsements) and the per-topic influence score that discovery sorts by. Topic data itself is global.
 */
export class AccountTopics1763730000051 implements MigrationInterface {
  name = 'AccountTopics1763730000051';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post_topics (
        post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        weight real NOT NULL CHECK (weight > 0 AND weight <= 1),
        sources text[] NOT NULL,
        classified_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, topic_id)
      )`);
    await q.query(`CREATE INDEX post_topics_topic_idx ON post_topics (topic_id)`);

    // Current expertise: at most 20 visible rows per account, recomputed by the scoring job.
    await q.query(`
      CREATE TABLE account_topics (
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        rank smallint NOT NULL,
        weight double precision NOT NULL,
        direct_weight double precision NOT NULL,
        organic_weight double precision NOT NULL,
        post_count integer NOT NULL,
        engager_count integer NOT NULL,
        endorsement_count integer NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, topic_id)
      )`);
    await q.query(`CREATE INDEX account_topics_topic_idx ON account_topics (topic_id, weight DESC)`);

    // Why an account has a topic: which posts, which engagers, the bio, endorsements (top items only).
    await q.query(`
      CREATE TABLE account_topic_evidence (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('post', 'bio', 'engager', 'endorsement', 'child-topic')),
        post_id bigint REFERENCES posts (id) ON DELETE CASCADE,
        other_account_id bigint REFERENCES social_accounts (id) ON DELETE CASCADE,
        child_topic_id text REFERENCES topics (id) ON DELETE CASCADE,
        weight double precision NOT NULL,
        detail text,
        computed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX account_topic_evidence_account_idx ON account_topic_evidence (account_id, topic_id, weight DESC)`);

    // Corrections outlive re-runs: the job never writes a hidden (account, topic) pair.
    await q.query(`
      CREATE TABLE account_topic_hides (
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        hidden_by text NOT NULL CHECK (hidden_by IN ('influencer', 'operator')),
        hidden_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        reason text,
        hidden_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, topic_id)
      )`);

    await q.query(`
      CREATE TABLE topic_endorsements (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        endorser_account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT topic_endorsements_not_self CHECK (endorser_account_id <> account_id),
        CONSTRAINT topic_endorsements_once UNIQUE (endorser_account_id, account_id, topic_id)
      )`);
    await q.query(`CREATE INDEX topic_endorsements_endorser_idx ON topic_endorsements (endorser_account_id, created_at)`);
    await q.query(`CREATE INDEX topic_endorsements_account_idx ON topic_endorsements (account_id, topic_id)`);

    // Discovery's hot query: top N in a topic, optionally on one platform / in one language. Platform and
    // language are copied in so the filter is served by the index, and account_id rides along (INCLUDE or key)
    // so the top 50 is an index-only scan. (score DESC, account_id) is also a stable cursor.
    await q.query(`
      CREATE TABLE account_topic_scores (
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 100),
        percentile real NOT NULL CHECK (percentile >= 0 AND percentile <= 100),
        topic_rank double precision NOT NULL,
        platform text NOT NULL,
        language text,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (topic_id, account_id)
      )`);
    await q.query(`CREATE INDEX account_topic_scores_top_idx ON account_topic_scores (topic_id, score DESC, account_id) INCLUDE (percentile, platform, language)`);
    await q.query(`CREATE INDEX account_topic_scores_platform_idx ON account_topic_scores (topic_id, platform, score DESC, account_id) INCLUDE (language, percentile)`);
    await q.query(`CREATE INDEX account_topic_scores_language_idx ON account_topic_scores (topic_id, language, score DESC, account_id) INCLUDE (platform, percentile)`);
    await q.query(`CREATE INDEX account_topic_scores_account_idx ON account_topic_scores (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_topic_scores`);
    await q.query(`DROP TABLE topic_endorsements`);
    await q.query(`DROP TABLE account_topic_hides`);
    await q.query(`DROP TABLE account_topic_evidence`);
    await q.query(`DROP TABLE account_topics`);
    await q.query(`DROP TABLE post_topics`);
  }
}
