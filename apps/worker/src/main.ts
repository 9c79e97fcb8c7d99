import 'reflect-metadata';
import { resolvePlanCatalogue } from '@renown/billing';
import { loadConfig, logger, resolveDatabase, runMigrations } from '@renown/core';
import { createWorkerApp } from './create-worker-app.js';

async function main() {
  const config = loadConfig();
  resolvePlanCatalogue(config); // names missing Stripe price ids before anything starts
  const db = await resolveDatabase(config, (line) => logger.info(line));
  await runMigrations(db.url, (line) => logger.info(line));
  await createWorkerApp(config, db.url);
  logger.info('Renown worker running');
}

main().catch((err) => {
  console.error(err.name === 'ConfigError' || err.name === 'DatabaseUnreachableError' ? err.message : err);
  process.exit(1);
});
