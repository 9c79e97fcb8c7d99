import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum PerkKindGql {
  physical = 'physical',
  code = 'code',
  digital = 'digital',
}
registerEnumType(PerkKindGql, { name: 'PerkKind', description: 'physical: a product shipped (variants, address); code: a unique discount code per claimer; digital: a digital perk or experience with instructions.' });

export enum CampaignStatusGql {
  draft = 'draft',
  active = 'active',
  paused = 'paused',
  ended = 'ended',
}
registerEnumType(CampaignStatusGql, { name: 'CampaignStatus' });

@ObjectType()
export class CampaignTargeting {
  @Field(() => [ID]) socialAccountIds: string[];
  @Field(() => [ID]) contactIds: string[];
  @Field(() => String, { nullable: true, description: 'A discovery search (e.g. "fitness creators with 10k-100k followers"): its best 200 matches the brand has a contact email for are invited.' }) discoveryQuery: string | null;
  @Field(() => ID, { nullable: true, description: 'A shortlist of this brand: its accounts are invited (those with a contact email).' }) shortlistId: string | null;
}

@ObjectType({ description: 'A perk campaign, owned by one brand.' })
export class Campaign {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() brief: string;
  @Field() terms: string;
  @Field(() => PerkKindGql) perkKind: string;
  @Field() perkTitle: string;
  @Field() perkDescription: string;
  @Field() perkInstructions: string;
  @Field(() => [String]) perkVariants: string[];
  @Field(() => [String], { description: 'ISO country codes a physical perk ships to (empty: anywhere).' }) shipsToCountries: string[];
  @Field(() => Int) quantity: number;
  @Field(() => Int) claimedCount: number;
  @Field(() => Int) limitPerPerson: number;
  @Field(() => CampaignTargeting) targeting: CampaignTargeting;
  @Field(() => CampaignStatusGql) status: string;
  @Field(() => Date, { nullable: true }) startsAt: Date | null;
  @Field(() => Date, { nullable: true }) endsAt: Date | null;
  @Field() claimDeadline: Date;
  @Field(() => [String], { description: 'Lower-case, without #.' }) expectedHashtags: string[];
  @Field(() => [String], { description: 'Handles, lower-case, without @.' }) expectedMentions: string[];
  @Field(() => String, { nullable: true }) expectedLink: string | null;
  @Field() disclosureRequired: boolean;
  @Field({ description: 'Creators who were not invited can apply on the public page /apply/:id.' }) openToApplications: boolean;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType()
export class CsvLineProblem {
  @Field(() => Int) line: number;
  @Field() reason: string;
  @Field(() => String, { nullable: true }) raw?: string | null;
}

@ObjectType()
export class CodeUploadResult {
  @Field(() => Int) added: number;
  @Field(() => Int) totalCodes: number;
  @Field(() => [CsvLineProblem]) problems: CsvLineProblem[];
}

@ObjectType()
export class InfluencerContact {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) platform: string | null;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => ID, { nullable: true, description: 'The social account matched by platform and handle (null until ingested).' }) socialAccountId: string | null;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field() consentBasis: string;
  @Field() source: string;
  @Field() createdAt: Date;
}

@ObjectType()
export class ContactImportResult {
  @Field(() => Int) imported: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unmatched: number;
  @Field(() => [CsvLineProblem]) problems: CsvLineProblem[];
}

@ObjectType()
export class SkippedTarget {
  @Field() ref: string;
  @Field() reason: string;
}

@ObjectType()
export class InviteResult {
  @Field(() => Int) invited: number;
  @Field(() => [ID]) invitationIds: string[];
  @Field(() => [SkippedTarget]) skipped: SkippedTarget[];
}

@ObjectType()
export class Invitation {
  @Field(() => ID) id: string;
  @Field(() => ID) campaignId: string;
  @Field(() => ID) contactId: string;
  @Field() status: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) handle?: string | null;
  @Field() expiresAt: Date;
  @Field(() => Date, { nullable: true }) openedAt: Date | null;
  @Field(() => Date, { nullable: true }) usedAt: Date | null;
  @Field(() => Date, { nullable: true }) remindedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType()
export class ShippingAddress {
  @Field() name: string;
  @Field() line1: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field() city: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field() postalCode: string;
  @Field() country: string;
}

@ObjectType({ description: 'A claim, as seen by the brand holding it (the only one who sees the email and address).' })
export class Claim {
  @Field(() => ID) id: string;
  @Field(() => ID) campaignId: string;
  @Field(() => ID) invitationId: string;
  @Field() status: string;
  @Field(() => String, { nullable: true }) variant: string | null;
  @Field(() => String, { nullable: true }) code: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) platform: string | null;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => ShippingAddress, { nullable: true }) shippingAddress: ShippingAddress | null;
  @Field(() => String, { nullable: true }) carrier: string | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => Date, { nullable: true }) shippedAt: Date | null;
  @Field({ description: 'True after a deletion request: personal data is gone, the claim still counts.' }) erased: boolean;
  @Field() createdAt: Date;
}

@ObjectType()
export class InfluencerReportLine {
  @Field(() => ID) invitationId: string;
  @Field(() => String, { nullable: true }) platform: string | null;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field() status: string;
  @Field() openedLink: boolean;
  @Field() claimed: boolean;
  @Field(() => Int) posts: number;
  @Field(() => Int) disclosedPosts: number;
  @Field(() => Float, { description: 'Whole number; Float because totals can pass 2^31.' }) engagements: number;
  @Field(() => Float, { description: 'Whole number; Float because totals can pass 2^31.' }) reach: number;
  @Field(() => Float, { description: 'Earned media value in US cents, a whole number (see formulaVersion).' }) emvCents: number;
}

@ObjectType()
export class CampaignReport {
  @Field(() => ID) campaignId: string;
  @Field({ description: 'The EMV formula used, e.g. emv-v1 (documented in the README).' }) formulaVersion: string;
  @Field(() => Int) invited: number;
  @Field(() => Int) openedLink: number;
  @Field(() => Int) claimed: number;
  @Field(() => Int) declined: number;
  @Field(() => Int, { description: 'Claimers with at least one linked post.' }) posted: number;
  @Field(() => Int) posts: number;
  @Field(() => Int) disclosedPosts: number;
  @Field(() => Float, { description: 'Whole number; Float because totals can pass 2^31.' }) engagements: number;
  @Field(() => Float, { description: 'Whole number; Float because totals can pass 2^31.' }) reach: number;
  @Field(() => Float, { description: 'Earned media value in US cents, a whole number (see formulaVersion).' }) emvCents: number;
  @Field(() => [InfluencerReportLine]) influencers: InfluencerReportLine[];
}

@ObjectType()
export class CampaignApplication {
  @Field(() => ID) id: string;
  @Field(() => ID) campaignId: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field() platform: string;
  @Field() handle: string;
  @Field(() => ID, { nullable: true }) socialAccountId: string | null;
  @Field() pitch: string;
  @Field() status: string;
  @Field(() => ID, { nullable: true }) invitationId: string | null;
  @Field() createdAt: Date;
}
