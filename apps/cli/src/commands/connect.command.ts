import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, QueueService, resolveDatabase, runMigrations, createPool } from '@renown/core';
import { GraphImporter, LiveImportSink } from '@renown/ingestion';
import {
  DEFAULT_JETSTREAM_URL,
  DEFAULT_WANTED_COLLECTIONS,
  JetstreamConnector,
  MastodonStreamingConnector,
  MastodonTimelinePoller,
  PgConnectorCursorStore,
  type MastodonTimeline,
} from '@renown/ingestion/connectors/index.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
const int = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number, got "${value}"`);
  return n;
};

/** Database, migrations, importer and job queue for a long-running connector; `close` undoes them in order. */
async function openPipeline() {
  const config = loadConfig();
  const db = await resolveDatabase(config, () => undefined);
  await runMigrations(db.url);
  const pool = createPool({ connectionString: db.url, max: 4 });
  const queue = new QueueService(db.url, 'producer');
  await queue.onModuleInit();
  const importer = new GraphImporter(pool, queue);
  return {
    pool,
    sink: new LiveImportSink(importer),
    cursors: new PgConnectorCursorStore(pool),
    async close() {
      await queue.onApplicationShutdown();
      await pool.end();
      await db.embedded?.stop();
    },
  };
}

/** Runs until Ctrl-C / SIGTERM, then lets the connector store its last batch and cursor before exiting. */
async function runUntilSignal(run: () => Promise<void>, stop: () => unknown) {
  const onSignal = () => {
    console.log('stopping: storing the last batch and cursor…');
    stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const blueskyCommand = new Command('bluesky')
  .description('follow a Bluesky Jetstream over WebSocket and import its events; resumes from the stored cursor')
  .option('--url <wss-url>', 'Jetstream subscribe endpoint', DEFAULT_JETSTREAM_URL)
  .option('--collections <nsids>', `wanted collections, comma separated (default: ${DEFAULT_WANTED_COLLECTIONS.join(',')})`, list)
  .option('--dids <dids>', 'only these repositories (DIDs), comma separated', list)
  .option('--name <name>', 'cursor key (one per stream you follow)', 'bluesky:jetstream')
  .option('--batch <n>', 'events per import batch', int('--batch'), 1_000)
  .option('--flush-ms <ms>', 'import a partial batch after this long', int('--flush-ms'), 2_000)
  .option('--start-cursor <time_us>', 'when no cursor is stored: replay from this time_us (default: live from now)', int('--start-cursor'))
  .action(async (opts: { url: string; collections?: string[]; dids?: string[]; name: string; batch: number; flushMs: number; startCursor?: number }) => {
    const pipeline = await openPipeline();
    try {
      const connector = new JetstreamConnector({
        name: opts.name,
        url: opts.url,
        wantedCollections: opts.collections,
        wantedDids: opts.dids,
        sink: pipeline.sink,
        cursors: pipeline.cursors,
        batchSize: opts.batch,
        flushIntervalMs: opts.flushMs,
        startCursor: opts.startCursor,
      });
      const progress = setInterval(() => console.log(`jetstream ${opts.name}: ${connector.stats.delivered} events imported, cursor ${connector.stats.cursor ?? '(live)'}, ${connector.stats.connections} connection(s)`), 10_000);
      await runUntilSignal(() => connector.run(), () => connector.stop()).finally(() => clearInterval(progress));
      console.log(`stopped: ${connector.stats.delivered} events imported, cursor ${connector.stats.cursor}`);
    } finally {
      await pipeline.close();
    }
  });

const mastodonCommand = new Command('mastodon')
  .description('poll Mastodon public and hashtag timelines (min_id paging) and import new statuses; resumes from stored cursors')
  .requiredOption('--instance <url>', 'the instance, e.g. https://mastodon.social')
  .option('--public', 'the federated public timeline')
  .option('--local', 'the local public timeline only')
  .option('--tag <tags>', 'hashtag timelines, comma separated or repeated', list)
  .option('--name <name>', 'cursor key prefix', 'mastodon')
  .option('--interval <seconds>', 'pause between polls once caught up', int('--interval'), 30)
  .option('--stream', 'use the streaming API (server-sent events) for one timeline, backfilling gaps by polling')
  .addHelpText('after', '\nAn access token, if the instance requires one for timelines, is read from MASTODON_ACCESS_TOKEN.')
  .action(async (opts: { instance: string; public?: boolean; local?: boolean; tag?: string[]; name: string; interval: number; stream?: boolean }) => {
    const timelines: MastodonTimeline[] = [
      ...(opts.public || opts.local ? [{ kind: 'public' as const, local: !!opts.local }] : []),
      ...(opts.tag ?? []).map((tag) => ({ kind: 'hashtag' as const, tag })),
    ];
    if (timelines.length === 0) throw new InvalidArgumentError('say what to follow: --public, --local and/or --tag <tag>');
    if (opts.stream && timelines.length !== 1) throw new InvalidArgumentError('--stream follows one timeline: give one of --public, --local or a single --tag');
    const pipeline = await openPipeline();
    try {
      if (opts.stream) {
        const connector = new MastodonStreamingConnector({
          name: opts.name,
          baseUrl: opts.instance,
          timeline: timelines[0],
          accessToken: process.env.MASTODON_ACCESS_TOKEN,
          sink: pipeline.sink,
          cursors: pipeline.cursors,
        });
        await runUntilSignal(() => connector.run(), () => connector.stop());
        console.log(`stopped: ${connector.stats.streamed} statuses streamed, ${connector.stats.caughtUp} backfilled`);
        return;
      }
      const poller = new MastodonTimelinePoller({
        name: opts.name,
        baseUrl: opts.instance,
        timelines,
        accessToken: process.env.MASTODON_ACCESS_TOKEN,
        intervalMs: opts.interval * 1000,
        sink: pipeline.sink,
        cursors: pipeline.cursors,
      });
      const progress = setInterval(() => console.log(`mastodon ${opts.name}: ${poller.stats.delivered} statuses imported, ${poller.stats.requests} requests`), 30_000);
      await runUntilSignal(() => poller.run(), () => poller.stop()).finally(() => clearInterval(progress));
      console.log(`stopped: ${poller.stats.delivered} statuses imported`);
    } finally {
      await pipeline.close();
    }
  });

export const connectCommand = new Command('connect')
  .description('run a live connector (Bluesky Jetstream, Mastodon timelines) that imports into the social graph')
  .addCommand(blueskyCommand)
  .addCommand(mastodonCommand);
