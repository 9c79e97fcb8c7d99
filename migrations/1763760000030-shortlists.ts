import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Shortlists: a brand's named lists of social accounts, each entry with a note and tags. Brand-owned (the
 * accounts isolation pattern): every row carries brand_id and every index starts with it or with a
 * brand-owned key. Entries reference their list by (brand_id, shortlist_id), so an entry can never point at
 * another brand's list even through a bug. A deleted social account leaves every list it was on.
 */
export class Shortlists1763760000030 implements MigrationInterface {
  name = 'Shortlists1763760000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shortlists (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shortlists_brand_id_id_key UNIQUE (brand_id, id)
      )`);
    // One list per name and brand, whatever the case ("Q3 EV" and "q3 ev" are the same list to a person).
    await q.query(`CREATE UNIQUE INDEX shortlists_brand_name_idx ON shortlists (brand_id, lower(name))`);

    await q.query(`
      CREATE TABLE shortlist_entries (
        brand_id uuid NOT NULL,
        shortlist_id bigint NOT NULL,
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        added_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shortlist_id, account_id),
        CONSTRAINT shortlist_entries_list_fk FOREIGN KEY (brand_id, shortlist_id) REFERENCES shortlists (brand_id, id) ON DELETE CASCADE
      )`);
    // Pages of a list in the order entries were added (a stable cursor: added_at, account_id).
    await q.query(`CREATE INDEX shortlist_entries_page_idx ON shortlist_entries (brand_id, shortlist_id, added_at, account_id)`);
    // "Which of our lists is this account on?" (search results and profiles show it).
    await q.query(`CREATE INDEX shortlist_entries_account_idx ON shortlist_entries (brand_id, account_id)`);
    // The social account's own cascade must not scan the table.
    await q.query(`CREATE INDEX shortlist_entries_account_fk_idx ON shortlist_entries (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shortlist_entries`);
    await q.query(`DROP TABLE shortlists`);
  }
}
