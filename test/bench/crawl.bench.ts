/*
 * npm run bench:crawl [-- --scale 25] [--seconds-bluesky 120] [--seconds-mastodon 180] [--latency 100] [--concurrency 4]
 *
 * A crawl of "cars, electric vehicles" against the local fake AppView and instance, set to the networks' real
 * published limits (Bluesky 3,000 requests per 5 minutes, Mastodon 300 per 5 minutes) with 100 ms of latency on
 * every answer, in a fresh embedded PostgreSQL. Each network is crawled until its world is exhausted or the time
 * is up. Prints requests per second against the limit (and the peak in any window, which must stay under it),
 * accounts fully fetched per hour and projected per day, the importer's share of the time, and peak memory.
 *
 * The automotive world is built at `--scale` (people per network times the scale: 70 Bluesky and 54 Mastodon
 * accounts at 1). The default, 25 (1,750 and 1,350 accounts), is more than a 120 s Bluesky crawl can fetch, so the
 * figures are the steady state, not a small world running dry. The fakes run in a child process (this same script
 * with --serve-fakes): a large world is hundreds of MB that a real crawl would not hold, so the peak RSS printed is
 * the crawling process's alone, and the fakes' is printed beside it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runMigrations, startEmbeddedPostgres } from '@renown/core';
import { GraphImporter } from '@renown/ingestion';
import { createConnector, CrawlRunner, CrawlStore, PUBLISHED_LIMITS } from '@renown/sources';
import { buildAutomotiveWorld, startFakeBlueskyAppView, startFakeMastodonInstance, type FakeServer, type FakeServerStats } from '../support/fake-networks/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SCALE = opt('scale', 25);
const LATENCY = opt('latency', 100);
const CONCURRENCY = opt('concurrency', 4);
/** The open networks this benchmark crawls. */
type NetworkName = 'bluesky' | 'mastodon';
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
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

interface WorldSize {
  accounts: number;
  carPeople: number;
  findable: number;
  posts: number;
  edges: number;
}

/** Parent <-> fakes' process messages. */
type ToFakes = { type: 'start'; network: NetworkName } | { type: 'stop' } | { type: 'exit' };
type FromFakes =
  | { type: 'world'; buildMs: number; sizes: Record<NetworkName, WorldSize> }
  | { type: 'started'; url: string }
  | { type: 'stopped'; stats: FakeServerStats }
  | { type: 'bye'; peakRss: number };

/** The child: builds the world, serves one network at a time at its published limit, reports the server's stats. */
async function serveFakes() {
  const send = (m: FromFakes) => process.send!(m);
  process.on('disconnect', () => process.exit(0));
  const t0 = performance.now();
  const world = buildAutomotiveWorld(1, { scale: SCALE });
  const size = (network: NetworkName): WorldSize => ({
    accounts: world.people[network].length,
    carPeople: world.carPeople(network).length,
    findable: world.people[network].filter((p) => p.findableBySearch).length,
    posts: network === 'bluesky' ? world.bluesky.posts.length : world.mastodon.statuses.length,
    edges:
      network === 'bluesky'
        ? world.bluesky.likes.length + world.bluesky.reposts.length + world.bluesky.follows.length
        : world.mastodon.favourites.length + world.mastodon.reblogs.length + world.mastodon.follows.length,
  });
  send({ type: 'world', buildMs: performance.now() - t0, sizes: { bluesky: size('bluesky'), mastodon: size('mastodon') } });
  let server: FakeServer | null = null;
  process.on('message', (m: ToFakes) => {
    void (async () => {
      if (m.type === 'start') {
        const limit = PUBLISHED_LIMITS[m.network];
        server = m.network === 'bluesky'
          ? await startFakeBlueskyAppView(world.bluesky, { rateLimit: limit, latencyMs: LATENCY })
          : await startFakeMastodonInstance(world.mastodon, { rateLimit: limit, latencyMs: LATENCY });
        send({ type: 'started', url: server.url });
      } else if (m.type === 'stop') {
        const stats = server!.stats();
        await server!.close();
        server = null;
        send({ type: 'stopped', stats });
      } else {
        clearInterval(sampler);
        send({ type: 'bye', peakRss });
        process.disconnect();
      }
    })().catch((err) => {
      console.error(err);
      process.exit(1);
    });
  });
}

