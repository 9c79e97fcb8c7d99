import { Injectable } from '@nestjs/common';
import { AccountsError } from '../accounts.error.js';
import type { ApiKeyActor } from '../auth/actor.js';
import { asBrandId, type BrandId } from '../brand-scope/brand-id.js';
import { API_KEY_PREFIX, newApiKeySecret, sha256 } from '../crypto/secret-token.js';
import { ApiKeysRepository, type ApiKeyRow } from './api-keys.repository.js';

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  /** The secret is returned here and never again: only its SHA-256 and a short prefix are stored. */
  async create(brandId: BrandId, name: string, createdBy: string): Promise<{ apiKey: ApiKeyRow; secret: string }> {
    const clean = name.trim();
    if (!clean || clean.length > 100) throw AccountsError.badInput('Give the API key a name of 1 to 100 characters, e.g. "CRM sync".');
    const { secret, hash, prefix } = newApiKeySecret();
    const apiKey = await this.keys.create(brandId, clean, prefix, hash, createdBy);
    return { apiKey, secret };
  }

  list(brandId: BrandId) {
    return this.keys.list(brandId);
  }

  async revoke(brandId: BrandId, id: string): Promise<ApiKeyRow> {
    const row = await this.keys.revoke(brandId, id);
    if (!row) throw AccountsError.notFound('API key');
    return row;
  }

  async authenticate(secret: string): Promise<ApiKeyActor | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const row = await this.keys.findActiveBySecretHash(sha256(secret));
    if (!row) return null;
    const brandId = asBrandId(row.brand_id);
    await this.keys.touch(brandId, row.id);
    return { kind: 'apiKey', apiKeyId: row.id, brandId, role: null, isOperator: false };
  }
}
