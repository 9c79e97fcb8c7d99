/**
 * npm run bench:ingest [-- --higgs <file>] [--twitter <file>] [--posts N] [--accounts N] [--keep]
 *
 * In one run on one database (DATABASE_URL's server, in a fresh database, or an embedded PostgreSQL in a temp
 * dir), prints end-to-end records/s of the real importer for (a) the SNAP Higgs activity file and (b) a generated
 * Twitter v2 file of 1,000,000 posts, the importer's peak memory, and the rate of a raw COPY of the very rows the
 * importer produced into the same tables (emptied first, indexes and foreign keys in place), so the ratio between
 * the importer and the server's own bulk-load ceiling is visible.
 *
 * Env: HIGGS_ACTIVITY_FILE, BENCH_TWITTER_FILE (reuse a generated file), BENCH_POSTS, BENCH_ACCOUNTS.
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { runMigrations, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@renown/core';
import { GraphImporter, limitHeapGrowthForBulkImport, type ImportResult } from '@renown/ingestion';
import { writeGeneratedDataset } from '@renown/ingestion/generator/index.js';

const { values: args } = parseArgs({
  options: {
    higgs: { type: 'string' },
    twitter: { type: 'string' },
    posts: { type: 'string' },
    accounts: { type: 'string' },
    keep: { type: 'boolean', default: false },
    skip: { type: 'string', multiple: true, default: [] },
  },
});

const HIGGS = resolve(args.higgs ?? process.env.HIGGS_ACTIVITY_FILE ?? '../shared/data/snap-higgs-twitter/higgs-activity_time.txt.gz');
const POSTS = Number(args.posts ?? process.env.BENCH_POSTS ?? 1_000_000);
const ACCOUNTS = Number(args.accounts ?? process.env.BENCH_ACCOUNTS ?? Math.max(1_000, Math.round(POSTS / 10)));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** Samples the RSS every 50 ms: the high-water mark of one phase (maxRSS only knows the whole process). */
class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start() {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage.rss())), 50);
    return this;
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return this.peak;
  }
}

/**
 * CPU seconds used by the embedded PostgreSQL server (postmaster and its children, from /proc), so a run on a busy
 * machine still shows how much work each load costs, whatever share of the cores it got.
 */
