import { Command } from 'commander';
import { loadConfig, resolveDatabase, revertLastMigration, runMigrations } from '@renown/core';

export const migrateCommand = new Command('migrate')
  .description('apply pending migrations (or revert the last one with --down)')
  .option('--down', 'revert the most recent migration')
  .action(async (opts: { down?: boolean }) => {
    const config = loadConfig();
    const db = await resolveDatabase(config, () => undefined);
    try {
      if (opts.down) {
        await revertLastMigration(db.url);
        console.log('reverted the last migration');
      } else {
        const ran = await runMigrations(db.url, (l) => console.log(l));
        console.log(ran.length ? `applied ${ran.length} migration(s)` : 'database is up to date');
      }
    } finally {
      await db.embedded?.stop();
    }
  });
