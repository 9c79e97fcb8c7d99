import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import { DiscoveryError } from '../../discovery.error.js';
import { ENTRY_COLUMNS, SHORTLIST_COLUMNS, type ShortlistEntryRow, type ShortlistRow, type TagCount } from './shortlist.types.js';
import { isInternalId, MAX_ENTRIES_PER_LIST } from './validate-shortlist-input.js';

const UNIQUE_VIOLATION = '23505';

/** Shortlists and their entries, always with the owning brand's id as $1 (the accounts isolation pattern). */
@Injectable()
export class ShortlistRepository extends BrandScopedRepository {
  constructor(ds: DataSource) {
    super(ds);
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async list(brandId: BrandId, containingAccountId?: string): Promise<ShortlistRow[]> {
    if (containingAccountId !== undefined && !isInternalId(containingAccountId)) return [];
    return this.query<ShortlistRow>(
      brandId,
      `SELECT ${SHORTLIST_COLUMNS} FROM shortlists s
        WHERE s.brand_id = $1
          AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM shortlist_entries x WHERE x.brand_id = $1 AND x.shortlist_id = s.id AND x.account_id = $2))
        ORDER BY s.updated_at DESC, s.id DESC LIMIT 500`,
      [containingAccountId ?? null],
    );
  }

  async findOrFail(brandId: BrandId, id: string, em?: EntityManager, lock = false): Promise<ShortlistRow> {
    if (!isInternalId(id)) throw DiscoveryError.notFound('Shortlist', id);
    const row = await this.queryOne<ShortlistRow>(brandId, `SELECT ${SHORTLIST_COLUMNS} FROM shortlists s WHERE s.brand_id = $1 AND s.id = $2${lock ? ' FOR UPDATE' : ''}`, [id], em);
    if (!row) throw DiscoveryError.notFound('Shortlist', id);
    return row;
  }

  async insert(brandId: BrandId, name: string, description: string): Promise<ShortlistRow> {
    const [created] = await this.query<{ id: string }>(
      brandId,
      `INSERT INTO shortlists (brand_id, name, description) VALUES ($1, $2, $3) ON CONFLICT (brand_id, lower(name)) DO NOTHING RETURNING id::text AS id`,
      [name, description],
    );
    if (!created) throw this.nameTaken(name);
    return this.findOrFail(brandId, created.id);
  }

  async update(brandId: BrandId, id: string, patch: { name?: string; description?: string }): Promise<ShortlistRow> {
    await this.findOrFail(brandId, id);
    if (patch.name !== undefined) {
      const [taken] = await this.query(brandId, `SELECT 1 FROM shortlists WHERE brand_id = $1 AND lower(name) = lower($2) AND id <> $3`, [patch.name, id]);
      if (taken) throw this.nameTaken(patch.name);
    }
    try {
      await this.query(
        brandId,
        `UPDATE shortlists SET name = coalesce($3, name), description = coalesce($4, description), updated_at = now() WHERE brand_id = $1 AND id = $2`,
        [id, patch.name ?? null, patch.description ?? null],
      );
    } catch (err) {
      // Two renames to the same name at the same moment: the unique index decides.
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) throw this.nameTaken(patch.name ?? '');
      throw err;
    }
    return this.findOrFail(brandId, id);
  }

  async delete(brandId: BrandId, id: string): Promise<void> {
    if (!isInternalId(id)) throw DiscoveryError.notFound('Shortlist', id);
    const rows = await this.query(brandId, `DELETE FROM shortlists WHERE brand_id = $1 AND id = $2 RETURNING id`, [id]);
    if (!rows.length) throw DiscoveryError.notFound('Shortlist', id);
  }

  /**
   * Adds accounts in one statement: unknown account ids are reported, accounts already on the list keep
   * their note and tags. The list row is locked so two concurrent adds cannot both pass the size limit.
   */
  async addEntries(brandId: BrandId, listId: string, accountIds: string[], note: string, tags: string[]) {
    return this.transaction(async (em) => {
      await this.findOrFail(brandId, listId, em, true);
      const rows = await this.query<{ id: string; known: boolean; inserted: boolean }>(
        brandId,
        `WITH req AS (SELECT DISTINCT unnest($3::bigint[]) AS id),
              known AS (SELECT a.id FROM social_accounts a JOIN req ON a.id = req.id),
              ins AS (
                INSERT INTO shortlist_entries (brand_id, shortlist_id, account_id, note, tags)
                SELECT $1, $2, known.id, $4, $5::text[] FROM known
                ON CONFLICT (shortlist_id, account_id) DO NOTHING
                RETURNING account_id)
         SELECT req.id::text AS id, known.id IS NOT NULL AS known, ins.account_id IS NOT NULL AS inserted
           FROM req LEFT JOIN known ON known.id = req.id LEFT JOIN ins ON ins.account_id = req.id`,
        [listId, accountIds, note, tags],
        em,
      );
      const added = rows.filter((r) => r.inserted).length;
      if (added > 0) {
        const [{ n }] = await this.query<{ n: number }>(brandId, `SELECT count(*)::int AS n FROM shortlist_entries WHERE brand_id = $1 AND shortlist_id = $2`, [listId], em);
        if (n > MAX_ENTRIES_PER_LIST) {
          throw DiscoveryError.badInput(`A shortlist holds at most ${MAX_ENTRIES_PER_LIST} accounts; this would make ${n}. Start a second list or remove some.`, { maxEntries: MAX_ENTRIES_PER_LIST });
        }
        await this.query(brandId, `UPDATE shortlists SET updated_at = now() WHERE brand_id = $1 AND id = $2`, [listId], em);
      }
      return {
        added,
        alreadyOnList: rows.filter((r) => r.known && !r.inserted).length,
        unknownAccountIds: rows.filter((r) => !r.known).map((r) => r.id),
      };
    });
  }

