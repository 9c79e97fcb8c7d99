import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ScoringError } from '../../scoring.error.js';
import { getTopicLexicon } from '../ontology/topic-lexicon.js';
import { CreatorTopicsService } from './creator-topics.service.js';
import { renderCreatorTopics, renderCreatorTopicsLinkInvalid } from './render-creator-topics-page.js';

/**
 * /creators/verify/:token/topics: a creator sees the topics of the accounts they proved and hides (or shows
 * again) a wrong one. The mailed link is the key, as on the other creator pages; plain HTML forms.
 */
@Controller('creators/verify/:token/topics')
export class CreatorTopicsController {
  constructor(private readonly creators: CreatorTopicsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string, @Res() res: Response) {
    await this.render(token, res, 200);
  }

  @Post('hide')
  @Header('Cache-Control', 'no-store')
  async hide(@Param('token') token: string, @Body() body: Record<string, string>, @Res() res: Response) {
    await this.act(token, res, async () => {
      await this.creators.hide(token, body?.accountId ?? '', body?.topic ?? '', body?.reason?.trim() || null);
      return 'Hidden. Brands no longer see this topic on your profile.';
    });
  }

  @Post('unhide')
  @Header('Cache-Control', 'no-store')
  async unhide(@Param('token') token: string, @Body() body: Record<string, string>, @Res() res: Response) {
    await this.act(token, res, async () =>
      (await this.creators.unhide(token, body?.accountId ?? '', body?.topic ?? '')) ? 'Shown again from the next update of your topics (daily, and after new posts are imported).' : 'That topic was not hidden.',
    );
  }

  private async act(token: string, res: Response, action: () => Promise<string>) {
    try {
      const message = await action();
      await this.render(token, res, 200, { message });
    } catch (err) {
      if (!(err instanceof ScoringError)) throw err;
      const status = err.code === 'FORBIDDEN' ? 403 : err.code === 'NOT_FOUND' ? 404 : 400;
      const hint = typeof err.details?.hint === 'string' ? ` ${err.details.hint}` : '';
      await this.render(token, res, status, { error: err.message + hint });
    }
  }

  private async render(token: string, res: Response, status: number, state: { message?: string; error?: string } = {}) {
    const accounts = await this.creators.overview(token);
    if (!accounts) return res.status(410).type('html').send(renderCreatorTopicsLinkInvalid());
    res.status(status).type('html').send(renderCreatorTopics(token, accounts, getTopicLexicon(), state));
  }
}