/** The fakes' process, and a way to wait for its next message of a kind. */
function startFakes(): { child: ChildProcess; next: <T extends FromFakes['type']>(type: T) => Promise<Extract<FromFakes, { type: T }>> } {
  const child = fork(fileURLToPath(import.meta.url), ['--serve-fakes', '--scale', String(SCALE), '--latency', String(LATENCY)], { stdio: 'inherit' });
  const waiting: { type: string; resolve: (m: FromFakes) => void; reject: (err: Error) => void }[] = [];
  const early: FromFakes[] = [];
  child.on('message', (m: FromFakes) => {
    const at = waiting.findIndex((w) => w.type === m.type);
    if (at >= 0) waiting.splice(at, 1)[0].resolve(m);
    else early.push(m);
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the fakes' process exited (${code}) before answering ${w.type}`));
  });
  const next = <T extends FromFakes['type']>(type: T) =>
    new Promise<Extract<FromFakes, { type: T }>>((resolve, reject) => {
      const at = early.findIndex((m) => m.type === type);
      if (at >= 0) return resolve(early.splice(at, 1)[0] as Extract<FromFakes, { type: T }>);
      waiting.push({ type, resolve: resolve as (m: FromFakes) => void, reject });
    });
  return { child, next };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'renown-bench-crawl-'));
  chmodSync(dir, 0o755);
  const fakes = startFakes();
  const ask = (m: ToFakes) => fakes.child.send(m);
  const pgHandle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
  const pool = new pg.Pool({ connectionString: pgHandle.url, max: 10 });
  try {
    await runMigrations(pgHandle.url);
    const { buildMs, sizes } = await fakes.next('world');
    const { bluesky: b, mastodon: m } = sizes;
    console.log(`world: scale ${SCALE}, bluesky ${b.accounts} accounts (${b.carPeople} car people, ${b.findable} found by search; ${b.posts} posts, ${b.edges} likes, reposts and follows), mastodon ${m.accounts} (${m.carPeople}, ${m.findable}; ${m.posts}, ${m.edges}); built in ${(buildMs / 1000).toFixed(1)} s; latency ${LATENCY} ms per answer; concurrency ${CONCURRENCY}`);
    for (const network of ['bluesky', 'mastodon'] as const) {
      const limit = PUBLISHED_LIMITS[network];
      ask({ type: 'start', network });
      const { url } = await fakes.next('started');
      const connector = createConnector(network, { appviewUrl: url, instanceUrl: url, userAgent: 'Renown-bench/0.1 (+https://renown.example)' });
      const store = new CrawlStore(pool);
      const crawl = await store.create({ brandId: null, network, origin: url, terms: ['cars', 'electric vehicles'], topicSlugs: ['cars', 'electric-cars'], maxAccounts: 100_000, maxHours: null });
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), SECONDS[network] * 1000);
      const t0 = performance.now();
      const progress = await new CrawlRunner(pool, new GraphImporter(pool), connector, { signal: stop.signal, concurrency: CONCURRENCY }).run(crawl.id);
      clearTimeout(timer);
      const secs = (performance.now() - t0) / 1000;
      await connector.close?.();
      ask({ type: 'stop' });
      const { stats } = await fakes.next('stopped');
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
    ask({ type: 'exit' });
    const { peakRss: fakesRss } = await fakes.next('bye');
    console.log(`\npeak RSS ${mb(peakRss)} MB (the crawling process; the fakes' process, which holds the world, ${mb(fakesRss)} MB)`);
  } finally {
    clearInterval(sampler);
    if (fakes.child.connected) fakes.child.disconnect();
    await pool.end();
    await pgHandle.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

(args.includes('--serve-fakes') ? serveFakes() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
