import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { EntityManager } from 'typeorm';

export interface StoredSearch {
  id: string;
  query: string;
  locale: string;
  filter: unknown;
  interpretation: unknown;
  accountIds: string[];
  rankScores: number[];
  exhausted: boolean;
  createdAt: Date;
}

const COLUMNS = `id, query, locale, filter, interpretation, account_ids::text[] AS "accountIds", rank_scores AS "rankScores", exhausted, created_at AS "createdAt"`;

export interface SearchToStore {
  query: string;
  locale: string;
  filter: unknown;
  interpretation: unknown;
  ttlHours: number;
}

/**
 * The first page's ranking and its storing as one statement, brand id as `$1`: `ranking` (SQL of
 * buildRankingQuery, ordered, `limit + 1` rows with account_id, rank_score, person_id) keeps the first `limit`
 * rows, one account per person (the first), and marks the search exhausted when no row was left beyond them.
 * Exported so the search benchmark can run the very statement bare.
 */
export function rankAndStoreStatement(brandId: string, id: string, ranking: { sql: string; params: unknown[] }, limit: number, s: SearchToStore): { sql: string; params: unknown[] } {
  const n = ranking.params.length;
  const at = (k: number) => `$${n + 2 + k}`; // after the brand ($1) and the ranking's own parameters
  const rankingSql = ranking.sql.replace(/\$(\d+)/g, (_m, d: string) => `$${Number(d) + 1}`);
  return {
    sql: `WITH r AS MATERIALIZED (SELECT x.account_id, x.rank_score, x.person_id, row_number() OVER (ORDER BY x.rank_score DESC, x.account_id::bigint) AS pos
                                 FROM (${rankingSql}) x),
            kept AS (SELECT r.*, row_number() OVER (PARTITION BY coalesce('p' || r.person_id, 'a' || r.account_id) ORDER BY r.pos) AS nth
                       FROM r WHERE r.pos <= ${at(1)}::int)
       INSERT INTO discovery_searches (id, brand_id, query, locale, filter, interpretation, account_ids, rank_scores, exhausted, expires_at)
       SELECT ${at(0)}::uuid, $1, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)},
              coalesce((SELECT array_agg(account_id::bigint ORDER BY pos) FROM kept WHERE nth = 1), '{}'),
              coalesce((SELECT array_agg(rank_score::real ORDER BY pos) FROM kept WHERE nth = 1), '{}'),
              (SELECT count(*) FROM r) <= ${at(1)}::int, now() + make_interval(hours => ${at(6)}::int)
       RETURNING created_at AS "createdAt", account_ids::text[] AS "accountIds", rank_scores AS "rankScores", exhausted`,
    params: [brandId, ...ranking.params, id, limit, s.query, s.locale, JSON.stringify(s.filter), JSON.stringify(s.interpretation), s.ttlHours],
  };
}

/** Stored searches (brand-owned): the ranking taken at the first page, read by later pages. */
@Injectable()
export class DiscoverySearchRepository extends BrandScopedRepository {
  /**
   * Ranks and stores in one statement (see rankAndStoreStatement). Returns what was stored.
   */
  async insertRanked(
    brandId: BrandId,
    id: string,
    ranking: { sql: string; params: unknown[] },
    limit: number,
    s: SearchToStore,
    em?: EntityManager,
  ): Promise<{ createdAt: Date; accountIds: string[]; rankScores: number[]; exhausted: boolean }> {
    const statement = rankAndStoreStatement(brandId, id, ranking, limit, s);
    const [row] = await this.preparedQuery<{ createdAt: Date; accountIds: string[]; rankScores: number[]; exhausted: boolean }>(
      brandId,
      statement.sql,
      statement.params.slice(1),
      em,
    );
    return row;
  }

  /** A live search of this brand, or undefined (another brand's id looks exactly like a missing one). */
  async findLive(brandId: BrandId, id: string): Promise<StoredSearch | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return this.queryOne<StoredSearch>(brandId, `SELECT ${COLUMNS} FROM discovery_searches WHERE brand_id = $1 AND id = $2 AND expires_at > now()`, [id]);
  }

  /** Appends a continuation of the ranking, unless another page request already did (then false). */
  async append(brandId: BrandId, id: string, expectedLength: number, accountIds: string[], rankScores: number[], exhausted: boolean): Promise<boolean> {
    const rows = await this.query(
      brandId,
      `UPDATE discovery_searches SET account_ids = account_ids || $4::bigint[], rank_scores = rank_scores || $5::real[], exhausted = $6
        WHERE brand_id = $1 AND id = $2 AND cardinality(account_ids) = $3 RETURNING id`,
      [id, expectedLength, accountIds, rankScores, exhausted],
    );
    return rows.length > 0;
  }

  /** Whether the campaign exists in this brand (for the "not yet invited to" filter). */
  async campaignExists(brandId: BrandId, campaignId: string): Promise<boolean> {
    return (await this.query(brandId, `SELECT 1 FROM campaigns WHERE brand_id = $1 AND id = $2`, [campaignId])).length > 0;
  }

  /** Expired searches of every brand (a maintenance job). */
  async deleteExpired(): Promise<number> {
    const rows = await this.unscopedQuery('maintenance: expiry applies to every brand alike', `DELETE FROM discovery_searches WHERE expires_at < now() RETURNING 1`);
    return rows.length;
  }
}
