import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { CAMPAIGN_COLUMNS, type CampaignFields, type CampaignRow, type CampaignStatus } from './campaign.types.js';

const COLUMN_OF: Record<keyof CampaignFields, string> = {
  name: 'name', brief: 'brief', terms: 'terms', perkKind: 'perk_kind', perkTitle: 'perk_title',
  perkDescription: 'perk_description', perkInstructions: 'perk_instructions', perkVariants: 'perk_variants',
  shipsToCountries: 'ships_to_countries', quantity: 'quantity', limitPerPerson: 'limit_per_person',
  targeting: 'targeting', startsAt: 'starts_at', endsAt: 'ends_at', claimDeadline: 'claim_deadline',
  expectedHashtags: 'expected_hashtags', expectedMentions: 'expected_mentions', expectedLink: 'expected_link',
  disclosureRequired: 'disclosure_required', openToApplications: 'open_to_applications',
};

/** Campaign rows, always read and written with the owning brand's id as $1 (the accounts isolation pattern). */
@Injectable()
export class CampaignRepository extends BrandScopedRepository {
  constructor(ds: DataSource) {
    super(ds);
  }

  /** UPDATE ... RETURNING comes back from TypeORM as [rows, count]; every caller here wants the rows. */
  private async rows(brandId: BrandId, sql: string, params: unknown[], em?: EntityManager): Promise<CampaignRow[]> {
    const r: any = await this.query(brandId, sql, params, em);
    return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? r[0] : r;
  }

  async insert(brandId: BrandId, fields: CampaignFields, em?: EntityManager): Promise<CampaignRow> {
    const keys = Object.keys(COLUMN_OF) as (keyof CampaignFields)[];
    const cols = keys.map((k) => COLUMN_OF[k]);
    const values = keys.map((k) => (k === 'targeting' ? JSON.stringify(fields[k] ?? {}) : (fields[k] ?? null)));
    const [row] = await this.rows(
      brandId,
      `INSERT INTO campaigns (brand_id, ${cols.join(', ')}) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING ${CAMPAIGN_COLUMNS}`,
      values,
      em,
    );
    return row;
  }

  async findOrFail(brandId: BrandId, id: string, em?: EntityManager, lock = false): Promise<CampaignRow> {
    if (!/^\d{1,18}$/.test(id)) throw CampaignsError.notFound('Campaign', id);
    const [row] = await this.rows(brandId, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE brand_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [id], em);
    if (!row) throw CampaignsError.notFound('Campaign', id);
    return row;
  }

  async list(brandId: BrandId, status?: CampaignStatus): Promise<CampaignRow[]> {
    return this.rows(
      brandId,
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE brand_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id DESC LIMIT 500`,
      [status ?? null],
    );
  }

  async update(brandId: BrandId, id: string, patch: Partial<CampaignFields>, em: EntityManager): Promise<CampaignRow> {
    const keys = (Object.keys(patch) as (keyof CampaignFields)[]).filter((k) => patch[k] !== undefined && COLUMN_OF[k]);
    if (!keys.length) return this.findOrFail(brandId, id, em);
    const sets = keys.map((k, i) => `${COLUMN_OF[k]} = $${i + 3}`);
    const values = keys.map((k) => (k === 'targeting' ? JSON.stringify(patch[k]) : patch[k]));
    const [row] = await this.rows(brandId, `UPDATE campaigns SET ${sets.join(', ')}, updated_at = now() WHERE brand_id = $1 AND id = $2 RETURNING ${CAMPAIGN_COLUMNS}`, [id, ...values], em);
    if (!row) throw CampaignsError.notFound('Campaign', id);
    return row;
  }

  async setStatus(brandId: BrandId, id: string, status: CampaignStatus, em: EntityManager): Promise<CampaignRow> {
    const [row] = await this.rows(brandId, `UPDATE campaigns SET status = $3, updated_at = now() WHERE brand_id = $1 AND id = $2 RETURNING ${CAMPAIGN_COLUMNS}`, [id, status], em);
    if (!row) throw CampaignsError.notFound('Campaign', id);
    return row;
  }

  async countActive(brandId: BrandId, em?: EntityManager): Promise<number> {
    const [r] = (await this.query<{ n: number }>(brandId, `SELECT count(*)::int AS n FROM campaigns WHERE brand_id = $1 AND status IN ('active', 'paused')`, [], em)) as { n: number }[];
    return r.n;
  }
}