  async removeEntries(brandId: BrandId, listId: string, accountIds: string[]): Promise<number> {
    return this.transaction(async (em) => {
      await this.findOrFail(brandId, listId, em, true);
      const rows = await this.query(brandId, `DELETE FROM shortlist_entries WHERE brand_id = $1 AND shortlist_id = $2 AND account_id = ANY($3::bigint[]) RETURNING account_id`, [listId, accountIds], em);
      if (rows.length) await this.query(brandId, `UPDATE shortlists SET updated_at = now() WHERE brand_id = $1 AND id = $2`, [listId], em);
      return rows.length;
    });
  }

  async updateEntry(brandId: BrandId, listId: string, accountId: string, patch: { note?: string; tags?: string[] }): Promise<ShortlistEntryRow> {
    await this.findOrFail(brandId, listId);
    const [row] = isInternalId(accountId)
      ? await this.query<ShortlistEntryRow>(
          brandId,
          `UPDATE shortlist_entries e SET note = coalesce($4, note), tags = coalesce($5::text[], tags), updated_at = now()
            WHERE e.brand_id = $1 AND e.shortlist_id = $2 AND e.account_id = $3 RETURNING ${ENTRY_COLUMNS}`,
          [listId, accountId, patch.note ?? null, patch.tags ?? null],
        )
      : [];
    if (!row) throw DiscoveryError.notFound(`Account ${accountId} on shortlist`, listId);
    return row;
  }

  /** One page in the order entries were added; `after` is the last row of the previous page. */
  async entriesPage(brandId: BrandId, listId: string, opts: { tag: string | null; first: number; after: { addedAt: string; accountId: string } | null }) {
    const rows = await this.query<ShortlistEntryRow>(
      brandId,
      `SELECT ${ENTRY_COLUMNS} FROM shortlist_entries e
        WHERE e.brand_id = $1 AND e.shortlist_id = $2 AND ($3::text IS NULL OR $3 = ANY(e.tags))
          AND ($4::timestamptz IS NULL OR (e.added_at, e.account_id) > ($4::timestamptz, $5::bigint))
        ORDER BY e.added_at, e.account_id LIMIT $6`,
      [listId, opts.tag, opts.after?.addedAt ?? null, opts.after?.accountId ?? null, opts.first + 1],
    );
    const [{ n }] = await this.query<{ n: number }>(
      brandId,
      `SELECT count(*)::int AS n FROM shortlist_entries e WHERE e.brand_id = $1 AND e.shortlist_id = $2 AND ($3::text IS NULL OR $3 = ANY(e.tags))`,
      [listId, opts.tag],
    );
    return { rows: rows.slice(0, opts.first), hasNextPage: rows.length > opts.first, totalCount: n };
  }

  /** Accounts on one list and the persons behind them (throws NOT_FOUND for another brand's list, like a missing one). */
  async membersOrFail(brandId: BrandId, listId: string): Promise<{ accountIds: string[]; personIds: string[] }> {
    await this.findOrFail(brandId, listId);
    const rows = await this.query<{ id: string; personId: string | null }>(
      brandId,
      `SELECT e.account_id::text AS id, a.person_id::text AS "personId"
         FROM shortlist_entries e JOIN social_accounts a ON a.id = e.account_id
        WHERE e.brand_id = $1 AND e.shortlist_id = $2`,
      [listId],
    );
    return { accountIds: rows.map((r) => r.id), personIds: rows.flatMap((r) => (r.personId ? [r.personId] : [])) };
  }

  /** Every entry (at most MAX_ENTRIES_PER_LIST), for the CSV export. */
  async allEntries(brandId: BrandId, listId: string, tag: string | null): Promise<ShortlistEntryRow[]> {
    return this.query<ShortlistEntryRow>(
      brandId,
      `SELECT ${ENTRY_COLUMNS} FROM shortlist_entries e
        WHERE e.brand_id = $1 AND e.shortlist_id = $2 AND ($3::text IS NULL OR $3 = ANY(e.tags))
        ORDER BY e.added_at, e.account_id`,
      [listId, tag],
    );
  }

  async tagCounts(brandId: BrandId, listIds: string[]): Promise<Map<string, TagCount[]>> {
    const rows = await this.query<{ listId: string; tag: string; count: number }>(
      brandId,
      `SELECT e.shortlist_id::text AS "listId", t.tag, count(*)::int AS count
         FROM shortlist_entries e CROSS JOIN LATERAL unnest(e.tags) AS t(tag)
        WHERE e.brand_id = $1 AND e.shortlist_id = ANY($2::bigint[])
        GROUP BY 1, 2 ORDER BY 1, count DESC, t.tag`,
      [listIds],
    );
    const out = new Map<string, TagCount[]>(listIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.listId)?.push({ tag: r.tag, count: r.count });
    return out;
  }

  /** The brand's own contact email per account (campaigns' influencer_contacts), for the export. */
  async contactEmails(brandId: BrandId, accountIds: string[]): Promise<Map<string, string>> {
    const rows = await this.query<{ accountId: string; email: string }>(
      brandId,
      `SELECT DISTINCT ON (c.social_account_id) c.social_account_id::text AS "accountId", c.email
         FROM influencer_contacts c
        WHERE c.brand_id = $1 AND c.social_account_id = ANY($2::bigint[]) AND c.erased_at IS NULL AND c.email IS NOT NULL
        ORDER BY c.social_account_id, c.id`,
      [accountIds],
    );
    return new Map(rows.map((r) => [r.accountId, r.email]));
  }

  private nameTaken(name: string) {
    return DiscoveryError.conflict(`You already have a shortlist named "${name}": pick another name or add to that list.`, { name });
  }
}
