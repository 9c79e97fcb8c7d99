import { Injectable } from '@nestjs/common';
import { asBrandId } from '@renown/accounts';
import { logger } from '@renown/core';
import { DataSource } from 'typeorm';
import { AlertSettingsRepository } from '../alerts/alert-settings.repository.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';
import { WebhookSender } from './webhook-sender.js';

/** First try plus retries, with pg-boss's exponential backoff from 2 s (about 4 minutes in all). */
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const WEBHOOK_RETRY = { retryLimit: WEBHOOK_MAX_ATTEMPTS - 1, retryDelay: 2, retryBackoff: true } as const;

type Outcome = { retry?: Error };

/**
 * Delivers one alert event to the brand's webhook. At most once per event id from our side: the delivery
 * row is locked for the whole HTTP exchange and only a `pending` row is sent, so a retry racing another job
 * cannot post twice, and a delivered row is never posted again. (If the worker dies after the receiver
 * answered 2xx but before the commit, the retry posts again: receivers dedupe on the event id, which every
 * post carries in the body and the Renown-Event-Id header.)
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: AlertSettingsRepository,
    private readonly sender: WebhookSender,
  ) {}

  async deliver(deliveryId: string): Promise<void> {
    const outcome = await this.db.transaction(async (em): Promise<Outcome> => {
      const [row] = await em.query(
        `SELECT id, brand_id, event_id, body, status, attempts FROM brand_webhook_deliveries WHERE id = $1 FOR UPDATE SKIP LOCKED`,
        [deliveryId],
      );
      if (!row || row.status !== 'pending') return {};
      const set = (status: string, extra: string, params: unknown[]) =>
        em.query(`UPDATE brand_webhook_deliveries SET status = $2, updated_at = now() ${extra} WHERE id = $1`, [row.id, status, ...params]);
      const target = await this.settings.webhookTarget(asBrandId(row.brand_id), em);
      if (!target) {
        await set('failed', ', last_error = $3', ['the brand removed its webhook']);
        return {};
      }
      const timestamp = Math.floor(Date.now() / 1000);
      const attempts = row.attempts + 1;
      let problem: string;
      let statusCode: number | null = null;
      try {
        const res = await this.sender.post(target.url, row.body, {
          [SIGNATURE_HEADER]: signatureHeader(target.secret, row.body, timestamp),
          [EVENT_ID_HEADER]: row.event_id,
        });
        statusCode = res.status;
        if (res.status >= 200 && res.status < 300) {
          await set('delivered', ', attempts = $3, last_status_code = $4, url = $5, delivered_at = now(), last_error = NULL', [attempts, res.status, target.url]);
          logger.info({ deliveryId, brandId: row.brand_id, attempts }, 'webhook delivered');
          return {};
        }
        problem = `the receiver answered HTTP ${res.status}`;
      } catch (err) {
        problem = String(err?.cause?.code ?? err?.name ?? err?.message ?? err);
      }
      const giveUp = attempts >= WEBHOOK_MAX_ATTEMPTS;
      await set(giveUp ? 'failed' : 'pending', ', attempts = $3, last_status_code = $4, last_error = $5, url = $6', [attempts, statusCode, problem.slice(0, 500), target.url]);
      logger.warn({ deliveryId, brandId: row.brand_id, attempts, giveUp, problem }, 'webhook delivery failed');
      return giveUp ? {} : { retry: new Error(`webhook delivery ${deliveryId} failed: ${problem}`) };
    });
    // Thrown after the commit so the attempt is counted and pg-boss retries with backoff.
    if (outcome.retry) throw outcome.retry;
  }
}
