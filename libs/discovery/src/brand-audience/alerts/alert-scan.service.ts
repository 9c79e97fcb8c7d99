import { Inject, Injectable } from '@nestjs/common';
import { asBrandId } from '@renown/accounts';
import { APP_CONFIG, type AppConfig, bossDbFor, logger, MailOutbox, QueueService } from '@renown/core';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { DataSource, type EntityManager } from 'typeorm';
import { BRAND_WEBHOOK_DELIVER_QUEUE } from '../brand-audience.queues.js';
import { WEBHOOK_RETRY } from '../webhooks/webhook-delivery.service.js';
import { AlertDigestsRepository } from './alert-digests.repository.js';
import { AlertSettingsRepository, DEFAULT_ALERT_SETTINGS } from './alert-settings.repository.js';
import { renderAlertDigest } from './render-alert-digest.js';

/**
 * Interaction ids are handed out at insert, so an import that commits late can land ids below ones already
 * scanned. Each scan re-reads this many ids below its last high-water mark; the unique (brand, interaction)
 * key keeps a re-read from alerting twice. (A transaction that commits more than this many ids late is
 * missed: a known limit.)
 */
export const RESCAN_MARGIN = 20_000n;

interface NewEventRow {
  id: string;
  brand_id: string;
  type: 'mention' | 'follow';
  actor_account_id: string;
  actor_platform: string;
  actor_handle: string | null;
  actor_display_name: string | null;
  actor_score: number;
  brand_account_id: string;
  brand_platform: string;
  brand_handle: string | null;
  post_id: string | null;
  occurred_at: Date | null;
  detected_at: Date;
  webhook_url: string | null;
}

/**
 * Worker side of alerts. `scan` reads the interactions imported since the last scan (a primary-key range,
 * so its cost follows the new rows, not the table), keeps the mentions and follows of registered brand
 * accounts by accounts whose current global score is at or above the brand's threshold, stores each as an
 * event once, and queues one signed webhook per event. `sendDueDigests` mails each brand's waiting events
 * as one digest, at most one per digest period.
 */
