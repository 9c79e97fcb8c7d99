import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (it must allow CREATE DATABASE), otherwise an
 * embedded server in a temporary folder. The real migrations are applied once to a template database;
 * each test file then gets its own copy (see test/support/test-database.ts), so tests never share rows.
 */
export default async function globalSetup() {
  // Jest loads this file outside its module system, so the project's ESM TypeScript comes through swc-node.
  await import('@swc-node/register/esm-register');
  const { startEmbeddedPostgres, runMigrations, checkDatabaseConnection } = await import(
    new URL('../../libs/core/src/index.ts', import.meta.url).href
  );
  process.env.NODE_ENV = 'test';
  let adminUrl;
  if (process.env.DATABASE_URL) {
    await checkDatabaseConnection(process.env.DATABASE_URL, 'DATABASE_URL');
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'renown-test-pg-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port, persistent: false, database: 'postgres' });
    adminUrl = server.adminUrl;
    globalThis.__RENOWN_PG__ = { server, dir };
  }
  const template = `renown_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, template);
  await runMigrations(templateUrl);
  process.env.RENOWN_TEST_ADMIN_URL = adminUrl;
  process.env.RENOWN_TEST_TEMPLATE = template;
  globalThis.__RENOWN_TEMPLATE__ = { adminUrl, template };
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

