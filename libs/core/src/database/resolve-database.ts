import { resolve } from 'node:path';
import { type AppConfig } from '../config/app-config.js';
import { checkDatabaseConnection } from './check-connection.js';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  embedded?: EmbeddedPostgresHandle;
}

/** DATABASE_URL when set (checked within 10 s), otherwise an embedded PostgreSQL under DATA_DIR/postgres. */
export async function resolveDatabase(config: AppConfig, log: (line: string) => void): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    await checkDatabaseConnection(config.DATABASE_URL, 'DATABASE_URL');
    return { url: config.DATABASE_URL };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: resolve(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    log,
  });
  return { url: embedded.url, embedded };
}
