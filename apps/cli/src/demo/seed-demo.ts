import { join } from 'node:path';
import { DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, seedDemoBrand } from '@renown/accounts';
import { seedDemoCampaign } from '@renown/campaigns';
import { type AppConfig, dataSourceOptions, QueueService } from '@renown/core';
import { BRAND_AUDIENCE_RANK_QUEUE } from '@renown/discovery/brand-audience/index.js';
import { DataSource } from 'typeorm';
import { loadDemoSocialGraph } from './demo-social-graph.js';

/**
 * Loads the demo dataset on first run and returns the lines to print (console URL, demo login).
 * Each domain adds its part here as it lands; it must be idempotent (a restart loads nothing twice).
 */
export async function seedDemo(url: string, config: AppConfig, say: (line: string) => void): Promise<string[]> {
  const graph = await loadDemoSocialGraph(url, join(config.DATA_DIR, 'demo'), say);
  if (graph.loaded) say(`demo dataset loaded: ${graph.accounts} accounts, ${graph.posts} posts, scored, in ${graph.seconds.toFixed(0)} s`);
  const db = new DataSource(dataSourceOptions(url));
  await db.initialize();
  try {
    const brand = await seedDemoBrand(db);
    if (brand.created) say('created the demo brand "Acme Motors"');
    if (await registerDemoBrandAccount(db, brand.brandId)) {
      // The worker computes "who matters to us" for it as soon as it starts.
      const queue = new QueueService(url, 'producer');
      await queue.onModuleInit();
      try {
        await queue.send(BRAND_AUDIENCE_RANK_QUEUE, { brandId: brand.brandId });
      } finally {
        await queue.onApplicationShutdown();
      }
      say('registered the demo brand\'s own account (the Audience screen ranks who engages with it)');
    }
    const campaign = await seedDemoCampaign(db, config, brand.brandId);
    if (campaign.created) say('created the demo campaign');
    return [
      ...campaign.lines,
      `Console: ${config.PUBLIC_URL}/  (demo login: ${DEMO_OWNER_EMAIL} / ${DEMO_OWNER_PASSWORD})`,
      ...(config.smtpEnabled ? [] : [`Mail:    ${config.PUBLIC_URL}/dev/mail  (kept locally: no SMTP_URL)`]),
    ];
  } finally {
    await db.destroy();
  }
}

/**
 * The demo brand's "own" social account: the most influential account in Cars of the generated graph stands in
 * for Acme Motors, so the Audience screen has an audience to rank. Only when the brand has none yet.
 */
async function registerDemoBrandAccount(db: DataSource, brandId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO brand_social_accounts (brand_id, account_id, alert_baseline_interaction_id)
     SELECT $1, s.account_id, coalesce((SELECT max(id) FROM interactions), 0)
     FROM account_topic_scores s JOIN topics t ON t.id = s.topic_id
     WHERE t.display_name = 'Cars' AND NOT EXISTS (SELECT 1 FROM brand_social_accounts WHERE brand_id = $1)
     ORDER BY s.score DESC, s.account_id LIMIT 1
     RETURNING account_id`,
    [brandId],
  );
  return rows.length > 0;
}
