import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig, resolveDatabase, runMigrations } from '@renown/core';
import { printApiSchema, SCHEMA_PATH } from '../../../api/src/print-schema.js';

export const schemaCommand = new Command('schema')
  .description(`write the GraphQL schema the code defines to ${SCHEMA_PATH}`)
  .action(async () => {
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
    const db = await resolveDatabase(config, () => undefined);
    try {
      await runMigrations(db.url);
      writeFileSync(SCHEMA_PATH, await printApiSchema(config, db.url));
      console.log(`wrote ${SCHEMA_PATH}`);
    } finally {
      await db.embedded?.stop();
    }
  });