@Injectable()
export class AlertScanService {
  constructor(
    private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly outbox: MailOutbox,
    private readonly digests: AlertDigestsRepository,
    private readonly settings: AlertSettingsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async scan(): Promise<{ events: number; webhooks: number }> {
    return this.db.transaction(async (em) => {
      // One scan at a time (the row lock); a second one waits and then reads almost nothing.
      const [state] = await em.query(`SELECT last_interaction_id::text AS last FROM brand_alert_scan_state WHERE singleton FOR UPDATE`);
      const [{ upto }] = await em.query(`SELECT coalesce(max(id), 0)::text AS upto FROM interactions`);
      const last = BigInt(state?.last ?? '0');
      // Nothing below the oldest baseline of an account with alerts on can alert: skip it (the first scan on a
      // large table, or when no brand has alerts on, reads nothing).
      const [{ floor }] = await em.query(
        `SELECT coalesce(min(ba.alert_baseline_interaction_id), $1::bigint)::text AS floor
           FROM brand_social_accounts ba JOIN brand_alert_settings st ON st.brand_id = ba.brand_id AND st.enabled`,
        [upto],
      );
      const margin = last > RESCAN_MARGIN ? last - RESCAN_MARGIN : 0n;
      const from = margin > BigInt(floor) ? margin : BigInt(floor);
      const created: NewEventRow[] = await em.query(
        `WITH fresh AS (
           INSERT INTO brand_alert_events (brand_id, interaction_id, type, actor_account_id, brand_account_id, actor_score, post_id, occurred_at)
           SELECT ba.brand_id, i.id, i.type, i.actor_account_id, i.target_account_id, sc.score, i.post_id, i.occurred_at
             FROM interactions i
             JOIN brand_social_accounts ba ON ba.account_id = i.target_account_id AND i.id > ba.alert_baseline_interaction_id
             JOIN brand_alert_settings st ON st.brand_id = ba.brand_id AND st.enabled
             JOIN LATERAL (SELECT s.score FROM account_score_snapshots s WHERE s.account_id = i.actor_account_id AND s.model_version = $3
                            ORDER BY s.day DESC LIMIT 1) sc ON sc.score >= st.min_score
            WHERE i.id > $1 AND i.id <= $2 AND i.type IN ('mention', 'follow') AND i.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM brand_social_accounts own WHERE own.brand_id = ba.brand_id AND own.account_id = i.actor_account_id)
           ON CONFLICT (brand_id, interaction_id) DO NOTHING
           RETURNING *)
         SELECT f.id, f.brand_id, f.type, f.actor_account_id::text, a.platform AS actor_platform, a.handle AS actor_handle,
                a.display_name AS actor_display_name, f.actor_score, f.brand_account_id::text, b.platform AS brand_platform,
                b.handle AS brand_handle, f.post_id::text, f.occurred_at, f.detected_at, st.webhook_url
           FROM fresh f
           JOIN social_accounts a ON a.id = f.actor_account_id
           JOIN social_accounts b ON b.id = f.brand_account_id
           JOIN brand_alert_settings st ON st.brand_id = f.brand_id
          ORDER BY f.interaction_id`,
        [from.toString(), upto, INFLUENCE_MODEL_VERSION],
      );
      let webhooks = 0;
      for (const event of created) {
        if (!event.webhook_url) continue;
        await this.queueWebhook(em, event);
        webhooks++;
      }
      await em.query(`UPDATE brand_alert_scan_state SET last_interaction_id = greatest(last_interaction_id, $1::bigint), scanned_at = now() WHERE singleton`, [upto]);
      if (created.length) logger.info({ events: created.length, webhooks, from: from.toString(), upto }, 'brand alerts found');
      return { events: created.length, webhooks };
    });
  }

  /** The delivery row and its job in the scan's transaction: an event has its webhook exactly when it exists. */
  private async queueWebhook(em: EntityManager, e: NewEventRow) {
    const body = JSON.stringify({
      id: e.id,
      type: e.type === 'mention' ? 'brand_audience.mention' : 'brand_audience.follow',
      created: Math.floor(new Date(e.detected_at).getTime() / 1000),
      data: {
        account: { id: e.actor_account_id, platform: e.actor_platform, handle: e.actor_handle, displayName: e.actor_display_name, score: Number(e.actor_score) },
        brandAccount: { id: e.brand_account_id, platform: e.brand_platform, handle: e.brand_handle },
        interaction: { type: e.type, postId: e.post_id, occurredAt: e.occurred_at ? new Date(e.occurred_at).toISOString() : null },
      },
    });
    const [delivery] = await em.query(
      `INSERT INTO brand_webhook_deliveries (brand_id, event_id, url, body) VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
      [e.brand_id, e.id, e.webhook_url, body],
    );
    if (delivery) await this.queue.send(BRAND_WEBHOOK_DELIVER_QUEUE, { deliveryId: delivery.id }, { db: bossDbFor(em), ...WEBHOOK_RETRY });
  }

  async sendDueDigests(): Promise<number> {
    const rows: Array<{ brand_id: string }> = await this.db.query(`SELECT DISTINCT brand_id FROM brand_alert_events WHERE digest_id IS NULL`);
    let sent = 0;
    for (const { brand_id } of rows) if (await this.sendDigest(brand_id)) sent++;
    return sent;
  }

  /** One digest for everything waiting, unless the brand already got one within its digest period. */
  async sendDigest(brandIdValue: string): Promise<boolean> {
    const brandId = asBrandId(brandIdValue);
    return this.db.transaction(async (em) => {
      // The settings row lock serialises digests of one brand (two workers cannot both send this period's).
      const settings = (await this.settings.get(brandId, em, true)) ?? DEFAULT_ALERT_SETTINGS;
      if (await this.digests.sentWithin(brandId, settings.digest_period, em)) return false;
      const events = await this.digests.undigested(brandId, em);
      if (!events.length) return false;
      const recipients = await this.digests.recipients(brandId, em);
      const digestId = await this.digests.create(brandId, events.map((e) => e.id), recipients.length, em);
      const mail = renderAlertDigest({
        brandName: await this.digests.brandName(brandId, em),
        minScore: Number(settings.min_score),
        consoleUrl: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/audience`,
        events: events.map((e) => ({
          type: e.type,
          actorHandle: e.actor_handle,
          actorDisplayName: e.actor_display_name,
          actorPlatform: e.actor_platform,
          actorScore: Number(e.actor_score),
          brandHandle: e.brand_handle,
          occurredAt: e.occurred_at,
        })),
      });
      for (const r of recipients) {
        await this.outbox.enqueue(em, { ...mail, to: r.email, kind: 'discovery.brand-alert-digest', brandId, dedupeKey: `brand-alert-digest:${digestId}:${r.user_id}` });
      }
      logger.info({ brandId, digestId, events: events.length, recipients: recipients.length }, 'brand alert digest queued');
      return true;
    });
  }
}
