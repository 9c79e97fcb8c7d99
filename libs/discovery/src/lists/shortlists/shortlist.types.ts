import type { As, CastAs, RowOf } from '@renown/core';

/** A shortlist as SHORTLIST_COLUMNS reads it, with its count of entries. */
export type ShortlistRow = RowOf<'shortlists', 'id' | 'name' | 'description'> & As<'shortlists', { createdAt: 'created_at'; updatedAt: 'updated_at' }> & { entryCount: number };

/** An entry as ENTRY_COLUMNS reads it; `addedAtText` is added_at as PostgreSQL prints it (microseconds kept), for the page cursor. */
export type ShortlistEntryRow = RowOf<'shortlist_entries', 'note' | 'tags'> &
  As<'shortlist_entries', { shortlistId: 'shortlist_id'; accountId: 'account_id'; addedAt: 'added_at'; updatedAt: 'updated_at' }> &
  CastAs<'shortlist_entries', { addedAtText: 'added_at' }, string>;

export interface TagCount {
  tag: string;
  count: number;
}

export const SHORTLIST_COLUMNS = `s.id::text AS id, s.name, s.description, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM shortlist_entries e WHERE e.brand_id = s.brand_id AND e.shortlist_id = s.id) AS "entryCount"`;

export const ENTRY_COLUMNS = `e.shortlist_id::text AS "shortlistId", e.account_id::text AS "accountId", e.note, e.tags,
  e.added_at AS "addedAt", e.updated_at AS "updatedAt", e.added_at::text AS "addedAtText"`;
