import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CampaignsError } from '../campaigns-error.js';
import { ClaimRefused, ClaimService } from './claim.service.js';
import { renderClaimForm, renderClaimSuccess, renderDeclined, renderLinkState } from './render-claim-page.js';

/**
 * GET/POST /claim/:token: the influencer's side, no account and no JavaScript. The controller only maps
 * HTTP to ClaimService and picks the page; every rule lives in the service.
 */
@Controller('claim')
export class ClaimPageController {
  constructor(private readonly claims: ClaimService) {}

  @Get(':token')
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string, @Res() res: Response) {
    const view = await this.claims.open(token);
    if (view.state === 'valid') return res.status(200).type('html').send(renderClaimForm(token, view));
    const page = renderLinkState(view);
    return res.status(page.status).type('html').send(page.html);
  }

  @Post(':token')
  @Header('Cache-Control', 'no-store')
  async submit(@Param('token') token: string, @Body() body: Record<string, string>, @Res() res: Response) {
    try {
      if (body?.action === 'decline') {
        const view = await this.claims.decline(token);
        return res.status(200).type('html').send(renderDeclined(view));
      }
      const outcome = await this.claims.accept(token, {
        variant: body?.variant ?? null,
        address: { name: body?.name, line1: body?.line1, line2: body?.line2, city: body?.city, region: body?.region, postalCode: body?.postalCode, country: body?.country },
      });
      return res.status(outcome.created ? 201 : 200).type('html').send(renderClaimSuccess(outcome.view, outcome));
    } catch (err) {
      if (err instanceof ClaimRefused) {
        const view = await this.claims.open(token);
        const page = renderLinkState({ ...view, state: view.state === 'valid' ? err.state : view.state });
        return res.status(page.status).type('html').send(page.html);
      }
      if (err instanceof CampaignsError && err.code === 'BAD_USER_INPUT') {
        const view = await this.claims.open(token);
        if (view.state !== 'valid') {
          const page = renderLinkState(view);
          return res.status(page.status).type('html').send(page.html);
        }
        const fieldErrors = (err.details.fields ?? {}) as Record<string, string>;
        return res.status(400).type('html').send(renderClaimForm(token, view, { values: body, fieldErrors, message: err.message }));
      }
      throw err;
    }
  }
}
