import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { generateSqlSchemaTypes, loadConfig, resolveDatabase, runMigrations, SQL_SCHEMA_TYPES_PATH } from '@renown/core';
import { withThrowawayDatabase } from './throwaway-database.js';
import { printApiSchema, SCHEMA_PATH } from '../../../api/src/print-schema.js';

export const schemaCommand = new Command('schema')
  .description(`write the GraphQL schema the code defines to ${SCHEMA_PATH} (with --sql: the SQL table types to ${SQL_SCHEMA_TYPES_PATH})`)
  .option('--sql', 'write the table types of a fresh database migrated with migrations/ (kysely-codegen), in a throw-away embedded PostgreSQL')
  .action(async (opts: { sql?: boolean }) => {
    if (opts.sql) return writeSqlSchemaTypes();
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

/**
 * A new PostgreSQL in a temporary folder (never DATABASE_URL or .data, whose schema may have drifted), the
 * migrations, then kysely-codegen: the same text test/foundation/sql-schema-types.spec.ts compares with.
 */
async function writeSqlSchemaTypes(): Promise<void> {
  await withThrowawayDatabase('sql-schema', async (url) => {
    writeFileSync(SQL_SCHEMA_TYPES_PATH, await generateSqlSchemaTypes(url));
    console.log(`wrote ${SQL_SCHEMA_TYPES_PATH}`);
  });
}
