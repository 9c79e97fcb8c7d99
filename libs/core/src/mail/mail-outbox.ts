import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { QueueService } from '../queue/queue.service.js';
import { MAIL_SEND_QUEUE, type OutgoingMail } from './outgoing-mail.js';

/** pg-boss runs its INSERT through the caller's transaction, so the job exists exactly when the row does. */
export function bossDbFor(em: EntityManager) {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await em.query(text, values);
      // TypeORM answers [rows, count] for UPDATE/DELETE, rows otherwise.
      const rows = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result;
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

/**
 * The only way Renown sends mail. `enqueue` writes the message IN THE CALLER'S TRANSACTION together with its
 * `mail.send` job; nothing is sent inside a request. If the transaction rolls back, neither exists; once it
 * commits, the worker delivers it (see MailDeliveryJobs).
 */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly queue: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the outbox id, or null when a message with the same dedupeKey was already queued. */
  async enqueue(em: EntityManager, message: OutgoingMail): Promise<string | null> {
    if (!message.to || !message.subject || !message.html || !message.text) {
      throw new Error('MailOutbox.enqueue needs to, subject, html and text');
    }
    const rows: Array<{ id: string }> = await em.query(
      // A scheduled message (notBefore) counts as touched at its slot, so the sweeper does not re-queue it
      // early and break the sender's rate.
      `INSERT INTO mail_outbox (brand_id, kind, dedupe_key, from_address, to_address, subject, html, text, headers, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, greatest(now(), coalesce($10::timestamptz, now())))
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        message.brandId ?? null,
        message.kind,
        message.dedupeKey ?? null,
        message.from ?? this.config.MAIL_FROM,
        message.to,
        message.subject,
        message.html,
        message.text,
        JSON.stringify(message.headers ?? {}),
        message.notBefore ?? null,
      ],
    );
    if (rows.length === 0) return null;
    const id = rows[0].id;
    await this.queue.send(MAIL_SEND_QUEUE, { outboxId: id }, { db: bossDbFor(em), ...(message.notBefore ? { startAfter: message.notBefore } : {}) });
    return id;
  }
}
