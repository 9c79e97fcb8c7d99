import { type DynamicModule, Module } from '@nestjs/common';
import { ApplyPageController } from './applications/apply-page.controller.js';
import { BrandScopedSql } from './brand-scoped-sql.js';
import { CampaignApplicationService } from './applications/campaign-application.service.js';
import { CampaignMetering } from './campaigns/campaign-metering.js';
import { CampaignRepository } from './campaigns/campaign.repository.js';
import { CampaignScheduleJobs } from './campaigns/campaign-schedule.jobs.js';
import { CampaignService } from './campaigns/campaign.service.js';
import { ClaimListService } from './claims/claim-list.service.js';
import { ClaimPageController } from './claims/claim-page.controller.js';
import { ClaimService } from './claims/claim.service.js';
import { UnsubscribeController } from './claims/unsubscribe.controller.js';
import { UnsubscribeService } from './claims/unsubscribe.service.js';
import { ContactService } from './contacts/contact.service.js';
import { CreatorPagesController } from './contacts/creator-pages.controller.js';
import { CreatorSignupService } from './contacts/creator-signup.service.js';
import { CampaignsResolver } from './graphql/campaigns.resolver.js';
import { CampaignReminderJobs } from './invitations/campaign-reminder.jobs.js';
import { InvitationService } from './invitations/invitation.service.js';
import { TargetingResolver } from './invitations/targeting.js';
import { CampaignMailer } from './mail/campaign-mailer.js';
import { CampaignPostLinker } from './posts/campaign-post-linker.service.js';
import { InfluencerPrivacyService } from './privacy/influencer-privacy.service.js';
import { PrivacyPagesController } from './privacy/privacy-pages.controller.js';
import { CampaignReportCsvController } from './report/campaign-report-csv.controller.js';
import { CampaignReportService } from './report/campaign-report.service.js';

const SERVICES = [
  BrandScopedSql,
  CampaignRepository, CampaignMetering, CampaignService, ContactService, CreatorSignupService, TargetingResolver, CampaignMailer,
  InvitationService, ClaimService, ClaimListService, UnsubscribeService, CampaignReportService, CampaignApplicationService,
  InfluencerPrivacyService, CampaignPostLinker,
];

/**
 * Perk campaigns. `forRoot('api')`: GraphQL, the claim/apply/unsubscribe pages and the CSV export.
 * `forRoot('worker')`: the same services plus the jobs (reminders, linking posts and disclosure checks).
 * Mail goes through MailModule's outbox (libs/core/src/mail); limits through billing when it is loaded.
 */
@Module({})
export class CampaignsModule {
  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: CampaignsModule,
      controllers: role === 'api' ? [ClaimPageController, UnsubscribeController, ApplyPageController, CreatorPagesController, PrivacyPagesController, CampaignReportCsvController] : [],
      providers: [...SERVICES, ...(role === 'api' ? [CampaignsResolver] : [CampaignReminderJobs, CampaignScheduleJobs])],
      exports: SERVICES,
    };
  }
}
