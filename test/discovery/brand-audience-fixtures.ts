import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';

/**
 * Small factories for brand-audience tests: social accounts, interactions and current global scores,
 * written straight into the real tables (the same rows the importer and the scoring run produce).
 */
export class SocialGraphFactory {
  private readonly run = randomUUID().slice(0, 8);
  private postSeq = 0;

  constructor(private readonly pool: pg.Pool) {}

  /** An account with a handle unique to this test run (`<label>_<run>`), optionally with a current global score. */
  async account(label: string, opts: { score?: number; followingCount?: number; displayName?: string } = {}): Promise<{ id: string; handle: string }> {
    const handle = `${label}_${this.run}`;
    const { rows } = await this.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, followers_count, following_count, is_stub, first_seen_at, updated_at)
       VALUES ('twitter', $1, $2, $3, 1000, $4, false, now(), now()) RETURNING id::text`,
      [`${handle}-ext`, handle, opts.displayName ?? label, opts.followingCount ?? 100],
    );
    const id = rows[0].id as string;
    if (opts.score !== undefined) await this.score(id, opts.score);
    return { id, handle };
  }

  async score(accountId: string, score: number, day = new Date().toISOString().slice(0, 10)) {
    await this.pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id)
       VALUES ($1, $5, $2, $3::real, $4, $3::real, $3::real, $3::real, $3::float8, 1)
       ON CONFLICT (account_id, model_version, day) DO UPDATE SET score = EXCLUDED.score`,
      [accountId, day, score, score / 100, INFLUENCE_MODEL_VERSION],
    );
  }

  /** One interaction; mentions and engagements get a post of their own so each counts separately. */
  async interact(actor: string, target: string, type: 'reply' | 'repost' | 'quote' | 'mention' | 'like' | 'follow', occurredAt: Date | null = new Date()): Promise<string> {
    let postId: string | null = null;
    if (type !== 'follow') {
      const { rows } = await this.pool.query(
        `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, is_stub) VALUES ('twitter', $1, $2, $3, 'post', false) RETURNING id::text`,
        [`post-${this.run}-${++this.postSeq}`, type === 'like' ? target : actor, occurredAt ?? new Date()],
      );
      postId = rows[0].id;
    }
    const { rows } = await this.pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at) VALUES ('twitter', $1, $2, $3, $4, $5) RETURNING id::text`,
      [actor, target, type, postId, occurredAt],
    );
    return rows[0].id;
  }
}
