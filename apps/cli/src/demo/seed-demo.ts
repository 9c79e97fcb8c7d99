import { join } from 'node:path';
import { DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, seedDemoBrand } from '@renown/accounts';
import { seedDemoCampaign } from '@renown/campaigns';
import { type AppConfig, dataSourceOptions } from '@renown/core';
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
