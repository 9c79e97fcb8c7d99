import 'reflect-metadata';
import { resolvePlanCatalogue } from '@renown/billing';
import { loadConfig, logger, resolveDatabase, runMigrations } from '@renown/core';
import { createApiApp } from './create-api-app.js';

async function main() {
  const config = loadConfig();
  resolvePlanCatalogue(config); // names missing Stripe price ids before anything starts
  const db = await resolveDatabase(config, (line) => logger.info(line));
  await runMigrations(db.url, (line) => logger.info(line));
  const app = await createApiApp(config, db.url);
  await app.listen(config.PORT);
  logger.info({ url: `${config.PUBLIC_URL}/graphql` }, 'Renown API listening');
}

main().catch((err) => {
  // The message names the problem (a bad variable, an unreachable database); no stack for those.
  console.error(err.name === 'ConfigError' || err.name === 'DatabaseUnreachableError' ? err.message : err);
  process.exit(1);
});
