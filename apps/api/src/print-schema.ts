import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type AppConfig } from '@renown/core';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { fileURLToPath } from 'node:url';
import { createApiApp } from './create-api-app.js';

/** apps/api/schema.gql, committed so every schema change shows in review. */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema.gql', import.meta.url)).replace('/dist/apps/', '/apps/');

export async function printApiSchema(config: AppConfig, databaseUrl: string): Promise<string> {
  const app = await createApiApp(config, databaseUrl);
  await app.init();
  try {
    return printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema)) + '\n';
  } finally {
    await app.close();
  }
}
