import { Injectable } from '@nestjs/common';
import { BrandScopedRepository } from '../brand-scope/brand-scoped-repository.js';
import type { BrandId } from '../brand-scope/brand-id.js';

export interface ApiKeyRow {
  id: string;
  brand_id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, brand_id, name, prefix, created_at, last_used_at, revoked_at';

@Injectable()
export class ApiKeysRepository extends BrandScopedRepository {
  async create(brandId: BrandId, name: string, prefix: string, secretHash: Buffer, createdBy: string | null): Promise<ApiKeyRow> {
    const row = await this.queryOne<ApiKeyRow>(
      brandId,
      `INSERT INTO api_keys (brand_id, name, prefix, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [name, prefix, secretHash, createdBy],
    );
    return row!;
  }

  list(brandId: BrandId): Promise<ApiKeyRow[]> {
    return this.query<ApiKeyRow>(brandId, `SELECT ${COLUMNS} FROM api_keys WHERE brand_id = $1 ORDER BY created_at DESC, id`);
  }

  /** Revokes a key of this brand; another brand's key id finds nothing. */
  async revoke(brandId: BrandId, id: string): Promise<ApiKeyRow | undefined> {
    return this.queryOne<ApiKeyRow>(
      brandId,
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE brand_id = $1 AND id::text = $2 RETURNING ${COLUMNS}`,
      [id],
    );
  }

  /** The key is the capability: its brand is what we are finding out. */
  async findActiveBySecretHash(hash: Buffer): Promise<ApiKeyRow | undefined> {
    const [row] = await this.unscopedQuery<ApiKeyRow>(
      'authenticating an API key: the secret decides the brand',
      `SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL`,
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
