import { Injectable } from '@nestjs/common';
import { JobHandler, logger } from '@renown/core';
import { CampaignService } from './campaign.service.js';

export const END_FINISHED_CAMPAIGNS_QUEUE = 'campaigns.end-finished';

@Injectable()
export class CampaignScheduleJobs {
  constructor(private readonly campaigns: CampaignService) {}

  @JobHandler(END_FINISHED_CAMPAIGNS_QUEUE, { cron: '*/10 * * * *' })
  async endFinished(): Promise<void> {
    const ended = await this.campaigns.endFinished();
    if (ended) logger.info({ ended }, 'campaigns past their end date ended');
  }
}
