import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const tpl = globalThis.__RENOWN_TEMPLATE__;
  const embedded = globalThis.__RENOWN_PG__;
  if (tpl && !embedded) {
    // A shared server (DATABASE_URL): drop what this run created.
    const admin = new pg.Client({ connectionString: tpl.adminUrl });
    await admin.connect();
    const dbs = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'renown_t_%' OR datname = $1`, [tpl.template]);
    for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  if (embedded) {
    await embedded.server.stop();
    rmSync(embedded.dir, { recursive: true, force: true });
  }
}
