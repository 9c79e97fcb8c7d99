import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

export interface TransportMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** nodemailer on SMTP_URL. Without SMTP_URL there is no transport: mail is kept locally (see /dev/mail). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.transporter = nodemailer.createTransport(config.SMTP_URL, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as never);
    }
  }

  get enabled() {
    return Boolean(this.transporter);
  }

  /** Returns the SMTP message id. */
  async send(message: TransportMessage): Promise<string> {
    if (!this.transporter) throw new Error('SMTP_URL is not set: mail is kept locally');
    const info = await this.transporter.sendMail(message);
    return String(info.messageId ?? '');
  }

  onApplicationShutdown() {
    this.transporter?.close();
  }
}
