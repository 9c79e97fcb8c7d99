/*
 * npm run bench:crawl [-- --seconds-bluesky 120] [--seconds-mastodon 180] [--latency 100]
 *
 * A crawl of "cars, electric vehicles" against the local fake AppView and instance, set to the networks' real
 * published limits (Bluesky 3,000 requests per 5 minutes, Mastodon 300 per 5 minutes) with 100 ms of latency on
 * every answer, in a fresh embedded PostgreSQL. Each network is crawled until its world is exhausted or the time
 * is up. Prints requests per second against the limit (and the peak in any window, which must stay under it),
 * accounts fully fetched per hour and projected per day, the importer's share of the time, and peak memory.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { runMigrations, startEmbeddedPostgres } from '@renown/core';
import { GraphImporter, type NetworkName } from '@renown/ingestion';
import { createConnector, CrawlRunner, CrawlStore, PUBLISHED_LIMITS } from '@renown/sources';
import { buildAutomotiveWorld, startFakeBlueskyAppView, startFakeMastodonInstance } from '../support/fake-networks/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const LATENCY = opt('latency', 100);
const SECONDS: Record<NetworkName, number> = { bluesky: opt('seconds-bluesky', 120), mastodon: opt('seconds-mastodon', 180) };

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'renown-bench-crawl-'));
  chmodSync(dir, 0o755);
  const pgHandle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
  const pool = new pg.Pool({ connectionString: pgHandle.url, max: 10 });
  try {
    await runMigrations(pgHandle.url);
    const world = buildAutomotiveWorld(1);
    console.log(`world: bluesky ${world.people.bluesky.length} accounts (${world.carPeople('bluesky').length} car people), mastodon ${world.people.mastodon.length} (${world.carPeople('mastodon').length}); latency ${LATENCY} ms per answer`);
    for (const network of ['bluesky', 'mastodon'] as const) {
      const limit = PUBLISHED_LIMITS[network];
      const server = network === 'bluesky'
        ? await startFakeBlueskyAppView(world.bluesky, { rateLimit: limit, latencyMs: LATENCY })
        : await startFakeMastodonInstance(world.mastodon, { rateLimit: limit, latencyMs: LATENCY });
      const connector = createConnector(network, { appviewUrl: server.url, instanceUrl: server.url, userAgent: 'Renown-bench/0.1 (+https://renown.example)' });
      const store = new CrawlStore(pool);
      const crawl = await store.create({ brandId: null, network, origin: server.url, terms: ['cars', 'electric vehicles'], topicSlugs: ['cars', 'electric-cars'], maxAccounts: 100_000, maxHours: null });
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), SECONDS[network] * 1000);
      const t0 = performance.now();
      const progress = await new CrawlRunner(pool, new GraphImporter(pool), connector, { signal: stop.signal, concurrency: 4 }).run(crawl.id);
      clearTimeout(timer);
      const secs = (performance.now() - t0) / 1000;
      await connector.close?.();
      const stats = server.stats();
      await server.close();
      const allowed = limit.requests / limit.windowSeconds;
      const rate = stats.requests / secs;
      const fetched = progress.counts.kept + progress.counts.dropped;
      const perHour = (fetched / secs) * 3600;
      console.log(`\n${network}: limit ${limit.requests} per ${limit.windowSeconds} s (${allowed.toFixed(2)}/s); crawled ${secs.toFixed(0)} s, ${progress.status === 'done' ? 'world exhausted' : 'time up'}`);
      console.log(`  requests        ${stats.requests} (${rate.toFixed(2)}/s = ${((rate / allowed) * 100).toFixed(0)}% of the limit; peak in any ${limit.windowSeconds} s window ${stats.peakInWindow} of ${limit.requests}; 429s ${stats.byStatus[429] ?? 0})`);
      console.log(`  accounts        found ${progress.counts.found}, fully fetched ${fetched} (kept ${progress.counts.kept}), ${(stats.requests / Math.max(fetched, 1)).toFixed(1)} requests each`);
      console.log(`  throughput      ${perHour.toFixed(0)} accounts/hour, projected ${(perHour * 24).toFixed(0)} accounts/day at this limit`);
      console.log(`  importer        ${(progress.importMs / 1000).toFixed(1)} s of ${secs.toFixed(0)} s (${((progress.importMs / 1000 / secs) * 100).toFixed(1)}% of the time)`);
    }
    console.log(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
  } finally {
    clearInterval(sampler);
    await pool.end();
    await pgHandle.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
