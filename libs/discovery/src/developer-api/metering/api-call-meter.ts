import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { EntitlementsService, UsageService } from '@renown/billing';

/**
 * Counts developer API calls as the brand's `apiCalls` (billing's monthly metric). A plan without API
 * access, or a brand at its monthly limit, is refused with billing's QUOTA_EXCEEDED (HTTP 402), whose
 * message names the limit and how to raise it; a refused call is not counted.
 */
@Injectable()
export class ApiCallMeter {
  constructor(
    private readonly entitlements: EntitlementsService,
    private readonly usage: UsageService,
  ) {}

  /**
   * `clientKey` is the caller's Idempotency-Key header: a retried request with the same key (from the same
   * API key) is counted once. Without it every request is a new call.
   */
  async count(brandId: BrandId, apiKeyId: string, clientKey?: string): Promise<void> {
    await this.entitlements.assertFeature(brandId, 'apiAccess');
    const key = clientKey ? `api-call:${apiKeyId}:${clientKey}` : `api-call:${randomUUID()}`;
    await this.usage.record(brandId, 'apiCalls', 1, key);
  }

  async monthToDate(brandId: BrandId): Promise<{ used: number; limit: number | null }> {
    const [used, entitlements] = await Promise.all([this.usage.currentUsage(brandId), this.entitlements.getEntitlements(brandId)]);
    return { used: used.apiCalls, limit: entitlements.apiCalls };
  }
}
