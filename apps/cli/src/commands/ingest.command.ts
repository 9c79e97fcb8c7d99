import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { QueueService, describeDatabaseUrl, loadConfig, resolveDatabase, runMigrations, createPool } from '@renown/core';
import { FORMATS, FORMAT_NAMES, GraphImporter, IngestionError, limitHeapGrowthForBulkImport, type ImportResult, type RunCounts } from '@renown/ingestion';

const HELP = `
Formats (detected from the content when --format is not given; gzip is read transparently):
${FORMATS.map((f) => `  ${f.name.padEnd(18)} ${f.description}`).join('\n')}

What happens:
  Records are streamed and written in batches; each batch commits with the run's checkpoint, so an import that
  is interrupted (even kill -9) resumes where it stopped when the same file is imported again. Importing the
  same data twice changes nothing. Accounts or posts referenced before they are seen are kept as stubs and
  completed when they arrive.
  A record that cannot be used (malformed line, missing fields, unknown event type, truncated last line) goes
  to quarantine with the file, line, reason and raw text; the rest is imported. A file in no known format is
  refused before anything is written. When a directory is given, such files are skipped and listed.
  Each run is recorded (GraphQL: importRuns / importRun) and queues the touched accounts for scoring.

Database: DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (as \`renown start\` uses).

Examples:
  npm run renown -- ingest brexit.jsonl              (a twarc JSONL file)
  npm run renown -- ingest higgs-activity_time.txt.gz (the SNAP Higgs edge list)
  npm run renown -- ingest friends.tsv --format edge-list --platform twitter --edge-type follow
  npm run renown -- ingest ./exports/            (every file in the folder)`;

function summary(label: string, c: RunCounts) {
  const e = c.byEntity;
  return [
    `${label}: read ${c.read}, inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}, quarantined ${c.quarantined}${c.skipped ? `, skipped ${c.skipped}` : ''}`,
    `  accounts +${e.accounts.inserted} ~${e.accounts.updated} =${e.accounts.unchanged} | posts +${e.posts.inserted} ~${e.posts.updated} =${e.posts.unchanged} | interactions +${e.interactions.inserted} ~${e.interactions.updated} =${e.interactions.unchanged}`,
  ].join('\n');
}

export const ingestCommand = new Command('ingest')
  .description('import platform data (a file or a directory) into the social graph')
  .argument('<path>', 'a file (plain or gzip) or a directory of files')
  .option('--format <name>', `skip detection: ${FORMAT_NAMES.join(', ')}`)
  .option('--platform <name>', 'the platform edge-list ids belong to (default: snap)')
  .option('--edge-type <type>', 'type of every edge when an edge list has no type column: repost, mention, reply, quote, like, follow')
  .option('--batch-size <n>', 'graph items per committed batch', (v) => Number.parseInt(v, 10), 10_000)
  .option('--no-progress', 'no progress bar (for logs)')
  .addHelpText('after', HELP)
  .action(async (path: string, opts: { format?: string; platform?: string; edgeType?: string; batchSize: number; progress: boolean }) => {
    limitHeapGrowthForBulkImport(); // this process only imports: keep its memory flat
    const config = loadConfig();
    const db = await resolveDatabase(config, () => undefined);
    const pool = createPool({ connectionString: db.url, max: 2, application_name: 'renown-ingest' });
    const queue = new QueueService(db.url, 'producer');
    let refused = false;
    try {
      await runMigrations(db.url);
      const importer = new GraphImporter(pool, null);
      const plan = await importer.plan(path, opts.format);
      for (const skipped of plan.ignored) if (skipped.why !== 'documentation') console.log(`skipped ${skipped.file}: ${skipped.why}`);
      if (plan.files.length === 0) throw IngestionError.nothingToImport(path);
      await queue.onModuleInit();
      const withQueue = new GraphImporter(pool, queue);
      console.log(`importing ${plan.files.length} file(s) into ${describeDatabaseUrl(db.url)}`);
      const results: ImportResult[] = [];
      for (const file of plan.files) {
        const bar = opts.progress && process.stdout.isTTY !== false
          ? new cliProgress.SingleBar({
              format: `${file.format.padEnd(17)} {bar} {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted}`,
              hideCursor: true,
              etaBuffer: 20,
            }, cliProgress.Presets.shades_classic)
          : null;
        const started = Date.now();
        bar?.start(1, 0, { records: 0, rate: 0 });
        const result = await withQueue.ingestPlanned(file, {
          parser: { platform: opts.platform, edgeType: opts.edgeType },
          batchSize: opts.batchSize,
          onProgress: ({ counts, fileBytesRead, fileBytes }) => {
            const secs = Math.max((Date.now() - started) / 1000, 0.001);
            bar?.setTotal(Math.max(fileBytes, 1));
            bar?.update(Math.min(fileBytesRead, fileBytes), { records: counts.read, rate: Math.round(counts.read / secs) });
          },
        });
        bar?.update(bar.getTotal());
        bar?.stop();
        const secs = (Date.now() - started) / 1000;
        results.push(result);
        console.log(`${file.file}${result.resumed ? ' (resumed an interrupted run)' : ''} — run ${result.importRunId}, ${secs.toFixed(1)} s, ${Math.round(result.counts.read / Math.max(secs, 0.001))} records/s`);
        console.log(summary('  counts', result.counts));
      }
      if (results.length > 1) {
        const total = results.reduce((t, r) => ({ ...t, read: t.read + r.counts.read, inserted: t.inserted + r.counts.inserted, updated: t.updated + r.counts.updated, unchanged: t.unchanged + r.counts.unchanged, quarantined: t.quarantined + r.counts.quarantined }), { read: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0 });
        console.log(`total: read ${total.read}, inserted ${total.inserted}, updated ${total.updated}, unchanged ${total.unchanged}, quarantined ${total.quarantined}`);
      }
      console.log('touched accounts queued for scoring (job scoring.accounts-touched)');
    } catch (err) {
      if (err instanceof IngestionError) {
        console.error(`renown: ${err.message}`);
        refused = true;
      } else throw err;
    } finally {
      await queue.onApplicationShutdown().catch(() => undefined);
      await pool.end();
      await db.embedded?.stop();
    }
    if (refused) process.exit(1);
  });
