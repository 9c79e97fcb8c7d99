import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { NotFoundError } from '../errors/app-error.js';
import { renderDevMailList, renderDevMailMessage } from './render-dev-mail.js';
import type { MailOutboxRow } from './outgoing-mail.js';

/**
 * Mail kept locally when no SMTP_URL is set, so a newcomer can follow a verification or claim link from the
 * demo. The routes do not exist (404) as soon as SMTP_URL is set: then mail leaves through SMTP only.
 */
@Controller('dev/mail')
export class DevMailController {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query('format') format: string | undefined, @Res() res: Response) {
    this.assertLocalMail();
    const rows: MailOutboxRow[] = await this.db.query(
      `SELECT id, kind, to_address, subject, status, created_at FROM mail_outbox ORDER BY created_at DESC, id LIMIT 200`,
    );
    if (format === 'json') {
      res.json({ messages: rows });
      return;
    }
    res.type('html').send(renderDevMailList(rows));
  }

  @Get(':id')
  async show(@Param('id', new ParseUUIDPipe()) id: string, @Query('format') format: string | undefined, @Res() res: Response) {
    this.assertLocalMail();
    const [row]: MailOutboxRow[] = await this.db.query(`SELECT * FROM mail_outbox WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('Message', id);
    if (format === 'json') {
      res.json(row);
      return;
    }
    res.type('html').send(renderDevMailMessage(row));
  }

  private assertLocalMail() {
    if (this.config.smtpEnabled) throw new NotFoundError('The local mail page (mail goes through SMTP_URL)');
  }
}
