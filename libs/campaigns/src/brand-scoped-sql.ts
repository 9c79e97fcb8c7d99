import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Brand-owned SQL of the campaign services goes through this (the accounts isolation pattern): the brand id
 * is bound as $1, a missing or malformed BrandId throws, and SQL that does not filter or write
 * `brand_id = $1` throws on its first run. Results are rows whatever the command (TypeORM answers
 * UPDATE/DELETE with [rows, count]).
 */
@Injectable()
export class BrandScopedSql extends BrandScopedRepository {
  constructor(ds: DataSource) {
    super(ds);
  }

  async rows<T = Record<string, any>>(brandId: BrandId, sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    const r: any = await this.query(brandId, sql, params, em);
    return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? r[0] : r;
  }

  async one<T = Record<string, any>>(brandId: BrandId, sql: string, params: unknown[] = [], em?: EntityManager): Promise<T | undefined> {
    return (await this.rows<T>(brandId, sql, params, em))[0];
  }
}
