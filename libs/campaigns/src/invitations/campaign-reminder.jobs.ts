import { Injectable } from '@nestjs/common';
import { JobHandler } from '@renown/core';
import { InvitationService } from './invitation.service.js';

export const CAMPAIGN_REMINDERS_QUEUE = 'campaigns.send-reminders';

@Injectable()
export class CampaignReminderJobs {
  constructor(private readonly invitations: InvitationService) {}

  /** Hourly: one reminder before the deadline to invitees who have not answered. */
  @JobHandler(CAMPAIGN_REMINDERS_QUEUE, { cron: '7 * * * *' })
  async sendDue(): Promise<void> {
    await this.invitations.sendDueReminders();
  }
}
