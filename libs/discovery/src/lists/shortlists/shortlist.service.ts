import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import type { Influencer } from '../../search/graphql/influencer.models.js';
import { InfluencerRowsService } from '../../search/rows/influencer-rows.service.js';
import { decodeEntryCursor, encodeEntryCursor } from './entry-cursor.js';
import { ShortlistRepository } from './shortlist.repository.js';
import type { ShortlistEntryRow, ShortlistRow, TagCount } from './shortlist.types.js';
import { normalizeDescription, normalizeNote, normalizeShortlistName, normalizeTag, normalizeTags, partitionAccountIds } from './validate-shortlist-input.js';

export interface ShortlistEntryView extends ShortlistEntryRow {
  influencer: Influencer | null;
}

export interface ShortlistEntryPage {
  entries: ShortlistEntryView[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 500;

/** A brand's shortlists: validation and limits here, SQL in ShortlistRepository, every call by brand. */
@Injectable()
export class ShortlistService {
  constructor(
    private readonly repo: ShortlistRepository,
    private readonly rows: InfluencerRowsService,
  ) {}

  /** The brand's lists with their tag counts (one query for all lists, not one per list). */
  async list(brandId: BrandId, containingAccountId?: string | null): Promise<(ShortlistRow & { tags: TagCount[] })[]> {
    const rows = await this.repo.list(brandId, containingAccountId ?? undefined);
    const tags = rows.length ? await this.repo.tagCounts(brandId, rows.map((r) => r.id)) : new Map<string, TagCount[]>();
    return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
  }

  getOrFail(brandId: BrandId, id: string): Promise<ShortlistRow> {
    return this.repo.findOrFail(brandId, id);
  }

  create(brandId: BrandId, input: { name: string; description?: string | null }): Promise<ShortlistRow> {
    return this.repo.insert(brandId, normalizeShortlistName(input.name), normalizeDescription(input.description));
  }

  update(brandId: BrandId, id: string, input: { name?: string | null; description?: string | null }): Promise<ShortlistRow> {
    return this.repo.update(brandId, id, {
      name: input.name === undefined || input.name === null ? undefined : normalizeShortlistName(input.name),
      description: input.description === undefined || input.description === null ? undefined : normalizeDescription(input.description),
    });
  }

  async delete(brandId: BrandId, id: string): Promise<void> {
    await this.repo.delete(brandId, id);
  }

  /** Accounts already on the list keep their note and tags; malformed and unknown ids are reported back. */
  async add(brandId: BrandId, listId: string, accountIds: string[], note?: string | null, tags?: string[] | null) {
    const { valid, malformed } = partitionAccountIds(accountIds);
    const normalizedNote = normalizeNote(note);
    const normalizedTags = normalizeTags(tags);
    const result = valid.length ? await this.repo.addEntries(brandId, listId, valid, normalizedNote, normalizedTags) : { added: 0, alreadyOnList: 0, unknownAccountIds: [] as string[] };
    if (!valid.length) await this.repo.findOrFail(brandId, listId);
    return { ...result, unknownAccountIds: [...malformed, ...result.unknownAccountIds] };
  }

  async remove(brandId: BrandId, listId: string, accountIds: string[]): Promise<number> {
    const { valid } = partitionAccountIds(accountIds);
    return this.repo.removeEntries(brandId, listId, valid);
  }

  async updateEntry(brandId: BrandId, listId: string, accountId: string, input: { note?: string | null; tags?: string[] | null }): Promise<ShortlistEntryView> {
    const row = await this.repo.updateEntry(brandId, listId, accountId, {
      note: input.note === undefined || input.note === null ? undefined : normalizeNote(input.note),
      tags: input.tags === undefined || input.tags === null ? undefined : normalizeTags(input.tags),
    });
    const [influencer] = await this.rows.rowsForAccounts([row.accountId], { brandId });
    return { ...row, influencer: influencer ?? null };
  }

  /** A page of entries with their accounts (one query for the page, one for its accounts). */
  async entries(brandId: BrandId, listId: string, opts: { tag?: string | null; first?: number | null; after?: string | null }): Promise<ShortlistEntryPage> {
    const first = Math.min(Math.max(Math.trunc(opts.first ?? 100) || 100, 1), MAX_PAGE_SIZE);
    const tag = opts.tag ? normalizeTag(opts.tag) : null;
    const after = opts.after ? decodeEntryCursor(opts.after) : null;
    const page = await this.repo.entriesPage(brandId, listId, { tag, first, after });
    const influencers = new Map((await this.rows.rowsForAccounts(page.rows.map((r) => r.accountId), { brandId })).map((i) => [i.accountId, i]));
    const last = page.rows[page.rows.length - 1];
    return {
      entries: page.rows.map((r) => ({ ...r, influencer: influencers.get(r.accountId) ?? null })),
      totalCount: page.totalCount,
      hasNextPage: page.hasNextPage,
      endCursor: last ? encodeEntryCursor(last.addedAtText, last.accountId) : null,
    };
  }

  tagCounts(brandId: BrandId, listIds: string[]): Promise<Map<string, TagCount[]>> {
    return this.repo.tagCounts(brandId, listIds);
  }
}