function postgresCpuSeconds(dataDir: string | null): number | null {
  if (!dataDir || process.platform !== 'linux') return null;
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name); the
      // postmaster's cutime and cstime (16, 17) hold what its children that already exited used (autovacuum
      // workers, closed connections), which would otherwise vanish from the count.
      if (pid === postmaster || ppid === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      if (pid === postmaster) ticks += Number(fields[13]) + Number(fields[14]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

interface CpuMark {
  node: NodeJS.CpuUsage;
  pg: number | null;
}
const cpuMark = (dataDir: string | null): CpuMark => ({ node: process.cpuUsage(), pg: postgresCpuSeconds(dataDir) });
function cpuSince(mark: CpuMark, dataDir: string | null): { node: number; pg: number | null } {
  const d = process.cpuUsage(mark.node);
  const pg = postgresCpuSeconds(dataDir);
  return { node: (d.user + d.system) / 1e6, pg: pg !== null && mark.pg !== null ? pg - mark.pg : null };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function openDatabase(): Promise<{ url: string; close(): Promise<void>; where: string; dataDir: string | null }> {
  if (process.env.DATABASE_URL) {
    const name = `renown_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      where: `database ${name} on DATABASE_URL's server`,
      dataDir: null,
      async close() {
        if (args.keep) return;
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'renown-bench-pg-'));
  chmodSync(dir, 0o755);
  const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
  return {
    url: handle.url,
    where: `embedded PostgreSQL in ${dir}`,
    dataDir: join(dir, 'data'),
    async close() {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The graph tables in foreign-key order, with the platform filter that selects one source's rows. */
const GRAPH_TABLES: { table: string; where: (platform: string) => string }[] = [
  { table: 'social_accounts', where: (p) => `platform = '${p}'` },
  { table: 'account_metrics_history', where: (p) => `account_id IN (SELECT id FROM social_accounts WHERE platform = '${p}')` },
  { table: 'posts', where: (p) => `platform = '${p}'` },
  { table: 'post_metrics_history', where: (p) => `post_id IN (SELECT id FROM posts WHERE platform = '${p}')` },
  { table: 'interactions', where: (p) => `platform = '${p}'` },
];

interface Dump {
  table: string;
  file: string;
  rows: number;
}

/** Writes one platform's rows of every graph table to COPY text files (all columns, ids included). */
async function dumpRows(pool: pg.Pool, platform: string, dir: string): Promise<Dump[]> {
  const dumps: Dump[] = [];
  const client = await pool.connect();
  try {
    for (const { table, where } of GRAPH_TABLES) {
      const file = join(dir, `${platform}-${table}.copy`);
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${table} WHERE ${where(platform)}`);
      await pipeline(client.query(copyTo(`COPY (SELECT * FROM ${table} WHERE ${where(platform)} ORDER BY 1) TO STDOUT`)), createWriteStream(file));
      dumps.push({ table, file, rows: Number(rows[0].n) });
    }
  } finally {
    client.release();
  }
  return dumps;
}

/** COPYs dumped rows back into the (emptied) tables, timed; one transaction like a bulk load would use. */
async function rawCopy(pool: pg.Pool, dumps: Dump[], dataDir: string | null, withoutForeignKeyTriggers = false): Promise<{ seconds: number; rows: number; cpu: { node: number; pg: number | null } }> {
  const client = await pool.connect();
  try {
    const mark = cpuMark(dataDir);
    const started = performance.now();
    await client.query('BEGIN');
    if (withoutForeignKeyTriggers) await client.query('SET LOCAL session_replication_role = replica');
    for (const d of dumps) {
      // COPY writes provided values into GENERATED ALWAYS identity columns (like OVERRIDING SYSTEM VALUE).
      await pipeline(createReadStream(d.file), client.query(copyFrom(`COPY ${d.table} FROM STDIN`)));
    }
    await client.query('COMMIT');
    return { seconds: (performance.now() - started) / 1000, rows: dumps.reduce((s, d) => s + d.rows, 0), cpu: cpuSince(mark, dataDir) };
  } finally {
    client.release();
  }
}

async function tableRows(pool: pg.Pool, platform: string): Promise<number> {
  let n = 0;
  for (const { table, where } of GRAPH_TABLES) n += Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE ${where(platform)}`)).rows[0].n);
  return n;
}

interface Phase {
  name: string;
  file: string;
  records: number;
  unit: string;
  seconds: number;
  peakRss: number;
  cpu: { node: number; pg: number | null };
  result: ImportResult;
  platform: string;
  dumps?: Dump[];
  copy?: { seconds: number; rows: number; cpu: { node: number; pg: number | null } };
  copyNoFk?: { seconds: number; rows: number; cpu: { node: number; pg: number | null } };
}

async function importPhase(importer: GraphImporter, dataDir: string | null, name: string, file: string, format: string, platform: string, unit: string, count: (r: ImportResult) => number): Promise<Phase> {
  global.gc?.();
  const mark = cpuMark(dataDir);
  const sampler = new RssSampler().start();
  const started = performance.now();
  let lastPrint = started;
  const result = await importer.ingestFile(file, {
    format,
    onProgress: ({ counts }) => {
      const now = performance.now();
      if (now - lastPrint > 5_000) {
        lastPrint = now;
        process.stderr.write(`  … ${name}: ${fmt(counts.read)} records read, ${fmt(counts.read / ((now - started) / 1000))}/s, rss ${mb(process.memoryUsage.rss())}\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const peakRss = sampler.stop();
  if (result.status !== 'succeeded') throw new Error(`${name}: import ${result.status}`);
  // Printed now as well as in the summary, so a long run that is interrupted later still leaves its figures.
  const n = count(result);
  console.log(`${name}: imported ${fmt(n)} ${unit} (${fmt(result.counts.read)} records) in ${seconds.toFixed(1)} s = ${fmt(n / seconds)} ${unit}/s, peak RSS ${mb(peakRss)}`);
  return { name, file, records: count(result), unit, seconds, peakRss, cpu: cpuSince(mark, dataDir), result, platform };
}

async function main() {
  // The same process setting as `renown ingest` uses (V8 heap growth factor 2), so the peak RSS is the CLI's.
  limitHeapGrowthForBulkImport();
  if (!args.skip.includes('higgs') && !existsSync(HIGGS)) throw new Error(`SNAP Higgs activity file not found at ${HIGGS}: pass --higgs <path> or HIGGS_ACTIVITY_FILE`);
  const work = mkdtempSync(join(tmpdir(), 'renown-bench-ingest-'));
  const db = await openDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  // pool.end() resolves before its connections are closed: stopping the server then must not crash the report.
  pool.on('error', () => undefined);
  console.log(`bench:ingest — ${db.where}; Node ${process.version}; PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  try {
    await runMigrations(db.url);
    const importer = new GraphImporter(pool, null);
    const phases: Phase[] = [];

    // (b)'s input first, outside any timing: generating is not importing.
    let twitterFile = args.twitter ?? process.env.BENCH_TWITTER_FILE;
    if (!args.skip.includes('twitter') && !twitterFile) {
      twitterFile = join(work, `generated-${POSTS}.jsonl`);
      const t0 = performance.now();
      const s = await writeGeneratedDataset({ accounts: ACCOUNTS, posts: POSTS, format: 'twitter-v2', out: twitterFile, seed: 2026, until: new Date('2026-11-01T00:00:00Z'), users: false, follows: false, truth: false });
      console.log(`generated ${fmt(s.posts)} posts by ${fmt(s.accounts)} accounts (${mb(statSync(twitterFile).size)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${twitterFile}`);
    }

    if (!args.skip.includes('higgs')) {
      phases.push(await importPhase(importer, db.dataDir, '(a) SNAP Higgs activity', HIGGS, 'edge-list', 'snap', 'interactions', (r) => r.counts.read));
    }
    if (!args.skip.includes('twitter') && twitterFile) {
      phases.push(await importPhase(importer, db.dataDir, '(b) generated Twitter v2', twitterFile, 'twitter-v2', 'twitter', 'posts', (r) => r.counts.byEntity.posts.inserted));
    }

    // The same normalized rows, raw COPY into the same tables (emptied; indexes and foreign keys in place).
    // Fresh statistics after the bulk load, or the dump queries below may pick nested loops over seq scans.
    await pool.query('ANALYZE');
    for (const p of phases) p.dumps = await dumpRows(pool, p.platform, work);
    await pool.query(`TRUNCATE ${GRAPH_TABLES.map((t) => t.table).reverse().join(', ')} CASCADE`);
    for (const p of phases) {
      p.copy = await rawCopy(pool, p.dumps!, db.dataDir);
      const back = await tableRows(pool, p.platform);
      if (back !== p.copy.rows) throw new Error(`${p.name}: COPY restored ${back} rows, expected ${p.copy.rows}`);
    }

    // For reference only: the same COPY with PostgreSQL's per-row foreign-key triggers off (a superuser's
    // session_replication_role = replica). The importer, when it may, COPYs new rows that way too and keeps the
    // foreign keys by locking the referenced rows itself (FOR KEY SHARE); the ratio above stays against the COPY
    // with the triggers, the server's standard bulk load into these tables.
    const superuser = (await pool.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]?.rolsuper === true;
    if (superuser) {
      await pool.query(`TRUNCATE ${GRAPH_TABLES.map((t) => t.table).reverse().join(', ')} CASCADE`);
      for (const p of phases) p.copyNoFk = await rawCopy(pool, p.dumps!, db.dataDir, true);
    }

    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes on the machine slow both the importer and COPY)`);
    for (const p of phases) {
      const rows = p.copy!.rows;
      const importRate = p.records / p.seconds;
      const copyRecordRate = p.records / p.copy!.seconds;
      const c = p.result.counts;
      console.log(`${p.name}: ${p.file} (${mb(statSync(p.file).size)})`);
      console.log(`  import end to end : ${fmt(p.records)} ${p.unit} (${fmt(c.read)} records read, ${fmt(c.quarantined)} quarantined) in ${p.seconds.toFixed(1)} s = ${fmt(importRate)} ${p.unit}/s, ${fmt(rows / p.seconds)} rows/s`);
      console.log(`  rows written      : ${p.dumps!.map((d) => `${d.table} ${fmt(d.rows)}`).join(', ')} = ${fmt(rows)}`);
      console.log(`  raw COPY same rows: ${p.copy!.seconds.toFixed(1)} s = ${fmt(rows / p.copy!.seconds)} rows/s (${fmt(copyRecordRate)} ${p.unit}/s equivalent)`);
      console.log(`  import / raw COPY : ${(importRate / copyRecordRate).toFixed(2)} (target >= 0.50)`);
      console.log(`  peak RSS (sampled): ${mb(p.peakRss)} (target < 500 MB)`);
      const cpuLine = (cpu: { node: number; pg: number | null }) => {
        const total = cpu.node + (cpu.pg ?? 0);
        return `node ${cpu.node.toFixed(1)} s + postgres ${cpu.pg === null ? 'n/a' : `${cpu.pg.toFixed(1)} s`} = ${fmt(p.records / total)} ${p.unit} per CPU-second`;
      };
      console.log(`  CPU, import       : ${cpuLine(p.cpu)}`);
      console.log(`  CPU, raw COPY     : ${cpuLine(p.copy!.cpu)}`);
      if (p.copyNoFk) {
        console.log(`  (reference) raw COPY without FK triggers: ${p.copyNoFk.seconds.toFixed(1)} s = ${fmt(p.records / p.copyNoFk.seconds)} ${p.unit}/s; CPU ${cpuLine(p.copyNoFk.cpu)}`);
      }
      if (p.cpu.pg !== null && p.copy!.cpu.pg !== null) {
        console.log(`  import / raw COPY in CPU: ${((p.copy!.cpu.node + p.copy!.cpu.pg) / (p.cpu.node + p.cpu.pg)).toFixed(2)} (CPU the raw COPY needs per CPU the import needs, for the same rows)`);
      }
    }
    const twitter = phases.find((p) => p.platform === 'twitter');
    if (twitter) console.log(`\n(b) posts/s: ${fmt(twitter.records / twitter.seconds)} (target >= 50,000)`);
    console.log(`process maxRSS (whole run, incl. generation and dumps): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await pool.end();
    await db.close();
    if (!args.keep) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
