import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { accountIdsForDiscoveryQuery } from '@renown/discovery/search/targeting/account-ids-for-discovery-query.js';
import type { EntityManager } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import type { CampaignTargeting } from '../campaigns/campaign.types.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';

export interface ResolvedTarget {
  contactId: string;
  email: string;
}

export interface SkippedTarget {
  ref: string;
  reason: string;
}

/**
 * Turns a targeting input into contacts the brand may mail. Explicit social accounts and contacts work
 * today; a discovery query or a shortlist (issue 5) will resolve to social account ids and then go through
 * the same path. Accounts without a contact email for this brand are reported, not silently dropped.
 */
@Injectable()
export class TargetingResolver {
  constructor(private readonly scoped: BrandScopedSql) {}

  async resolve(em: EntityManager, brandId: BrandId, targeting: CampaignTargeting): Promise<{ targets: ResolvedTarget[]; skipped: SkippedTarget[] }> {
    const accountIds = (targeting.socialAccountIds ?? []).filter((id) => /^\d{1,18}$/.test(id));
    // Discovery-query branch (discovery search): the query's best matches the brand can mail join the explicit ones.
    if (targeting.discoveryQuery) {
      const named = new Set(accountIds);
      for (const id of await accountIdsForDiscoveryQuery(em, brandId, targeting.discoveryQuery)) if (!named.has(id)) accountIds.push(id);
    }
    // Shortlist branch (discovery lists): the list's accounts join the explicit ones and take the same path.
    if (targeting.shortlistId) {
      const named = new Set(accountIds);
      for (const id of await this.shortlistAccountIds(em, brandId, targeting.shortlistId)) if (!named.has(id)) accountIds.push(id);
    }
    const contactIds = (targeting.contactIds ?? []).filter((id) => /^\d{1,18}$/.test(id));
    const skipped: SkippedTarget[] = [];
    for (const bad of [...(targeting.socialAccountIds ?? []), ...(targeting.contactIds ?? [])]) {
      if (!/^\d{1,18}$/.test(bad)) skipped.push({ ref: bad, reason: 'not an id' });
    }
    // Creators who signed up themselves and proved the targeted handle are invitable by any brand: they
    // become this brand's contact with the consent basis "self_registered".
    if (accountIds.length) {
      await em.query(
        `INSERT INTO influencer_contacts (brand_id, email, platform, handle, social_account_id, consent_basis, consent_note, source)
         SELECT DISTINCT ON (h.social_account_id) $1, s.email, h.platform, h.handle, h.social_account_id, 'self_registered',
                'signed up on Renown and proved the handle by post ' || h.proven_by_post_id, 'self_signup'
           FROM creator_handle_claims h JOIN creator_signups s ON s.id = h.signup_id AND s.email_verified_at IS NOT NULL
          WHERE h.proven_at IS NOT NULL AND h.social_account_id = ANY($2::bigint[])
            AND NOT EXISTS (SELECT 1 FROM influencer_contacts c WHERE c.brand_id = $1 AND c.social_account_id = h.social_account_id AND c.erased_at IS NULL AND c.email IS NOT NULL)
          ORDER BY h.social_account_id, h.proven_at
         ON CONFLICT (brand_id, email) WHERE email IS NOT NULL DO NOTHING`,
        [brandId, accountIds],
      );
    }
    const rows = await this.scoped.rows<{ contactId: string; email: string; socialAccountId: string | null; matched: string }>(
      brandId,
      `SELECT DISTINCT ON (c.id) c.id AS "contactId", c.email, c.social_account_id AS "socialAccountId",
              CASE WHEN c.id = ANY($3::bigint[]) THEN 'contact:' || c.id ELSE 'account:' || c.social_account_id END AS matched
         FROM influencer_contacts c
        WHERE c.brand_id = $1 AND c.erased_at IS NULL AND c.email IS NOT NULL
          AND (c.social_account_id = ANY($2::bigint[]) OR c.id = ANY($3::bigint[]))
        ORDER BY c.id`, [accountIds, contactIds], em);
    const foundAccounts = new Set(rows.map((r) => r.socialAccountId));
    const foundContacts = new Set(rows.map((r) => r.contactId));
    for (const id of accountIds) if (!foundAccounts.has(id)) skipped.push({ ref: `account:${id}`, reason: 'no contact email for this account: import one (contacts CSV) first' });
    for (const id of contactIds) if (!foundContacts.has(id)) skipped.push({ ref: `contact:${id}`, reason: 'no such contact in this brand' });
    return { targets: rows.map((r) => ({ contactId: r.contactId, email: r.email })), skipped };
  }

  /** The accounts on one of this brand's shortlists; another brand's list answers "not found", like a missing one. */
  private async shortlistAccountIds(em: EntityManager, brandId: BrandId, shortlistId: string): Promise<string[]> {
    const list = /^\d{1,18}$/.test(shortlistId)
      ? await this.scoped.one(brandId, `SELECT id FROM shortlists WHERE brand_id = $1 AND id = $2`, [shortlistId], em)
      : undefined;
    if (!list) throw CampaignsError.notFound('Shortlist', shortlistId);
    const rows = await this.scoped.rows<{ id: string }>(
      brandId,
      `SELECT account_id::text AS id FROM shortlist_entries WHERE brand_id = $1 AND shortlist_id = $2 ORDER BY added_at, account_id`,
      [shortlistId], em);
    return rows.map((r) => r.id);
  }
}
