import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import type { As, RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { sqlOne } from '../sql-rows.js';
import { type ConsentBasis, parseContactsCsv } from './parse-contacts-csv.js';

/** An influencer contact as CONTACT_COLUMNS reads it. */
export type ContactRow = RowOf<'influencer_contacts', 'id' | 'email' | 'platform' | 'handle' | 'source'> &
  As<'influencer_contacts', { brandId: 'brand_id'; socialAccountId: 'social_account_id'; displayName: 'display_name'; consentBasis: 'consent_basis'; createdAt: 'created_at' }>;

export const CONTACT_COLUMNS = `id, brand_id AS "brandId", email, platform, handle, social_account_id AS "socialAccountId",
  display_name AS "displayName", consent_basis AS "consentBasis", source, created_at AS "createdAt"`;

export interface ContactImportResult {
  imported: number;
  updated: number;
  /** Rows whose platform+handle matched no known social account (kept; they match once ingested). */
  unmatched: number;
  problems: { line: number; reason: string }[];
}

@Injectable()
export class ContactService {
  constructor(
    private readonly ds: DataSource,
    private readonly scoped: BrandScopedSql,
  ) {}

  /** Imports a brand's contact CSV; each row is mapped to a social account by platform and handle. */
  async importCsv(brandId: BrandId, csv: string, defaultBasis?: ConsentBasis): Promise<ContactImportResult> {
    const parsed = parseContactsCsv(csv, defaultBasis);
    let imported = 0;
    let updated = 0;
    let unmatched = 0;
    await this.ds.transaction(async (em) => {
      for (const row of parsed.rows) {
        const account = await sqlOne<{ id: string; display_name: string | null }>(
          em,
          `SELECT id, display_name FROM social_accounts WHERE platform = $1 AND lower(handle) = lower($2) ORDER BY is_stub, id LIMIT 1`,
          [row.platform, row.handle],
        );
        if (!account) unmatched++;
        const res = await this.scoped.one<{ inserted: boolean }>(
          brandId,
          `INSERT INTO influencer_contacts (brand_id, email, platform, handle, social_account_id, display_name, consent_basis, consent_note, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'brand_csv')
           ON CONFLICT (brand_id, email) WHERE email IS NOT NULL DO UPDATE SET
             platform = EXCLUDED.platform, handle = EXCLUDED.handle, social_account_id = EXCLUDED.social_account_id,
             display_name = COALESCE(EXCLUDED.display_name, influencer_contacts.display_name),
             consent_basis = EXCLUDED.consent_basis, consent_note = EXCLUDED.consent_note, erased_at = NULL
           RETURNING (xmax = 0) AS inserted`, [row.email, row.platform, row.handle, account?.id ?? null, row.name ?? account?.display_name ?? null, row.consentBasis, row.consentNote], em);
        if (res!.inserted) imported++;
        else updated++;
      }
    });
    return { imported, updated, unmatched, problems: parsed.problems };
  }

  async list(brandId: BrandId): Promise<ContactRow[]> {
    return this.scoped.rows<ContactRow>(brandId, `SELECT ${CONTACT_COLUMNS} FROM influencer_contacts WHERE brand_id = $1 AND erased_at IS NULL ORDER BY id LIMIT 5000`, []);
  }

  async findOrFail(brandId: BrandId, id: string): Promise<ContactRow> {
    if (!/^\d{1,18}$/.test(id)) throw CampaignsError.notFound('Contact', id);
    const row = await this.scoped.one<ContactRow>(brandId, `SELECT ${CONTACT_COLUMNS} FROM influencer_contacts WHERE brand_id = $1 AND id = $2`, [id]);
    if (!row) throw CampaignsError.notFound('Contact', id);
    return row;
  }
}
