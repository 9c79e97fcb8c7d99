import { dataSourceOptions } from '@renown/core';
import { DataSource } from 'typeorm';
import { AlertSettingsRepository } from '../../libs/discovery/src/brand-audience/alerts/alert-settings.repository.js';
import { WEBHOOK_MAX_ATTEMPTS, WebhookDeliveryService } from '../../libs/discovery/src/brand-audience/webhooks/webhook-delivery.service.js';
import type { WebhookResponse, WebhookSender } from '../../libs/discovery/src/brand-audience/webhooks/webhook-sender.js';
import { verifySignatureHeader } from '../../libs/discovery/src/brand-audience/webhooks/webhook-signature.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { SocialGraphFactory } from './brand-audience-fixtures.js';

/** A receiver stand-in behind the WebhookSender seam: answers with the given statuses, slowly if asked. */
class ScriptedSender {
  posts: Array<{ url: string; body: string; headers: Record<string, string> }> = [];
  constructor(private readonly statuses: number[], private readonly delayMs = 0) {}
  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResponse> {
    this.posts.push({ url, body, headers });
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return { status: this.statuses[Math.min(this.posts.length - 1, this.statuses.length - 1)] };
  }
}

/** WebhookDeliveryService on real PostgreSQL, with the HTTP side replaced: attempts, give-up, at most once. */
describe('webhook delivery bookkeeping', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let brandId: string;
  let actor: string;
  let brandAccount: string;
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    brandId = (await db.pool.query(`INSERT INTO brands (name) VALUES ('Hooks') RETURNING id`)).rows[0].id;
    await db.pool.query(`INSERT INTO brand_alert_settings (brand_id, enabled, min_score, webhook_url, webhook_secret, webhook_secret_hint) VALUES ($1, true, 50, 'http://receiver.test/hook', 'whsec_test', 'whsec_test…')`, [brandId]);
    const graph = new SocialGraphFactory(db.pool);
    actor = (await graph.account('actor', { score: 80 })).id;
    brandAccount = (await graph.account('brand')).id;
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function newDelivery(): Promise<{ deliveryId: string; eventId: string }> {
    const { rows: [event] } = await db.pool.query(
      `INSERT INTO brand_alert_events (brand_id, interaction_id, type, actor_account_id, brand_account_id, actor_score) VALUES ($1, $2, 'mention', $3, $4, 80) RETURNING id`,
      [brandId, ++seq, actor, brandAccount],
    );
    const { rows: [d] } = await db.pool.query(
      `INSERT INTO brand_webhook_deliveries (brand_id, event_id, url, body) VALUES ($1, $2, 'http://receiver.test/hook', $3) RETURNING id`,
      [brandId, event.id, JSON.stringify({ id: event.id, type: 'brand_audience.mention' })],
    );
    return { deliveryId: d.id, eventId: event.id };
  }
  const service = (sender: ScriptedSender) => new WebhookDeliveryService(ds, new AlertSettingsRepository(ds), sender as unknown as WebhookSender);
  const row = async (id: string) => (await db.pool.query(`SELECT status, attempts, last_status_code, last_error FROM brand_webhook_deliveries WHERE id = $1`, [id])).rows[0];

  it('signs each post, and never posts a delivered event again', async () => {
    const { deliveryId, eventId } = await newDelivery();
    const sender = new ScriptedSender([200]);
    await service(sender).deliver(deliveryId);
    await service(sender).deliver(deliveryId); // a duplicate job
    expect(sender.posts).toHaveLength(1);
    expect(sender.posts[0].headers['Renown-Event-Id']).toBe(eventId);
    expect(verifySignatureHeader('whsec_test', sender.posts[0].body, sender.posts[0].headers['Renown-Signature'])).toBe(true);
    expect(await row(deliveryId)).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
  });

  it('posts once when two jobs for one event run at the same time', async () => {
    const { deliveryId } = await newDelivery();
    const sender = new ScriptedSender([204], 300);
    await Promise.all([service(sender).deliver(deliveryId), service(sender).deliver(deliveryId)]);
    expect(sender.posts).toHaveLength(1);
    expect((await row(deliveryId)).status).toBe('delivered');
  });

  it('asks for a retry on a failure (counted), and gives up after the last attempt', async () => {
    const { deliveryId } = await newDelivery();
    const sender = new ScriptedSender([503]);
    for (let attempt = 1; attempt < WEBHOOK_MAX_ATTEMPTS; attempt++) {
      await expect(service(sender).deliver(deliveryId)).rejects.toThrow(/HTTP 503/);
      expect(await row(deliveryId)).toMatchObject({ status: 'pending', attempts: attempt, last_status_code: 503 });
    }
    await service(sender).deliver(deliveryId); // the last attempt: marked failed, no retry asked
    expect(await row(deliveryId)).toMatchObject({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, last_error: 'the receiver answered HTTP 503' });
    await service(sender).deliver(deliveryId);
    expect(sender.posts).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it('drops a pending delivery when the brand removed its webhook', async () => {
    const { deliveryId } = await newDelivery();
    await db.pool.query(`UPDATE brand_alert_settings SET webhook_url = NULL, webhook_secret = NULL, webhook_secret_hint = NULL WHERE brand_id = $1`, [brandId]);
    const sender = new ScriptedSender([200]);
    await service(sender).deliver(deliveryId);
    expect(sender.posts).toHaveLength(0);
    expect(await row(deliveryId)).toMatchObject({ status: 'failed', last_error: 'the brand removed its webhook' });
  });
});
