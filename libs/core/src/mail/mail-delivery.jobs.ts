import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { logger } from '../logging/logger.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { QueueService } from '../queue/queue.service.js';
import { MailSuppressions } from './mail-suppressions.js';
import { MailTransport } from './mail-transport.js';
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_QUEUE, MAIL_SWEEP_QUEUE, type MailOutboxRow } from './outgoing-mail.js';

/** Rows still queued this long after their last touch lost their job (a crash, a purge): queue them again. */
const STUCK_AFTER_MINUTES = 15;
/** Finished messages are deleted after this long: their bodies hold links that log people in. */
const KEEP_FINISHED_DAYS = 30;

type Outcome = { retry?: Error };

/**
 * Worker side of the outbox. A row is sent at most once: delivery holds the row's lock for the duration of
 * the SMTP exchange and only a `queued` row is sent, so two jobs for one row (a retry racing the sweeper)
 * cannot both deliver it.
 */
@Injectable()
export class MailDeliveryJobs {
  constructor(
    private readonly db: DataSource,
    private readonly transport: MailTransport,
    private readonly suppressions: MailSuppressions,
    private readonly queue: QueueService,
  ) {}

  @JobHandler(MAIL_SEND_QUEUE, { batchSize: 1 })
  async deliver(data: { outboxId: string }): Promise<void> {
    const outcome = await this.db.transaction(async (em): Promise<Outcome> => {
      const [row]: MailOutboxRow[] = await em.query(`SELECT * FROM mail_outbox WHERE id = $1 FOR UPDATE SKIP LOCKED`, [data.outboxId]);
      // Vanished, or another job holds it right now: either way nothing is left for this job to do.
      if (!row || row.status !== 'queued') return {};
      const setStatus = (status: string, extra = '', params: unknown[] = []) =>
        em.query(`UPDATE mail_outbox SET status = $2, updated_at = now() ${extra} WHERE id = $1`, [row.id, status, ...params]);

      if (await this.suppressions.isSuppressed(row.to_address, em)) {
        await setStatus('suppressed');
        logger.info({ outboxId: row.id, kind: row.kind }, 'mail suppressed');
        return {};
      }
      if (!this.transport.enabled) {
        await setStatus('kept');
        logger.info({ outboxId: row.id, kind: row.kind }, 'mail kept locally (no SMTP_URL): see /dev/mail');
        return {};
      }
      try {
        const messageId = await this.transport.send({
          from: row.from_address,
          to: row.to_address,
          subject: row.subject,
          html: row.html,
          text: row.text,
          headers: row.headers ?? {},
        });
        await setStatus('sent', ', sent_at = now(), attempts = attempts + 1, provider_message_id = $3, last_error = NULL', [messageId]);
        logger.info({ outboxId: row.id, kind: row.kind }, 'mail sent');
        return {};
      } catch (err) {
        const attempts = row.attempts + 1;
        const giveUp = attempts >= MAIL_MAX_ATTEMPTS;
        await setStatus(giveUp ? 'failed' : 'queued', ', attempts = $3, last_error = $4', [attempts, String(err.message ?? err).slice(0, 1000)]);
        logger.warn({ outboxId: row.id, kind: row.kind, attempts, giveUp, error: err.message }, 'mail delivery failed');
        return giveUp ? {} : { retry: err };
      }
    });
    // Thrown after the commit so the attempt count is kept and pg-boss retries with backoff.
    if (outcome.retry) throw outcome.retry;
  }

  @JobHandler(MAIL_SWEEP_QUEUE, { cron: '*/5 * * * *' })
  async sweep(): Promise<void> {
    const result = await this.db.query(
      `UPDATE mail_outbox SET updated_at = now()
        WHERE status = 'queued' AND updated_at < now() - make_interval(mins => $1)
        RETURNING id`,
      [STUCK_AFTER_MINUTES],
    );
    const stuck: Array<{ id: string }> = Array.isArray(result[0]) ? result[0] : result;
    for (const { id } of stuck) await this.queue.send(MAIL_SEND_QUEUE, { outboxId: id });
    if (stuck.length) logger.info({ count: stuck.length }, 'mail sweeper re-queued stuck messages');
  }

  @JobHandler('mail.purge', { cron: '41 3 * * *' })
  async purge(): Promise<void> {
    const result = await this.db.query(
      `DELETE FROM mail_outbox WHERE status <> 'queued' AND updated_at < now() - make_interval(days => $1) RETURNING id`,
      [KEEP_FINISHED_DAYS],
    );
    const deleted = Array.isArray(result[0]) ? result[0].length : result.length;
    if (deleted) logger.info({ deleted }, 'old mail purged');
  }
}
