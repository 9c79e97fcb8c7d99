import { Command } from 'commander';
import { loadConfig, resolveDatabase, createPool } from '@renown/core';
import { AudienceQualityStore, runAudienceQuality } from '@renown/discovery/audience/index.js';

/**
 * `npm run renown -- audience-quality [--as-of ISO]`: recomputes audience quality for every account now, in
 * this process (the worker does the same after each scoring run, on queue 'discovery.audience-quality').
 */
export const audienceQualityCommand = new Command('audience-quality')
  .description('recompute the audience quality score (1-100) of every account with audience data')
  .option('--as-of <iso>', 'end of the engagement window (default: now)')
  .action(async (opts: { asOf?: string }) => {
    const asOf = opts.asOf ? new Date(opts.asOf) : new Date();
    if (Number.isNaN(asOf.getTime())) throw new Error(`--as-of "${opts.asOf}" is not a date: use ISO 8601, e.g. 2026-11-01T00:00:00Z`);
    const config = loadConfig();
    const db = await resolveDatabase(config, () => undefined);
    const pool = createPool({ connectionString: db.url, max: 2, application_name: 'renown-audience-quality' });
    try {
      const report = await runAudienceQuality(new AudienceQualityStore(pool), asOf);
      console.log(`audience quality ${report.modelVersion}: ${report.accountsScored} accounts (load ${report.timings.load} ms, compute ${report.timings.compute} ms, write ${report.timings.write} ms)`);
    } finally {
      await pool.end();
      await db.embedded?.stop();
    }
  });
