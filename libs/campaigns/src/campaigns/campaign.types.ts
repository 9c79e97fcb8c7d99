import type { BrandId } from '@renown/accounts';
import type { As, Narrow, RowOf } from '@renown/core';

export type PerkKind = 'physical' | 'code' | 'digital';
export type CampaignStatus = 'draft' | 'active' | 'paused' | 'ended';

/**
 * Who a campaign is for. Today a brand names social accounts or contacts explicitly (or uploads a CSV of
 * contacts); a discovery query or a shortlist plugs in here later as another source, resolved to accounts
 * by a TargetingResolver (see invitations/targeting.ts).
 */
export interface CampaignTargeting {
  socialAccountIds?: string[];
  contactIds?: string[];
  discoveryQuery?: string | null;
  shortlistId?: string | null;
}

/** A campaign as CAMPAIGN_COLUMNS reads it (camelCase aliases of the campaigns table's columns). */
export type CampaignRow = Narrow<
  RowOf<'campaigns', 'id' | 'name' | 'brief' | 'terms' | 'quantity' | 'targeting' | 'status'> &
    As<
      'campaigns',
      {
        brandId: 'brand_id';
        perkKind: 'perk_kind';
        perkTitle: 'perk_title';
        perkDescription: 'perk_description';
        perkInstructions: 'perk_instructions';
        perkVariants: 'perk_variants';
        shipsToCountries: 'ships_to_countries';
        claimedCount: 'claimed_count';
        limitPerPerson: 'limit_per_person';
        startsAt: 'starts_at';
        endsAt: 'ends_at';
        claimDeadline: 'claim_deadline';
        expectedHashtags: 'expected_hashtags';
        expectedMentions: 'expected_mentions';
        expectedLink: 'expected_link';
        disclosureRequired: 'disclosure_required';
        openToApplications: 'open_to_applications';
        createdAt: 'created_at';
        updatedAt: 'updated_at';
      }
    >,
  { brandId: BrandId; perkKind: PerkKind; targeting: CampaignTargeting; status: CampaignStatus }
>;

export const CAMPAIGN_COLUMNS = `
  id, brand_id AS "brandId", name, brief, terms, perk_kind AS "perkKind", perk_title AS "perkTitle",
  perk_description AS "perkDescription", perk_instructions AS "perkInstructions", perk_variants AS "perkVariants",
  ships_to_countries AS "shipsToCountries", quantity, claimed_count AS "claimedCount", limit_per_person AS "limitPerPerson",
  targeting, status, starts_at AS "startsAt", ends_at AS "endsAt", claim_deadline AS "claimDeadline",
  expected_hashtags AS "expectedHashtags", expected_mentions AS "expectedMentions", expected_link AS "expectedLink",
  disclosure_required AS "disclosureRequired", open_to_applications AS "openToApplications",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The editable fields of a campaign (create takes all required ones; update any subset). */
export interface CampaignFields {
  name: string;
  brief: string;
  terms: string;
  perkKind: PerkKind;
  perkTitle: string;
  perkDescription: string;
  perkInstructions: string;
  perkVariants: string[];
  shipsToCountries: string[];
  quantity: number;
  limitPerPerson: number;
  targeting: CampaignTargeting;
  startsAt: Date | null;
  endsAt: Date | null;
  claimDeadline: Date;
  expectedHashtags: string[];
  expectedMentions: string[];
  expectedLink: string | null;
  disclosureRequired: boolean;
  openToApplications: boolean;
}
