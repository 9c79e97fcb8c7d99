import { ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { resolvePlanCatalogue } from '@renown/billing';
import { describeDatabaseUrl, loadConfig, resolveDatabase, runMigrations } from '@renown/core';
import { seedDemo } from '../demo/seed-demo.js';

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

/**
 * `npm start`: PostgreSQL (embedded under .data/ unless DATABASE_URL is set), migrations, the demo dataset
 * on first run, then the API and the worker as two processes. Ctrl-C stops all three cleanly.
 */
export const startCommand = new Command('start')
  .description('run Renown: database, migrations, demo data, API and worker')
  .option('--no-demo', 'do not load the demo dataset')
  .action(async (opts: { demo: boolean }) => {
    const config = loadConfig();
    resolvePlanCatalogue(config); // names missing Stripe price ids before anything starts
    const say = (line: string) => console.log(`[renown] ${line}`);
    const db = await resolveDatabase(config, () => undefined);
    say(db.embedded ? `embedded PostgreSQL on ${describeDatabaseUrl(db.url)} (data in ${config.DATA_DIR}/postgres)` : `PostgreSQL at ${describeDatabaseUrl(db.url)}`);
    const ran = await runMigrations(db.url);
    if (ran.length) say(`applied ${ran.length} migration(s)`);
    const demo = opts.demo ? await seedDemo(db.url, config, say) : undefined;

    const env = { ...process.env, DATABASE_URL: db.url };
    const children: ChildProcess[] = [
      fork(here('../../../api/src/main.js'), [], { env: { ...env, RENOWN_SERVICE: 'api' } }),
      fork(here('../../../worker/src/main.js'), [], { env: { ...env, RENOWN_SERVICE: 'worker' } }),
    ];
    let stopping = false;
    const stop = async (code = 0) => {
      if (stopping) return;
      stopping = true;
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
      await db.embedded?.stop();
      process.exit(code);
    };
    for (const c of children) {
      c.once('exit', (code) => {
        if (!stopping) {
          say(`a Renown process exited (code ${code}); stopping`);
          void stop(code ?? 1);
        }
      });
    }
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    say(`API:     ${config.PUBLIC_URL}/graphql`);
    if (!demo) say(`Console: ${config.PUBLIC_URL}/`);
    say(`Health:  ${config.PUBLIC_URL}/health`);
    if (demo) for (const line of demo) say(line);
  });
