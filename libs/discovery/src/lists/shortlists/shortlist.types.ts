export interface ShortlistRow {
  id: string;
  name: string;
  description: string;
  entryCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShortlistEntryRow {
  shortlistId: string;
  accountId: string;
  note: string;
  tags: string[];
  addedAt: Date;
  updatedAt: Date;
  /** added_at as PostgreSQL prints it (microseconds kept), for the page cursor. */
  addedAtText: string;
}

export interface TagCount {
  tag: string;
  count: number;
}

export const SHORTLIST_COLUMNS = `s.id::text AS id, s.name, s.description, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM shortlist_entries e WHERE e.brand_id = s.brand_id AND e.shortlist_id = s.id) AS "entryCount"`;

export const ENTRY_COLUMNS = `e.shortlist_id::text AS "shortlistId", e.account_id::text AS "accountId", e.note, e.tags,
  e.added_at AS "addedAt", e.updated_at AS "updatedAt", e.added_at::text AS "addedAtText"`;
