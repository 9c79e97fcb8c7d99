import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { EntitlementsService } from '@renown/billing';
import { ErrorCode } from '@renown/core';
import { DiscoveryError } from '../../discovery.error.js';
import { ShortlistService } from '../../lists/shortlists/shortlist.service.js';
import type { ShortlistRow } from '../../lists/shortlists/shortlist.types.js';
import type { AddToListResponse, ListSummary, ListsResponse } from '../http/developer-api.responses.js';
import { parseAccountId } from '../http/parse-developer-api-input.js';

const summary = (row: ShortlistRow): ListSummary => ({ id: row.id, name: row.name, size: row.entryCount, updatedAt: new Date(row.updatedAt).toISOString() });

/**
 * The brand's shortlists over /v1, for the browser extension's "Add to list": the same ShortlistService (and so
 * the same brand-scoped repository, brand id always $1) and the same limits as GraphQL's addToShortlist.
 */
@Injectable()
export class DeveloperApiListsService {
  constructor(
    private readonly shortlists: ShortlistService,
    private readonly entitlements: EntitlementsService,
  ) {}

  /** The brand's lists, most recently changed first; with `accountId`, each says whether that account is on it. */
  async lists(brandId: BrandId, accountId: string | undefined): Promise<ListsResponse> {
    const rows = await this.shortlists.list(brandId);
    if (accountId === undefined) return { lists: rows.map(summary) };
    const containing = new Set((await this.shortlists.list(brandId, parseAccountId(accountId, 'accountId'))).map((r) => r.id));
    return { lists: rows.map((r) => ({ ...summary(r), containsAccount: containing.has(r.id) })) };
  }

  /**
   * Adds one account; idempotent (already on the list: `added: false, alreadyOnList: true`, nothing changes). Another
   * brand's list and an unknown account are 404; a brand that is read-only (payment past due) is refused like
   * GraphQL's mutations (PAYMENT_REQUIRED); a full list (5,000) is a 400.
   */
  async add(brandId: BrandId, rawListId: string, body: unknown): Promise<AddToListResponse> {
    const listId = parseListId(rawListId);
    const o = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    const raw = o?.accountId;
    if (typeof raw !== 'string') {
      throw DiscoveryError.badInput(
        `Send {"accountId": "1042"}: the Renown account id as a string (from POST /v1/lookup)${typeof raw === 'number' ? '; ids are strings, as numbers they would be rounded' : ''}.`,
        { field: 'accountId' },
      );
    }
    const accountId = parseAccountId(raw.trim(), 'accountId');
    await this.entitlements.assertWritable(brandId);
    const result = await this.shortlists.add(brandId, listId, [accountId]);
    if (result.unknownAccountIds.length) {
      throw new DiscoveryError(ErrorCode.NOT_FOUND, `Account ${accountId} is not known to Renown. Look accounts up with POST /v1/lookup.`, { what: 'account', id: accountId });
    }
    const list = summary(await this.shortlists.getOrFail(brandId, listId));
    const added = result.added > 0;
    return {
      accountId,
      added,
      alreadyOnList: !added,
      message: added ? `Added account ${accountId} to "${list.name}".` : `Account ${accountId} is already on "${list.name}"; nothing changed.`,
      list,
    };
  }
}

/** A shortlist id: digits. Anything else is a 400 naming the field (it can never name a list). */
function parseListId(raw: string): string {
  const id = raw.trim();
  if (!/^\d{1,18}$/.test(id) || /^0+$/.test(id)) {
    throw DiscoveryError.badInput(`"${raw.slice(0, 40)}" is not a list id: ids are whole numbers, e.g. "42"; GET /v1/lists lists them.`, { field: 'id' });
  }
  return BigInt(id).toString();
}
