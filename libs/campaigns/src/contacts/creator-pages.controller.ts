import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CampaignsError } from '../campaigns-error.js';
import { CreatorSignupService } from './creator-signup.service.js';
import { renderCreatorHome, renderCreatorLinkInvalid, renderCreatorSignup } from './render-creator-pages.js';

/** /creators/*: influencers sign up with their email and prove handles; plain HTML, no JavaScript, no login. */
@Controller('creators')
export class CreatorPagesController {
  constructor(private readonly creators: CreatorSignupService) {}

  @Get('signup')
  show(@Res() res: Response) {
    res.status(200).type('html').send(renderCreatorSignup());
  }

  @Post('signup')
  async signup(@Body() body: Record<string, string>, @Res() res: Response) {
    try {
      await this.creators.start(body?.email ?? '');
      res.status(200).type('html').send(renderCreatorSignup({ sent: true }));
    } catch (err) {
      if (err instanceof CampaignsError && err.code === 'BAD_USER_INPUT') return res.status(400).type('html').send(renderCreatorSignup({ message: err.message, email: body?.email }));
      throw err;
    }
  }

  @Get('verify/:token')
  @Header('Cache-Control', 'no-store')
  async verify(@Param('token') token: string, @Res() res: Response) {
    const view = await this.creators.verify(token);
    if (!view) return res.status(410).type('html').send(renderCreatorLinkInvalid());
    res.status(200).type('html').send(renderCreatorHome(token, view));
  }

  @Post('verify/:token/handles')
  @Header('Cache-Control', 'no-store')
  async addHandle(@Param('token') token: string, @Body() body: Record<string, string>, @Res() res: Response) {
    try {
      await this.creators.addHandle(token, body?.platform ?? '', body?.handle ?? '');
    } catch (err) {
      if (err instanceof CampaignsError && err.code === 'NOT_FOUND') return res.status(410).type('html').send(renderCreatorLinkInvalid());
      if (err instanceof CampaignsError && err.code === 'BAD_USER_INPUT') {
        const view = await this.creators.verify(token);
        return res.status(400).type('html').send(renderCreatorHome(token, view!, { message: Object.values((err.details.fields ?? {}) as Record<string, string>).join('; ') || err.message }));
      }
      throw err;
    }
    const view = await this.creators.verify(token);
    res.status(201).type('html').send(renderCreatorHome(token, view!));
  }
}
