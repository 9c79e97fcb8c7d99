import { Injectable } from '@nestjs/common';
import { preparedQuery, type PreparedQueryOptions } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import { assertBrandId, type BrandId } from './brand-id.js';
import { rowsOf } from './rows-of.js';

/** `brand_id` with `$1` (either order), or the brands table itself keyed by `id = $1`. */
const MENTIONS_BRAND_PARAM = /\bbrand_id\b[\s\S]*\$1\b|\$1\b[\s\S]*\bbrand_id\b|\bbrands\b[\s\S]*\bid\s*=\s*\$1\b/;

/**
 * Base of every repository of brand-owned rows (see the pattern in libs/accounts/README.md).
 *
 * - Each public method takes the BrandId FIRST; calling one without it does not compile.
 * - `query(brandId, sql, params)` binds the brand id as `$1` and refuses SQL that does not use `brand_id`
 *   with `$1`, and refuses a missing or malformed brand id, so a forgotten filter fails on the first run
 *   rather than leaking rows.
 * - Lookups by a secret token (the token is the capability, the brand is not known yet) go through
 *   `unscopedQuery(reason, ...)`, which makes the exception visible in review.
 * - Pass the caller's EntityManager to take part in its transaction.
 *
 * Subclasses are `@Injectable()` and need no constructor: they inherit this one (DataSource injected).
 */
@Injectable()
export abstract class BrandScopedRepository {
  constructor(protected readonly db: DataSource) {}

  protected async query<T = Record<string, unknown>>(brandId: BrandId, sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    assertBrandId(brandId);
    if (!MENTIONS_BRAND_PARAM.test(sql)) {
      throw new Error(`${this.constructor.name}: brand-scoped SQL must filter or write brand_id = $1:\n${sql}`);
    }
    return rowsOf<T>(await (em ?? this.db.manager).query(sql, [brandId, ...params]));
  }

  /** `query` as a named prepared statement (planned once per connection): for statements on a hot path. */
  protected async preparedQuery<T = Record<string, unknown>>(brandId: BrandId, sql: string, params: unknown[] = [], em?: EntityManager, options?: PreparedQueryOptions): Promise<T[]> {
    assertBrandId(brandId);
    if (!MENTIONS_BRAND_PARAM.test(sql)) {
      throw new Error(`${this.constructor.name}: brand-scoped SQL must filter or write brand_id = $1:\n${sql}`);
    }
    return preparedQuery<T>(em ?? this.db, sql, [brandId, ...params], options);
  }

  protected async queryOne<T = Record<string, unknown>>(brandId: BrandId, sql: string, params: unknown[] = [], em?: EntityManager): Promise<T | undefined> {
    const rows = await this.query<T>(brandId, sql, params, em);
    return rows[0];
  }

  /** For the few lookups that legitimately precede knowing the brand; `reason` documents why. */
  protected async unscopedQuery<T = Record<string, unknown>>(reason: string, sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    if (!reason) throw new Error('unscopedQuery needs a reason');
    return rowsOf<T>(await (em ?? this.db.manager).query(sql, params));
  }
}
