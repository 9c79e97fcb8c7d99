import { Injectable } from '@nestjs/common';
import { asBrandId, type BrandId } from '@renown/accounts';
import { logger } from '@renown/core';
import { DataSource } from 'typeorm';
import { BrandAccountsRepository } from '../accounts/brand-accounts.repository.js';
import { type PairCount, rankBrandAudience } from './brand-audience-graph.js';
import { BrandAudienceRanksRepository, type StoredAudienceMember } from './brand-audience-ranks.repository.js';
import { relativeScores } from './relative-score.js';

/**
 * The audience taken into a ranking: the accounts that interacted most with the brand. Beyond this the
 * long tail (one like, years ago) is left out and the run says `truncated`.
 */
export const MAX_AUDIENCE = 100_000;

export interface RankingOutcome {
  audienceSize: number;
  edgeCount: number;
  truncated: boolean;
  /** Reading the neighbourhood from PostgreSQL, ranking it (graph + PageRank), storing the result. */
  readMs: number;
  rankMs: number;
  writeMs: number;
}

interface AudienceFacts {
  id: string;
  follows: boolean;
  followed_since: Date | null;
  mentions: number;
  engaged_posts: number;
  last_at: Date | null;
}

/**
 * Computes and stores one brand's "who matters to us" ranking (worker side). Stored rather than computed per
 * request: a brand with a large following has a neighbourhood of hundreds of thousands of edges, whose SQL
 * reads take seconds; the ranking changes only as interactions are imported, so an hourly run (and one
 * right after the brand changes its accounts) is fresh enough and every page read is an index range scan.
 */
@Injectable()
export class BrandAudienceRankingService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: BrandAccountsRepository,
    private readonly ranks: BrandAudienceRanksRepository,
  ) {}

  /** Brands that registered at least one account (platform-wide list for the hourly job). */
  async brandsWithAccounts(): Promise<string[]> {
    const rows: Array<{ brand_id: string }> = await this.db.query(`SELECT DISTINCT brand_id FROM brand_social_accounts`);
    return rows.map((r) => r.brand_id);
  }

  async rank(brandIdValue: string): Promise<RankingOutcome | null> {
    const brandId: BrandId = asBrandId(brandIdValue);
    const [brand] = await this.db.query(`SELECT id FROM brands WHERE id = $1`, [brandId]);
    if (!brand) return null; // the brand was deleted meanwhile: nothing to do
    const started = Date.now();
    const own = await this.accounts.accountIds(brandId);
    if (own.length === 0) {
      await this.ranks.clear(brandId);
      return { audienceSize: 0, edgeCount: 0, truncated: false, readMs: 0, rankMs: 0, writeMs: 0 };
    }

    const facts: AudienceFacts[] = await this.db.query(
      `SELECT i.actor_account_id::text AS id,
              bool_or(i.type = 'follow') AS follows,
              min(i.occurred_at) FILTER (WHERE i.type = 'follow') AS followed_since,
              coalesce(sum(i.weight) FILTER (WHERE i.type = 'mention'), 0)::int AS mentions,
              count(DISTINCT i.post_id) FILTER (WHERE i.type IN ('reply', 'repost', 'quote', 'like'))::int AS engaged_posts,
              max(i.occurred_at) AS last_at
         FROM interactions i
        WHERE i.target_account_id = ANY($1::bigint[]) AND i.deleted_at IS NULL AND NOT (i.actor_account_id = ANY($1::bigint[]))
        GROUP BY i.actor_account_id
        ORDER BY sum(i.weight) DESC, i.actor_account_id
        LIMIT $2`,
      [own, MAX_AUDIENCE + 1],
    );
    const truncated = facts.length > MAX_AUDIENCE;
    if (truncated) facts.length = MAX_AUDIENCE;
    const audience = facts.map((f) => f.id);
    const inAudience = new Set(audience);

    const toPairs = (rows: Array<{ actor: string; target: string; type: PairCount['type']; n: number }>): PairCount[] =>
      rows.map((r) => ({ actor: r.actor, target: r.target, type: r.type, count: Number(r.n) }));
    const towardBrand = toPairs(
      await this.db.query(
        `SELECT actor_account_id::text AS actor, target_account_id::text AS target, type, sum(weight)::int AS n
           FROM interactions
          WHERE target_account_id = ANY($1::bigint[]) AND NOT (actor_account_id = ANY($1::bigint[])) AND deleted_at IS NULL
          GROUP BY 1, 2, 3`,
        [own],
      ),
    ).filter((p) => inAudience.has(p.actor));
    const withinAudience = toPairs(
      await this.db.query(
        `WITH a AS (SELECT unnest($1::bigint[]) AS id)
         SELECT i.actor_account_id::text AS actor, i.target_account_id::text AS target, i.type, sum(i.weight)::int AS n
           FROM a JOIN interactions i ON i.actor_account_id = a.id
          WHERE i.target_account_id IN (SELECT id FROM a) AND i.deleted_at IS NULL AND i.actor_account_id <> i.target_account_id
          GROUP BY 1, 2, 3`,
        [audience],
      ),
    );
    const followingRows: Array<{ id: string; following: string | null }> = await this.db.query(
      `SELECT id::text, following_count::text AS following FROM social_accounts WHERE id = ANY($1::bigint[])`,
      [audience],
    );
    const followingCount = new Map(followingRows.map((r) => [r.id, Number(r.following ?? 0)]));

    const read = Date.now();
    const ranking = rankBrandAudience({ brandAccountIds: own, towardBrand, withinAudience, followingCount });
    const scores = relativeScores(ranking.members.map((m) => m.rank));
    const byId = new Map(facts.map((f) => [f.id, f]));
    const members: StoredAudienceMember[] = ranking.members.map((m, i) => {
      const f = byId.get(m.accountId)!;
      return {
        accountId: m.accountId,
        rank: i + 1,
        score: scores[i],
        share: m.share,
        follows: f.follows,
        followedSince: f.followed_since,
        mentions: f.mentions,
        engagedPosts: f.engaged_posts,
        lastInteractionAt: f.last_at,
      };
    });
    const ranked = Date.now();
    await this.db.transaction(async (em) => {
      // Two runs for one brand (a refresh racing the hourly job) replace the ranking one after the other.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`brand-audience-rank:${brandId}`]);
      await this.ranks.replace(brandId, members, { audience_size: members.length, edge_count: ranking.edgeCount, iterations: ranking.iterations, truncated }, em);
    });
    const outcome = { audienceSize: members.length, edgeCount: ranking.edgeCount, truncated, readMs: read - started, rankMs: ranked - read, writeMs: Date.now() - ranked };
    logger.info({ brandId, ...outcome, iterations: ranking.iterations }, 'brand audience ranked');
    return outcome;
  }
}
