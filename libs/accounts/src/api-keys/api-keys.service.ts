import { Injectable } from '@nestjs/common';
import { AccountsError } from '../accounts.error.js';
import { ApiKeyKind, type ApiKeyActor } from '../auth/actor.js';
import { asBrandId, type BrandId } from '../brand-scope/brand-id.js';
import { API_KEY_PREFIX, newApiKeySecret, sha256 } from '../crypto/secret-token.js';
import { type ApiKeyFilter, ApiKeysRepository, type ApiKeyRow } from './api-keys.repository.js';

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  /** The secret is returned here and never again: only its SHA-256 and a short prefix are stored. */
  async create(brandId: BrandId, name: string, createdBy: string, kind: ApiKeyKind = ApiKeyKind.DEVELOPER): Promise<{ apiKey: ApiKeyRow; secret: string }> {
    const clean = name.trim();
    if (!clean || clean.length > 100) {
      const example = kind === ApiKeyKind.EXTENSION ? '"Chrome on my laptop"' : '"CRM sync"';
      throw AccountsError.badInput(`Give the API key a name of 1 to 100 characters, e.g. ${example}.`);
    }
    const { secret, hash, prefix } = newApiKeySecret();
    const apiKey = await this.keys.create(brandId, clean, prefix, hash, createdBy, kind);
    return { apiKey, secret };
  }

  list(brandId: BrandId, filter: ApiKeyFilter = {}) {
    return this.keys.list(brandId, filter);
  }

  /**
   * Revokes a key of the brand. With a filter (a member revoking their own extension key), a key of the brand that
   * the filter leaves out is FORBIDDEN; a key of another brand, or none, is NOT_FOUND.
   */
  async revoke(brandId: BrandId, id: string, filter?: ApiKeyFilter): Promise<ApiKeyRow> {
    const row = await this.keys.revoke(brandId, id, filter);
    if (row) return row;
    if (filter && (await this.keys.find(brandId, id))) {
      throw AccountsError.forbidden('You can revoke only the extension keys you created; an owner or admin can revoke any key of the brand.');
    }
    throw AccountsError.notFound('API key');
  }

  async authenticate(secret: string): Promise<ApiKeyActor | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const row = await this.keys.findActiveBySecretHash(sha256(secret));
    if (!row) return null;
    const brandId = asBrandId(row.brand_id);
    await this.keys.touch(brandId, row.id);
    return { kind: 'apiKey', apiKeyId: row.id, keyKind: row.kind, brandId, role: null, isOperator: false };
  }
}
