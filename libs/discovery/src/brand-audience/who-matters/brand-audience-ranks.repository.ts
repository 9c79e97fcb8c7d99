import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import type { EntityManager } from 'typeorm';

export interface StoredAudienceMember {
  accountId: string;
  rank: number;
  score: number;
  share: number;
  follows: boolean;
  followedSince: Date | null;
  mentions: number;
  engagedPosts: number;
  lastInteractionAt: Date | null;
}

export interface AudienceComputation {
  computed_at: Date;
  audience_size: number;
  edge_count: number;
  iterations: number;
  truncated: boolean;
}

export interface AudienceRankRow {
  account_id: string;
  relative_rank: number;
  relative_score: number;
  audience_share: number;
  follows: boolean;
  followed_since: Date | null;
  mentions: number;
  engaged_posts: number;
  last_interaction_at: Date | null;
  platform: string;
  handle: string | null;
  display_name: string | null;
  followers_count: string | null;
  global_score: number | null;
}

export type AudienceRelationshipFilter = 'follows' | 'mentions' | 'engages';

/** The stored "who matters to us" ranking of each brand (brand-owned rows, replaced whole on each run). */
@Injectable()
export class BrandAudienceRanksRepository extends BrandScopedRepository {
  async replace(brandId: BrandId, members: StoredAudienceMember[], run: Omit<AudienceComputation, 'computed_at'>, em: EntityManager): Promise<void> {
    await this.query(brandId, `DELETE FROM brand_audience_ranks WHERE brand_id = $1`, [], em);
    const CHUNK = 5000;
    for (let i = 0; i < members.length; i += CHUNK) {
      const part = members.slice(i, i + CHUNK);
      await this.query(
        brandId,
        `INSERT INTO brand_audience_ranks (brand_id, account_id, relative_rank, relative_score, audience_share, follows, followed_since, mentions, engaged_posts, last_interaction_at)
         SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::real[], $5::float8[], $6::boolean[], $7::timestamptz[], $8::int[], $9::int[], $10::timestamptz[])`,
        [
          part.map((m) => m.accountId),
          part.map((m) => m.rank),
          part.map((m) => m.score),
          part.map((m) => m.share),
          part.map((m) => m.follows),
          part.map((m) => m.followedSince),
          part.map((m) => m.mentions),
          part.map((m) => m.engagedPosts),
          part.map((m) => m.lastInteractionAt),
        ],
        em,
      );
    }
    await this.query(
      brandId,
      `INSERT INTO brand_audience_computations (brand_id, computed_at, audience_size, edge_count, iterations, truncated)
       VALUES ($1, now(), $2, $3, $4, $5)
       ON CONFLICT (brand_id) DO UPDATE SET computed_at = now(), audience_size = $2, edge_count = $3, iterations = $4, truncated = $5`,
      [run.audience_size, run.edge_count, run.iterations, run.truncated],
      em,
    );
  }

  async clear(brandId: BrandId, em?: EntityManager): Promise<void> {
    await this.query(brandId, `DELETE FROM brand_audience_ranks WHERE brand_id = $1`, [], em);
    await this.query(brandId, `DELETE FROM brand_audience_computations WHERE brand_id = $1`, [], em);
  }

  async computation(brandId: BrandId, em?: EntityManager): Promise<AudienceComputation | undefined> {
    return this.queryOne<AudienceComputation>(brandId, `SELECT computed_at, audience_size, edge_count, iterations, truncated FROM brand_audience_computations WHERE brand_id = $1`, [], em);
  }

  /** Keyset page by relative rank; the global score is read live (it changes daily, the ranking hourly). */
  page(brandId: BrandId, afterRank: number, limit: number, filter: AudienceRelationshipFilter | null, em?: EntityManager): Promise<AudienceRankRow[]> {
    const where = filter === 'follows' ? 'AND r.follows' : filter === 'mentions' ? 'AND r.mentions > 0' : filter === 'engages' ? 'AND r.engaged_posts > 0' : '';
    return this.query<AudienceRankRow>(
      brandId,
      `SELECT r.account_id::text, r.relative_rank, r.relative_score, r.audience_share, r.follows, r.followed_since, r.mentions, r.engaged_posts,
              r.last_interaction_at, a.platform, a.handle, a.display_name, a.followers_count::text,
              (SELECT s.score FROM account_score_snapshots s WHERE s.account_id = r.account_id AND s.model_version = $2 ORDER BY s.day DESC LIMIT 1) AS global_score
         FROM brand_audience_ranks r JOIN social_accounts a ON a.id = r.account_id
        WHERE r.brand_id = $1 AND r.relative_rank > $3 ${where}
        ORDER BY r.relative_rank LIMIT $4`,
      [INFLUENCE_MODEL_VERSION, afterRank, limit],
      em,
    );
  }

  async count(brandId: BrandId, filter: AudienceRelationshipFilter | null, em?: EntityManager): Promise<number> {
    const where = filter === 'follows' ? 'AND follows' : filter === 'mentions' ? 'AND mentions > 0' : filter === 'engages' ? 'AND engaged_posts > 0' : '';
    const row = await this.queryOne<{ n: number }>(brandId, `SELECT count(*)::int AS n FROM brand_audience_ranks WHERE brand_id = $1 ${where}`, [], em);
    return row?.n ?? 0;
  }
}
