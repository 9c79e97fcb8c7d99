import { Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UnsubscribeService } from './unsubscribe.service.js';
import { renderUnsubscribe, renderUnsubscribeUnknown } from './render-claim-page.js';

/**
 * The unsubscribe link of every campaign mail. GET shows one button (mail scanners follow GET links, so it
 * must not unsubscribe by itself); POST unsubscribes, which is also what mail clients send for
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058). No login either way.
 */
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get(':token')
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string, @Res() res: Response) {
    const known = await this.unsubscribe.isKnown(token);
    if (!known) return res.status(404).type('html').send(renderUnsubscribeUnknown());
    return res.status(200).type('html').send(renderUnsubscribe(token, false));
  }

  @Post(':token')
  @Header('Cache-Control', 'no-store')
  async confirm(@Param('token') token: string, @Res() res: Response) {
    const email = await this.unsubscribe.unsubscribe(token);
    if (!email) return res.status(404).type('html').send(renderUnsubscribeUnknown());
    return res.status(200).type('html').send(renderUnsubscribe(token, true, email));
  }
}
