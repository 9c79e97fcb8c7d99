import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type BrandId, CurrentBrand } from '@renown/accounts';
import { CampaignApplicationService } from '../applications/campaign-application.service.js';
import { CampaignService } from '../campaigns/campaign.service.js';
import type { CampaignFields, CampaignStatus } from '../campaigns/campaign.types.js';
import { ClaimListService } from '../claims/claim-list.service.js';
import { ClaimService } from '../claims/claim.service.js';
import { ContactService } from '../contacts/contact.service.js';
import type { ConsentBasis } from '../contacts/parse-contacts-csv.js';
import { InvitationService } from '../invitations/invitation.service.js';
import { InfluencerPrivacyService } from '../privacy/influencer-privacy.service.js';
import { CampaignReportService } from '../report/campaign-report.service.js';
import { CreateCampaignInput, TargetingInput, UpdateCampaignInput } from './campaign.inputs.js';
import {
  Campaign, CampaignApplication, CampaignReport, CampaignStatusGql, Claim, CodeUploadResult, ContactImportResult,
  InfluencerContact, Invitation, InviteResult,
} from './campaign.models.js';

function toFields<T extends Partial<CreateCampaignInput>>(input: T): Partial<CampaignFields> {
  const { targeting, ...rest } = input;
  return {
    ...(rest as Partial<CampaignFields>),
    ...(targeting ? { targeting: { socialAccountIds: targeting.socialAccountIds ?? [], contactIds: targeting.contactIds ?? [], discoveryQuery: targeting.discoveryQuery ?? null, shortlistId: targeting.shortlistId ?? null } } : {}),
  };
}

const withTargeting = <T extends { targeting: any }>(c: T) => ({
  ...c,
  targeting: { socialAccountIds: c.targeting?.socialAccountIds ?? [], contactIds: c.targeting?.contactIds ?? [], discoveryQuery: c.targeting?.discoveryQuery ?? null, shortlistId: c.targeting?.shortlistId ?? null },
});

/** Every brand operation on campaigns. Each resolver: the brand from the session or API key, one service call. */
@Resolver(() => Campaign)
export class CampaignsResolver {
  constructor(
    private readonly campaignService: CampaignService,
    private readonly contacts: ContactService,
    private readonly invitations: InvitationService,
    private readonly claims: ClaimService,
    private readonly claimList: ClaimListService,
    private readonly reports: CampaignReportService,
    private readonly applications: CampaignApplicationService,
    private readonly privacy: InfluencerPrivacyService,
  ) {}

  @Query(() => [Campaign], { description: "The brand's campaigns, newest first." })
  async campaigns(@CurrentBrand() brandId: BrandId, @Args('status', { type: () => CampaignStatusGql, nullable: true }) status?: CampaignStatus) {
    return (await this.campaignService.list(brandId, status)).map(withTargeting);
  }

  @Query(() => Campaign)
  async campaign(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return withTargeting(await this.campaignService.get(brandId, id));
  }

  @Mutation(() => Campaign, { description: 'Creates a draft campaign.' })
  async createCampaign(@CurrentBrand() brandId: BrandId, @Args('input') input: CreateCampaignInput) {
    return withTargeting(await this.campaignService.create(brandId, { targeting: {}, startsAt: null, endsAt: null, expectedLink: null, ...toFields(input) } as CampaignFields));
  }

  @Mutation(() => Campaign, { description: 'Edits a campaign. Once live, an edit that would break a promise (fewer units than claimed, a deadline in the past) is refused with the reasons.' })
  async updateCampaign(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateCampaignInput) {
    return withTargeting(await this.campaignService.update(brandId, id, toFields(input)));
  }

  @Mutation(() => Campaign, { description: 'draft -> active -> paused <-> active -> ended. Going live counts against the plan\'s active campaigns.' })
  async setCampaignStatus(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string, @Args('status', { type: () => CampaignStatusGql }) status: CampaignStatus) {
    return withTargeting(await this.campaignService.setStatus(brandId, id, status));
  }

