import { Injectable } from '@nestjs/common';
import type { As, Narrow, Nullable, RowOf } from '@renown/core';
import { BrandScopedRepository } from '../brand-scope/brand-scoped-repository.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import type { ApiKeyKind } from '../auth/actor.js';

export type ApiKeyColumns = Narrow<
  RowOf<'api_keys', 'id' | 'brand_id' | 'name' | 'prefix' | 'kind' | 'created_by' | 'created_at' | 'last_used_at' | 'revoked_at'>,
  { kind: ApiKeyKind }
>;

/** A key with its creator's name and email (null when they were deleted). */
export type ApiKeyRow = ApiKeyColumns & Nullable<As<'users', { creator_name: 'name'; creator_email: 'email' }>>;

const KEY_COLUMNS = 'id, brand_id, name, prefix, kind, created_by, created_at, last_used_at, revoked_at';
/** The key's columns from `k` plus its creator's name and email. */
const WITH_CREATOR = `k.id, k.brand_id, k.name, k.prefix, k.kind, k.created_by, u.name AS creator_name, u.email AS creator_email,
  k.created_at, k.last_used_at, k.revoked_at`;

export interface ApiKeyFilter {
  kind?: ApiKeyKind;
  /** Only keys this user created. */
  createdBy?: string;
}

@Injectable()
export class ApiKeysRepository extends BrandScopedRepository {
  async create(brandId: BrandId, name: string, prefix: string, secretHash: Buffer, createdBy: string | null, kind: ApiKeyKind): Promise<ApiKeyRow> {
    const row = await this.queryOne<ApiKeyRow>(
      brandId,
      `WITH k AS (INSERT INTO api_keys (brand_id, name, prefix, secret_hash, created_by, kind) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${KEY_COLUMNS})
       SELECT ${WITH_CREATOR} FROM k LEFT JOIN users u ON u.id = k.created_by`,
      [name, prefix, secretHash, createdBy, kind],
    );
    return row!;
  }

  list(brandId: BrandId, filter: ApiKeyFilter = {}): Promise<ApiKeyRow[]> {
    return this.query<ApiKeyRow>(
      brandId,
      `SELECT ${WITH_CREATOR} FROM api_keys k LEFT JOIN users u ON u.id = k.created_by
        WHERE k.brand_id = $1 AND ($2::text IS NULL OR k.kind = $2) AND ($3::uuid IS NULL OR k.created_by = $3::uuid)
        ORDER BY k.created_at DESC, k.id`,
      [filter.kind ?? null, filter.createdBy ?? null],
    );
  }

  /** One key of this brand (any state); another brand's key id finds nothing. */
  async find(brandId: BrandId, id: string): Promise<ApiKeyRow | undefined> {
    return this.queryOne<ApiKeyRow>(
      brandId,
      `SELECT ${WITH_CREATOR} FROM api_keys k LEFT JOIN users u ON u.id = k.created_by WHERE k.brand_id = $1 AND k.id::text = $2`,
      [id],
    );
  }

  /** Revokes a key of this brand matching `filter`; another brand's key id (or one the filter leaves out) finds nothing. */
  async revoke(brandId: BrandId, id: string, filter: ApiKeyFilter = {}): Promise<ApiKeyRow | undefined> {
    return this.queryOne<ApiKeyRow>(
      brandId,
      `WITH k AS (
         UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
          WHERE brand_id = $1 AND id::text = $2 AND ($3::text IS NULL OR kind = $3) AND ($4::uuid IS NULL OR created_by = $4::uuid)
          RETURNING ${KEY_COLUMNS})
       SELECT ${WITH_CREATOR} FROM k LEFT JOIN users u ON u.id = k.created_by`,
      [id, filter.kind ?? null, filter.createdBy ?? null],
    );
  }

  /**
   * The key is the capability: its brand is what we are finding out. Read on every request (never cached), so a
   * revoked key is refused from the next request on. An extension key also stops when the person who created it
   * no longer belongs to the brand.
   */
  async findActiveBySecretHash(hash: Buffer): Promise<ApiKeyColumns | undefined> {
    const [row] = await this.unscopedQuery<ApiKeyColumns>(
      'authenticating an API key: the secret decides the brand',
      `SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.secret_hash = $1 AND k.revoked_at IS NULL
          AND (k.kind = 'developer' OR EXISTS (SELECT 1 FROM memberships m WHERE m.brand_id = k.brand_id AND m.user_id = k.created_by))`,
      [hash],
    );
    return row;
  }

  async touch(brandId: BrandId, id: string): Promise<void> {
    await this.query(
      brandId,
      `UPDATE api_keys SET last_used_at = now() WHERE brand_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
