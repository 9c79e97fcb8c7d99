import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import { escapeHtml as e } from '@renown/core';
import type { Response } from 'express';
import { CampaignsError } from '../campaigns-error.js';
import { InfluencerPrivacyService } from './influencer-privacy.service.js';

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${e(title)} · Renown</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;background:#fafafa;color:#1a1a1a}main{max-width:36rem;margin:0 auto;padding:1rem}label{display:block;font-weight:600;margin-top:.75rem}input,button{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;margin-top:.25rem;border:1px solid #767676;border-radius:.375rem}button{background:#b00020;color:#fff;border:0;font-weight:700;margin-top:1rem}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.error{color:#b00020;font-weight:600}</style></head><body><main>${body}</main></body></html>`;
}

const form = (message?: string) =>
  page('Delete my data', `<h1>Delete my data</h1>${message ? `<div role="alert" class="error"><p>${e(message)}</p></div>` : ''}
<p>Brands on Renown may hold your email, handle and shipping address for perk campaigns. Give your email; we send a link to confirm, then remove it from every brand. Campaign totals keep counting you anonymously.</p>
<form method="post" action="/privacy/delete"><label for="f-email">Email</label><input id="f-email" name="email" type="email" autocomplete="email" required${message ? ' aria-invalid="true"' : ''}><button type="submit">Send the confirmation link</button></form>`);

/** /privacy/delete: an influencer's deletion request (no login; confirmed by a mailed link). */
@Controller('privacy/delete')
export class PrivacyPagesController {
  constructor(private readonly privacy: InfluencerPrivacyService) {}

  @Get()
  show(@Res() res: Response) {
    res.status(200).type('html').send(form());
  }

  @Post()
  async request(@Body() body: Record<string, string>, @Res() res: Response) {
    try {
      await this.privacy.requestDeletion(body?.email ?? '');
    } catch (err) {
      if (err instanceof CampaignsError && err.code === 'BAD_USER_INPUT') return res.status(400).type('html').send(form(err.message));
      throw err;
    }
    res.status(200).type('html').send(page('Check your inbox', '<h1 role="status">Check your inbox</h1><p>If the address can receive mail, a confirmation link is on its way. Nothing is deleted until you follow it.</p>'));
  }

  @Get(':token')
  @Header('Cache-Control', 'no-store')
  confirmPage(@Param('token') token: string, @Res() res: Response) {
    // A GET only shows the button: mail scanners follow links, and deleting is not undoable.
    res.status(200).type('html').send(page('Confirm deletion', `<h1>Delete my data</h1><form method="post" action="/privacy/delete/${e(encodeURIComponent(token))}"><button type="submit">Yes, delete my data</button></form>`));
  }

  @Post(':token')
  @Header('Cache-Control', 'no-store')
  async confirm(@Param('token') token: string, @Res() res: Response) {
    const done = await this.privacy.confirmDeletion(token);
    if (!done) return res.status(410).type('html').send(page('Link not valid', '<h1>This link is not valid or has expired</h1><p><a href="/privacy/delete">Ask again</a>.</p>'));
    res.status(200).type('html').send(page('Deleted', `<h1 role="status">Your data has been deleted</h1><p>Brands on Renown no longer hold your email, handle or shipping address, and no brand will email this address again.</p>`));
  }
}
