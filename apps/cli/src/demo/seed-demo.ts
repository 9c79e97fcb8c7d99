import { DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, seedDemoBrand } from '@renown/accounts';
import { type AppConfig, dataSourceOptions } from '@renown/core';
import { DataSource } from 'typeorm';

/**
 * Loads the demo dataset on first run and returns the lines to print (console URL, demo login).
 * Each domain adds its part here as it lands; it must be idempotent (a restart loads nothing twice).
 */
export async function seedDemo(url: string, config: AppConfig, say: (line: string) => void): Promise<string[]> {
  const db = new DataSource(dataSourceOptions(url));
  await db.initialize();
  try {
    const brand = await seedDemoBrand(db);
    if (brand.created) say('created the demo brand "Acme Motors"');
    // Other domains seed their demo rows for brand.brandId here.
    return [
      `Console: ${config.PUBLIC_URL}/  (demo login: ${DEMO_OWNER_EMAIL} / ${DEMO_OWNER_PASSWORD})`,
      ...(config.smtpEnabled ? [] : [`Mail:    ${config.PUBLIC_URL}/dev/mail  (kept locally: no SMTP_URL)`]),
    ];
  } finally {
    await db.destroy();
  }
}