  @Mutation(() => CodeUploadResult, { description: 'Adds unique discount codes from CSV (one per line, optional "code" header). Bad lines and duplicates are reported, not added.' })
  uploadCampaignCodes(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string, @Args('csv') csv: string) {
    return this.campaignService.uploadCodes(brandId, campaignId, csv);
  }

  @Query(() => [InfluencerContact], { description: "The brand's influencer contacts (emails are visible to this brand only)." })
  influencerContacts(@CurrentBrand() brandId: BrandId) {
    return this.contacts.list(brandId);
  }

  @Mutation(() => ContactImportResult, { description: 'Imports contacts from CSV (platform, handle, email[, name, consent_basis, consent_note]); each row is matched to a social account by platform and handle.' })
  importInfluencerContacts(@CurrentBrand() brandId: BrandId, @Args('csv') csv: string, @Args('consentBasis', { nullable: true, description: 'consent | legitimate_interest | contract, for rows without their own.' }) consentBasis?: string) {
    return this.contacts.importCsv(brandId, csv, consentBasis as ConsentBasis | undefined);
  }

  @Mutation(() => Boolean, { description: 'A deletion request: removes the contact\'s email, handle and shipping addresses; counts stay. The address is suppressed for every brand.' })
  eraseInfluencerContact(@CurrentBrand() brandId: BrandId, @Args('contactId', { type: () => ID }) contactId: string) {
    return this.privacy.eraseContactForBrand(brandId, contactId);
  }

  @Mutation(() => InviteResult, { description: "Invites to an active campaign (the given targeting, or the campaign's own). Mail goes out through the outbox at the brand's sending rate." })
  inviteToCampaign(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string, @Args('targeting', { type: () => TargetingInput, nullable: true }) targeting?: TargetingInput) {
    return this.invitations.invite(brandId, campaignId, targeting ?? undefined);
  }

  @Query(() => [Invitation])
  campaignInvitations(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string) {
    return this.invitations.list(brandId, campaignId);
  }

  @Mutation(() => Invitation, { description: 'Withdraws a pending invitation; its link then shows that it was withdrawn.' })
  revokeInvitation(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return this.invitations.revoke(brandId, id);
  }

  @Query(() => [Claim])
  campaignClaims(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string) {
    return this.claimList.list(brandId, campaignId);
  }

  @Mutation(() => ID, { description: 'Fulfilment: marks a physical perk shipped; the influencer is emailed the carrier and tracking number.' })
  markClaimShipped(@CurrentBrand() brandId: BrandId, @Args('claimId', { type: () => ID }) claimId: string, @Args('carrier') carrier: string, @Args('trackingNumber') trackingNumber: string) {
    return this.claims.markShipped(brandId, claimId, carrier, trackingNumber);
  }

  @Query(() => CampaignReport, { description: 'Invited, opened, claimed, posted, engagements, reach and EMV (versioned formula), per influencer and in total.' })
  campaignReport(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string) {
    return this.reports.report(brandId, campaignId);
  }

  @Query(() => String, { description: 'The campaign report as CSV (also at GET /campaigns/:id/report.csv with the same credentials).' })
  campaignReportCsv(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string) {
    return this.reports.reportCsv(brandId, campaignId);
  }

  @Query(() => [CampaignApplication], { description: 'Applications from creators to an open campaign.' })
  campaignApplications(@CurrentBrand() brandId: BrandId, @Args('campaignId', { type: () => ID }) campaignId: string) {
    return this.applications.list(brandId, campaignId);
  }

  @Mutation(() => CampaignApplication, { description: 'Approve (sends an invitation) or decline an application.' })
  decideCampaignApplication(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string, @Args('approve') approve: boolean) {
    return this.applications.decide(brandId, id, approve);
  }
}
