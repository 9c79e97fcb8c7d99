import { setOperator } from '@renown/accounts';
import { dataSourceOptions, loadConfig, resolveDatabase, runMigrations } from '@renown/core';
import { Command } from 'commander';
import { DataSource } from 'typeorm';

/** `npm run renown -- operator <email> [--revoke]`: Renown staff can see platform-wide screens (import runs). */
export const operatorCommand = new Command('operator')
  .description('make a user a Renown operator (platform staff), or take it away with --revoke')
  .argument('<email>', 'the user\'s email')
  .option('--revoke', 'take the operator flag away')
  .action(async (email: string, opts: { revoke?: boolean }) => {
    const config = loadConfig();
    const db = await resolveDatabase(config, () => undefined);
    const ds = new DataSource(dataSourceOptions(db.url));
    try {
      await runMigrations(db.url);
      await ds.initialize();
      await setOperator(ds, email, !opts.revoke);
      console.log(opts.revoke ? `${email} is no longer an operator` : `${email} is now a Renown operator`);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.embedded?.stop();
    }
  });
