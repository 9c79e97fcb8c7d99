import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CampaignsError } from '../campaigns-error.js';
import { CampaignApplicationService } from './campaign-application.service.js';
import { renderApplyClosed, renderApplyDone, renderApplyPage } from './render-apply-page.js';

/** Public page of an open campaign: creators who were not invited apply here (no account, no JavaScript). */
@Controller('apply')
export class ApplyPageController {
  constructor(private readonly applications: CampaignApplicationService) {}

  @Get(':campaignId')
  async show(@Param('campaignId') campaignId: string, @Res() res: Response) {
    const c = await this.applications.publicCampaign(campaignId);
    if (!c) return res.status(404).type('html').send(renderApplyClosed());
    return res.status(200).type('html').send(renderApplyPage(c));
  }

  @Post(':campaignId')
  async submit(@Param('campaignId') campaignId: string, @Body() body: Record<string, string>, @Res() res: Response) {
    const c = await this.applications.publicCampaign(campaignId);
    if (!c) return res.status(404).type('html').send(renderApplyClosed());
    try {
      const r = await this.applications.apply(campaignId, { email: body?.email ?? '', platform: body?.platform ?? '', handle: body?.handle ?? '', pitch: body?.pitch ?? '' });
      return res.status(r === 'received' ? 201 : 200).type('html').send(renderApplyDone(c, r === 'already'));
    } catch (err) {
      if (err instanceof CampaignsError && err.code === 'BAD_USER_INPUT') {
        return res.status(400).type('html').send(renderApplyPage(c, { values: body, fieldErrors: err.details.fields as Record<string, string>, message: err.message }));
      }
      throw err;
    }
  }
}
