import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { stringify } from 'csv-stringify/sync';
import { ListedAccountReader } from '../accounts/listed-account.reader.js';
import { ShortlistRepository } from '../shortlists/shortlist.repository.js';
import { normalizeTag } from '../shortlists/validate-shortlist-input.js';
import { csvNumber, csvSafeText } from './csv-safe-cell.js';

export const SHORTLIST_CSV_COLUMNS = [
  'account_id', 'platform', 'handle', 'display_name', 'followers', 'influence_score', 'top_topics', 'language', 'location',
  'contact_email', 'tags', 'note', 'added_at',
] as const;

/**
 * A shortlist as CSV (UTF-8, header line, RFC 4180 quoting by csv-stringify). Every text cell goes through
 * csvSafeText: handles, names and notes are typed by strangers and must not run as spreadsheet formulas.
 */
@Injectable()
export class ShortlistCsvService {
  constructor(
    private readonly lists: ShortlistRepository,
    private readonly accounts: ListedAccountReader,
  ) {}

  async export(brandId: BrandId, listId: string, tag?: string | null): Promise<{ filename: string; csv: string }> {
    const list = await this.lists.findOrFail(brandId, listId);
    const entries = await this.lists.allEntries(brandId, list.id, tag ? normalizeTag(tag) : null);
    const ids = entries.map((e) => e.accountId);
    const [accounts, emails] = await Promise.all([this.accounts.byIds(ids), this.lists.contactEmails(brandId, ids)]);
    const rows = entries.map((e) => {
      const a = accounts.get(e.accountId);
      return [
        csvNumber(e.accountId),
        csvSafeText(a?.platform),
        csvSafeText(a?.handle),
        csvSafeText(a?.displayName),
        csvNumber(a?.followers),
        csvNumber(a?.score),
        csvSafeText(a?.topTopics.join('; ')),
        csvSafeText(a?.language),
        csvSafeText(a?.location),
        csvSafeText(emails.get(e.accountId)),
        csvSafeText(e.tags.join('; ')),
        csvSafeText(e.note),
        new Date(e.addedAt).toISOString(),
      ];
    });
    const slug = list.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'shortlist';
    return { filename: `shortlist-${list.id}-${slug}${tag ? `-${normalizeTag(tag).replace(/[^a-z0-9]+/g, '-')}` : ''}.csv`, csv: stringify(rows, { header: true, columns: [...SHORTLIST_CSV_COLUMNS], bom: false }) };
  }
}
