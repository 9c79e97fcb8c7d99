/**
 * @renown/campaigns: perk campaigns. Brands create a campaign (physical product, unique codes or a digital
 * perk), invite influencers by email (through the shared mail outbox), influencers claim by link without
 * an account, posts are linked and checked for disclosure, and the report measures what the perk earned.
 */
export { CampaignsModule } from './campaigns.module.js';
export { CampaignsError } from './campaigns-error.js';
export { CampaignService } from './campaigns/campaign.service.js';
export type { CampaignFields, CampaignRow, CampaignStatus, CampaignTargeting, PerkKind } from './campaigns/campaign.types.js';
export { ContactService } from './contacts/contact.service.js';
export { InvitationService } from './invitations/invitation.service.js';
export { ClaimService } from './claims/claim.service.js';
export { CampaignPostLinker, LINK_CAMPAIGN_POSTS_QUEUE } from './posts/campaign-post-linker.service.js';
export { CAMPAIGN_REMINDERS_QUEUE } from './invitations/campaign-reminder.jobs.js';
export { CampaignReportService } from './report/campaign-report.service.js';
export { earnedMediaValue, EMV_FORMULA_VERSION } from './report/earned-media-value.js';
export { checkDisclosure } from './posts/check-disclosure.js';
export { InfluencerPrivacyService } from './privacy/influencer-privacy.service.js';
export { seedDemoCampaign } from './demo/seed-demo-campaign.js';
