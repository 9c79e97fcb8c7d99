import { type As, type ColumnOf, dataSourceOptions, type Narrow, type Nullable, type RowOf, type TableRow } from '@renown/core';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/test-database.js';

/**
 * SQL row types come from the generated table types (libs/core/src/database/schema.generated.ts), so a row type
 * that does not match the schema fails `npm run typecheck` (which compiles this file): each `@ts-expect-error`
 * below is a mismatch the compiler must refuse, and an unused one fails the check too.
 */

// A column the table lacks.
// @ts-expect-error brands has no column "title"
export type NoSuchColumn = RowOf<'brands', 'id' | 'title'>;

// A table that does not exist.
// @ts-expect-error there is no table "brand"
export type NoSuchTable = RowOf<'brand', 'id'>;

// A wrong type: social_accounts.followers_count is bigint, which node-postgres returns as a string (or null).
// @ts-expect-error followers_count is string | null, not number
export const wrongType: RowOf<'social_accounts', 'followers_count'> = { followers_count: 12 };

// A nullable column taken as never null.
// @ts-expect-error social_accounts.handle may be null
export const notNull: { handle: string } = {} as RowOf<'social_accounts', 'handle'>;

// A renamed column that names a column the table lacks.
// @ts-expect-error users has no column "full_name"
export type BadAlias = As<'users', { creator_name: 'full_name' }>;

// Narrowing a text column to a type it cannot hold.
// @ts-expect-error memberships.role is text: a number does not fit
export type BadNarrow = Narrow<RowOf<'memberships', 'role'>, { role: number }>;

// What does fit compiles.
export const fits: RowOf<'brands', 'id' | 'name' | 'created_at'> & Nullable<As<'users', { creator_name: 'name' }>> = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'Acme',
  created_at: new Date(),
  creator_name: null,
};

describe('SQL row types', () => {
  it('match what the driver returns for the schema: bigint and numeric as strings, dates and timestamps as Date, json parsed', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    try {
      const [account]: Array<RowOf<'social_accounts', 'id' | 'followers_count' | 'first_seen_at' | 'details' | 'links'>> = await ds.query(
        `INSERT INTO social_accounts (platform, external_id, handle, followers_count, details, links)
         VALUES ('twitter', 'row-types-1', 'row_types', 12, '{"a": 1}', ARRAY['https://example.org'])
         RETURNING id, followers_count, first_seen_at, details, links`,
      );
      expect(typeof account.id).toBe('string');
      expect(account.followers_count).toBe('12');
      expect(account.first_seen_at).toBeInstanceOf(Date);
      expect(account.details).toEqual({ a: 1 });
      expect(account.links).toEqual(['https://example.org']);

      const [crawl]: Array<RowOf<'crawls', 'id' | 'max_hours' | 'requests'>> = await ds.query(
        `INSERT INTO crawls (network, origin, terms, topic_slugs, max_hours) VALUES ('bluesky', 'cli', '{cars}', '{}', 1.5) RETURNING id, max_hours, requests`,
      );
      expect(crawl.max_hours).toBe('1.5');
      expect(typeof crawl.requests).toBe('string');

      const [day]: Array<{ day: ColumnOf<'account_score_snapshots', 'day'> }> = await ds.query(`SELECT DATE '2026-01-02' AS day`);
      expect(day.day).toBeInstanceOf(Date);
      const row: TableRow<'brands'> | undefined = undefined;
      expect(row).toBeUndefined();
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
