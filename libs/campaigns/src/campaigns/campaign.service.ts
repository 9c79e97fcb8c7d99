import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { DataSource } from 'typeorm';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { CampaignsError } from '../campaigns-error.js';
import { parseDiscountCodesCsv, type CodeCsvProblem } from '../codes/parse-discount-codes-csv.js';
import { sqlOne } from '../sql-rows.js';
import { canTransition, reasonsEditBreaksPromise } from './campaign-edit-rules.js';
import { CampaignMetering } from './campaign-metering.js';
import { CampaignRepository } from './campaign.repository.js';
import type { CampaignFields, CampaignRow, CampaignStatus } from './campaign.types.js';

export interface CodeUploadResult {
  added: number;
  /** Lines refused: not a code, duplicated in the file, or already uploaded to this campaign. */
  problems: CodeCsvProblem[];
  totalCodes: number;
}

function normalizeTags(tags: string[] | undefined): string[] | undefined {
  return tags?.map((t) => t.trim().replace(/^[#@]/, '').toLowerCase()).filter(Boolean);
}

@Injectable()
export class CampaignService {
  constructor(
    private readonly ds: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly metering: CampaignMetering,
    private readonly scoped: BrandScopedSql,
  ) {}

  private validate(fields: Partial<CampaignFields>) {
    if (fields.quantity !== undefined && (!Number.isInteger(fields.quantity) || fields.quantity < 0)) {
      throw CampaignsError.badInput('quantity must be a whole number of units, 0 or more');
    }
    if (fields.perkKind === 'physical' && fields.perkVariants !== undefined && fields.perkVariants.some((v) => !v.trim())) {
      throw CampaignsError.badInput('variants must not be empty names');
    }
    if (fields.startsAt && fields.endsAt && fields.endsAt < fields.startsAt) {
      throw CampaignsError.badInput('the campaign must end after it starts');
    }
    if (fields.expectedLink && !/^https?:\/\//.test(fields.expectedLink)) {
      throw CampaignsError.badInput('the expected link must start with http:// or https://');
    }
  }

  async create(brandId: BrandId, fields: CampaignFields): Promise<CampaignRow> {
    const normalized = { ...fields, expectedHashtags: normalizeTags(fields.expectedHashtags) ?? [], expectedMentions: normalizeTags(fields.expectedMentions) ?? [] };
    this.validate(normalized);
    return this.campaigns.insert(brandId, normalized);
  }

  get(brandId: BrandId, id: string) {
    return this.campaigns.findOrFail(brandId, id);
  }

  list(brandId: BrandId, status?: CampaignStatus) {
    return this.campaigns.list(brandId, status);
  }

  /** Edits a campaign; once live, an edit that breaks a promise to influencers is refused with the reasons. */
  async update(brandId: BrandId, id: string, patch: Partial<CampaignFields>, now = new Date()): Promise<CampaignRow> {
    const normalized = { ...patch, expectedHashtags: normalizeTags(patch.expectedHashtags), expectedMentions: normalizeTags(patch.expectedMentions) };
    this.validate(normalized);
    return this.ds.transaction(async (em) => {
      const current = await this.campaigns.findOrFail(brandId, id, em, true);
      if (current.status === 'ended') throw CampaignsError.conflict('This campaign has ended and can no longer be edited; create a new one instead.');
      const assigned = await sqlOne<{ n: number }>(em, `SELECT count(*)::int AS n FROM campaign_codes WHERE campaign_id = $1 AND claim_id IS NOT NULL`, [id]);
      const reasons = reasonsEditBreaksPromise(current, normalized, now, assigned!.n);
      if (current.perkKind === 'code' && normalized.quantity !== undefined) {
        const codes = await sqlOne<{ n: number }>(em, `SELECT count(*)::int AS n FROM campaign_codes WHERE campaign_id = $1`, [id]);
        if (normalized.quantity > codes!.n) reasons.push(`quantity ${normalized.quantity} is more than the ${codes!.n} codes uploaded: upload more codes first`);
      }
      if (reasons.length) {
        throw CampaignsError.conflict(`This edit would break a promise already made: ${reasons.join('; ')}.`, { reasons });
      }
      const updated = await this.campaigns.update(brandId, id, normalized, em);
      if (normalized.claimDeadline !== undefined) {
        // Open links follow the campaign's deadline: extending it keeps every pending invitation claimable.
        await this.scoped.rows(brandId, `UPDATE invitations SET expires_at = $3 WHERE brand_id = $1 AND campaign_id = $2 AND status = 'pending'`, [id, updated.claimDeadline], em);
      }
      return updated;
    });
  }

  /** draft -> active -> paused <-> active -> ended. Going live is metered as an active campaign. */
  async setStatus(brandId: BrandId, id: string, status: CampaignStatus): Promise<CampaignRow> {
    return this.ds.transaction(async (em) => {
      const current = await this.campaigns.findOrFail(brandId, id, em, true);
      if (current.status === status) return current;
      if (!canTransition(current.status, status)) {
        throw CampaignsError.conflict(`A ${current.status} campaign cannot become ${status}.`, { from: current.status, to: status });
      }
      if (status === 'active') {
        if (current.claimDeadline.getTime() < Date.now()) throw CampaignsError.badInput('The claim deadline has passed: move it into the future before going live.');
        if (current.perkKind === 'code') {
          const codes = await sqlOne<{ n: number }>(em, `SELECT count(*)::int AS n FROM campaign_codes WHERE campaign_id = $1`, [id]);
          if (codes!.n < current.quantity) throw CampaignsError.badInput(`This campaign promises ${current.quantity} codes but ${codes!.n} are uploaded: upload the codes or lower the quantity.`);
        }
        if (current.status === 'draft') await this.metering.assertCanActivate(brandId, await this.campaigns.countActive(brandId, em));
      }
      return this.campaigns.setStatus(brandId, id, status, em);
    });
  }

  /** Schedule: active or paused campaigns past their end date become ended (posts are still linked for 90 days). */
  async endFinished(now = new Date()): Promise<number> {
    const rows = await this.ds.query(
      `UPDATE campaigns SET status = 'ended', updated_at = now() WHERE status IN ('active', 'paused') AND ends_at IS NOT NULL AND ends_at <= $1 RETURNING id`,
      [now],
    );
    return (rows[0] as unknown[]).length;
  }

  /**
   * Adds unique discount codes from a CSV. Bad lines and duplicates (in the file or already uploaded) are
   * reported with their line number; the good ones are added.
   */
  async uploadCodes(brandId: BrandId, id: string, csv: string): Promise<CodeUploadResult> {
    const parsed = parseDiscountCodesCsv(csv);
    return this.ds.transaction(async (em) => {
      const campaign = await this.campaigns.findOrFail(brandId, id, em, true);
      if (campaign.perkKind !== 'code') throw CampaignsError.badInput('Only a discount-code campaign takes codes; this one gives a ' + campaign.perkKind + ' perk.');
      if (campaign.status === 'ended') throw CampaignsError.conflict('This campaign has ended; codes can no longer be added.');
      const inserted: { code: string }[] = await em.query(
        `INSERT INTO campaign_codes (brand_id, campaign_id, code)
         SELECT $1, $2, c FROM unnest($3::text[]) AS c
         ON CONFLICT (campaign_id, upper(code)) DO NOTHING RETURNING code`,
        [brandId, id, parsed.codes],
      );
      const added = new Set(inserted.map((r) => r.code));
      const problems = [...parsed.problems];
      const lines = csvLineOf(csv);
      for (const code of parsed.codes) {
        if (!added.has(code)) problems.push({ line: lines.get(code) ?? 0, raw: code, reason: 'already uploaded to this campaign' });
      }
      problems.sort((a, b) => a.line - b.line);
      const total = await sqlOne<{ n: number }>(em, `SELECT count(*)::int AS n FROM campaign_codes WHERE campaign_id = $1`, [id]);
      return { added: added.size, problems, totalCodes: total!.n };
    });
  }
}

function csvLineOf(csv: string): Map<string, number> {
  const map = new Map<string, number>();
  csv.split(/\r?\n/).forEach((line, i) => {
    const first = line.split(',')[0]?.trim();
    if (first && !map.has(first)) map.set(first, i + 1);
  });
  return map;
}
