/*
 * npm run bench:score [-- --higgs <dir>] [--accounts N] [--interactions M] [--skip-graphology]
 *
 * Per-stage times and peak memory of a full scoring run (the real InfluenceScoringRun against a real
 * PostgreSQL) on the SNAP Higgs graph and on a generated graph, then the PageRank step side by side with
 * graphology-metrics' pagerank on the same graph. Prints numbers with data sizes; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { runMigrations, startEmbeddedPostgres } from '@renown/core';
import { buildCsrGraph, buildEngagementGraph, type EngagementGraph, InfluenceScoreStore, InfluenceScoringRun, pagerank, pagerankParallel, type ScoringInput } from '@renown/scoring';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const HIGGS = opt('higgs', resolve(process.cwd(), '../shared/data/snap-higgs-twitter'));
const ACCOUNTS = Number(opt('accounts', '1000000'));
const INTERACTIONS = Number(opt('interactions', '10000000'));
const GRAPHOLOGY_CAP_S = Number(opt('graphology-cap-seconds', '120'));
const GRAPHOLOGY_HEAP_MB = Number(opt('graphology-heap-mb', '4096'));

const mb = (b: number) => Math.round(b / 2 ** 20);

/** CPU seconds used so far by the embedded PostgreSQL (postmaster, its reaped children, live backends). */
function postgresCpuSeconds(dataDir: string): number {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // After cutting "pid (comm) " the array starts at field 3 (state): utime/stime/cutime/cstime are 12..15.
    const ticks = (stat: string[], withChildren: boolean) => Number(stat[12]) + Number(stat[13]) + (withChildren ? Number(stat[14]) + Number(stat[15]) : 0);
    const statOf = (p: number | string) => readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, 'x ').split(' ');
    let total = ticks(statOf(pid), true);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const st = statOf(entry);
        if (Number(st[2]) === pid) total += ticks(st, false);
      } catch {
        // gone
      }
    }
    return total / 100;
  } catch {
    return NaN;
  }
}
let PG_DATA_DIR = '';

async function freshDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await runMigrations(u.toString());
  return u.toString();
}

/** Bench-only: drop the interaction indexes/constraints while bulk loading (the run does full scans). */
async function loadWithoutIndexes(pool: pg.Pool, load: () => Promise<void>) {
  await pool.query(`ALTER TABLE interactions DROP CONSTRAINT interactions_edge_key, DROP CONSTRAINT interactions_actor_account_id_fkey, DROP CONSTRAINT interactions_target_account_id_fkey`);
  await pool.query(`DROP INDEX IF EXISTS interactions_target_occurred_at_idx, interactions_actor_occurred_at_idx`);
  await load();
  // As a long-lived table would be by the time of a daily run: vacuumed (visibility map set, hint bits written),
  // so autovacuum of the freshly loaded rows does not compete with the timed run.
  await pool.query(`VACUUM (ANALYZE) social_accounts`);
  await pool.query(`VACUUM (ANALYZE) interactions`);
}

async function copyRows(pool: pg.Pool, sql: string, lines: Iterable<string>) {
  const client = await pool.connect();
  try {
    await pipeline(
      Readable.from(
        (function* () {
          let b = '';
          for (const l of lines) {
            b += l;
            if (b.length > 1 << 16) {
              yield b;
              b = '';
            }
          }
          if (b) yield b;
        })(),
      ),
      client.query(copyStreams.from(sql)),
    );
  } finally {
    client.release();
  }
}

async function scoringRun(pool: pg.Pool, asOf: Date) {
  let graph: { eg: EngagementGraph; input: ScoringInput } | null = null;
  const pgBefore = postgresCpuSeconds(PG_DATA_DIR);
  // PostgreSQL CPU per stage: sampled as each stage begins (the 'starting' stage has none of its own).
  const pgStageCpu: Record<string, number> = {};
  let current = 'starting';
  let mark = pgBefore;
  const report = await new InfluenceScoringRun(new InfluenceScoreStore(pool)).execute({
    trigger: 'bench',
    asOf,
    threads: 2,
    onGraph: (eg, input) => (graph = { eg, input }),
    onStage: (stage) => {
      const now = postgresCpuSeconds(PG_DATA_DIR);
      pgStageCpu[current] = now - mark;
      mark = now;
      current = stage;
    },
  });
  return { report, pgCpuSeconds: postgresCpuSeconds(PG_DATA_DIR) - pgBefore, pgStageCpu, graph: graph! };
}

function printRun(label: string, { report, pgCpuSeconds, pgStageCpu }: { report: Awaited<ReturnType<InfluenceScoringRun['execute']>>; pgCpuSeconds: number; pgStageCpu: Record<string, number> }) {
  const total = Object.values(report.stageTimings).reduce((a, b) => a + b, 0);
  console.log(`\n== scoring run: ${label} ==`);
  console.log(`accounts ${report.accountsScored.toLocaleString('en')}, engagement pairs ${report.pairs.toLocaleString('en')}, PageRank iterations ${report.pagerankIterations}`);
  const cpuTotal = Object.values(report.stageCpu).reduce((a, b) => a + b, 0);
  const pgTotal = Object.values(pgStageCpu).reduce((a, b) => a + b, 0);
  const pgOf = (stage: string) => (pgStageCpu[stage] === undefined ? '' : `${pgStageCpu[stage].toFixed(2).padStart(8)} s`);
  console.log(`  ${'stage'.padEnd(24)} ${'wall'.padStart(9)} ${'node CPU'.padStart(10)} ${'PG CPU'.padStart(10)}`);
  for (const [stage, ms] of Object.entries(report.stageTimings)) console.log(`  ${stage.padEnd(24)} ${(ms / 1000).toFixed(2).padStart(7)} s ${((report.stageCpu[stage] ?? 0) / 1000).toFixed(2).padStart(8)} s ${pgOf(stage)}`);
  console.log(`  ${'TOTAL'.padEnd(24)} ${(total / 1000).toFixed(2).padStart(7)} s ${(cpuTotal / 1000).toFixed(2).padStart(8)} s ${pgTotal.toFixed(2).padStart(8)} s`);
  console.log(`  machine load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores shared with other work: wall times inflate with it)`);
  console.log(`  PostgreSQL server CPU during the run: ${pgCpuSeconds.toFixed(2)} s (node CPU + PostgreSQL CPU = ${(cpuTotal / 1000 + pgCpuSeconds).toFixed(2)} s of work)`);
  console.log(`  peak RSS (process so far) ${report.peakRssMb} MB`);
}

async function pagerankSideBySide(label: string, { input }: { input: ScoringInput }, workDir: string) {
  let t = performance.now();
  const cb = process.cpuUsage();
  const eg = buildEngagementGraph(input, { shared: true });
  const buildMs = performance.now() - t;
  const buildCpu = process.cpuUsage(cb);
  t = performance.now();
  const c1 = process.cpuUsage();
  const one = pagerank(eg.graph, { restart: eg.restart, tolerance: 1e-6 });
  const oneMs = performance.now() - t;
  const oneCpu = process.cpuUsage(c1);
  t = performance.now();
  const two = await pagerankParallel(eg.graph, { restart: eg.restart, tolerance: 1e-6, threads: 2 });
  const twoMs = performance.now() - t;
  console.log(`\n== PageRank side by side: ${label} (${input.accountCount.toLocaleString('en')} nodes, ${eg.graph.edgeCount.toLocaleString('en')} edges, tolerance 1e-6) ==`);
  // The like-for-like graph build: the same (actor, target) edge list graphology gets, into our CSR.
  t = performance.now();
  const cc = process.cpuUsage();
  const plain = buildCsrGraph(input.accountCount, { sources: input.pairs.actor, targets: input.pairs.target, length: input.pairs.length });
  const plainMs = performance.now() - t;
  const plainCpu = process.cpuUsage(cc);
  const plainRun = pagerank(plain, { tolerance: 1e-6 });
  const plainPrMs = performance.now() - t - plainMs;
  const plainAllCpu = process.cpuUsage(cc);
  console.log(`  scoring graph build        ${(buildMs / 1000).toFixed(3)} s (CPU ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(3)} s; engagement weights, reciprocity, quality, CSR)`);
  console.log(`  plain CSR build            ${(plainMs / 1000).toFixed(3)} s (CPU ${((plainCpu.user + plainCpu.system) / 1e6).toFixed(3)} s; same edge list as graphology)`);
  console.log(`  plain CSR PageRank, 1 thr. ${(plainPrMs / 1000).toFixed(3)} s (${plainRun.iterations} iterations)`);
  console.log(`  typed-array, 1 thread      ${(oneMs / 1000).toFixed(3)} s (${one.iterations} iterations, ${(oneMs / one.iterations).toFixed(1)} ms/iteration; CPU ${((oneCpu.user + oneCpu.system) / 1e6).toFixed(3)} s)`);
  console.log(`  typed-array, 2 threads     ${(twoMs / 1000).toFixed(3)} s (${two.iterations} iterations, ${(twoMs / two.iterations).toFixed(1)} ms/iteration)`);
  // Like for like: graphology builds its graph from the edge list and runs its pagerank; we build the
  // plain CSR from the same list and run ours.
  const ours = (plainMs + plainPrMs) / 1000;
  const oursCpu = (plainAllCpu.user + plainAllCpu.system) / 1e6;
  if (args.includes('--skip-graphology')) return;
  const file = join(workDir, `${label.replace(/\W+/g, '-')}.edges`);
  const pairs = new Int32Array(2 * input.pairs.length);
  for (let e = 0; e < input.pairs.length; e++) {
    pairs[2 * e] = input.pairs.actor[e];
    pairs[2 * e + 1] = input.pairs.target[e];
  }
  writeFileSync(file, Buffer.from(pairs.buffer));
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${GRAPHOLOGY_HEAP_MB}`, fileURLToPath(new URL('./score-graphology-child.js', import.meta.url)), file, String(input.accountCount), String(GRAPHOLOGY_CAP_S * 1000)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`  graphology-metrics         FAILED (exit ${child.status}, signal ${child.signal}; heap cap ${GRAPHOLOGY_HEAP_MB} MB): ${child.stderr.split('\n').filter((l) => /heap|memory|Error/.test(l)).slice(0, 2).join(' | ')}`);
    return;
  }
  const g = JSON.parse(line);
  if (g.capHit) {
    const projected = (input.pairs.length / g.edgesPerSecond);
    const projectedCpu = (g.cpuSeconds * input.pairs.length) / g.edgesAdded;
    console.log(`  graphology-metrics         time cap hit (${GRAPHOLOGY_CAP_S} s wall) while building: ${g.edgesAdded.toLocaleString('en')} of ${input.pairs.length.toLocaleString('en')} edges added, ${g.edgesPerSecond.toLocaleString('en')} edges/s wall, CPU ${g.cpuSeconds.toFixed(1)} s, RSS ${g.rssMb} MB`);
    console.log(`  speed-up (lower bound)     wall ≥ ${(GRAPHOLOGY_CAP_S / ours).toFixed(0)}x; CPU ≥ ${(projectedCpu / oursCpu).toFixed(0)}x (graphology's build alone, extrapolated at its measured CPU rate, ${projectedCpu.toFixed(0)} s CPU, vs our CSR build + 1-thread PageRank ${oursCpu.toFixed(2)} s CPU on the same edge list)`);
  } else {
    console.log(`  graphology-metrics         build ${g.buildSeconds.toFixed(2)} s + pagerank ${g.pagerankSeconds.toFixed(2)} s = ${g.totalSeconds.toFixed(2)} s (CPU ${g.cpuSeconds.toFixed(2)} s), peak RSS ${g.rssMb} MB`);
    console.log(`  speed-up                   wall ${(g.totalSeconds / ours).toFixed(0)}x, CPU ${(g.cpuSeconds / oursCpu).toFixed(0)}x (graph building included on both sides)`);
  }
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'renown-bench-'));
  chmodSync(workDir, 0o755);
  const port = 20000 + Math.floor(Math.random() * 20000);
  PG_DATA_DIR = join(workDir, 'pg');
  const embedded = await startEmbeddedPostgres({ dataDir: PG_DATA_DIR, port, log: () => undefined, persistent: false });
  console.log(`bench:score on ${process.version}, ${embedded.url.replace(/:[^:@/]*@/, ':***@')}`);
  try {
    // --- SNAP Higgs (activity file: retweets, mentions, replies with timestamps) ---
    const higgsUrl = await freshDatabase(embedded.url, 'bench_higgs');
    // Idle connections are kept: one closing during the run moves its CPU (tens of seconds after the load) from the
    // live backends to the postmaster's reaped children, and the per-stage PostgreSQL CPU jumped back and forth.
    const higgs = new pg.Pool({ connectionString: higgsUrl, max: 4, idleTimeoutMillis: 0 });
    const raw = gunzipSync(readFileSync(join(HIGGS, 'higgs-activity_time.txt.gz'))).toString('utf8').trim().split('\n');
    const users = new Map<string, number>();
    const typeOf: Record<string, string> = { RT: 'repost', MT: 'mention', RE: 'reply' };
    let maxTs = 0;
    const rows = raw.map((l) => {
      const [a, b, ts, type] = l.split(' ');
      for (const u of [a, b]) if (!users.has(u)) users.set(u, users.size + 1);
      maxTs = Math.max(maxTs, Number(ts));
      return [users.get(a)!, users.get(b)!, Number(ts), typeOf[type]] as const;
    });
    let t = performance.now();
    await loadWithoutIndexes(higgs, async () => {
      await copyRows(higgs, `COPY social_accounts (platform, external_id) FROM STDIN`, (function* () {
        for (const u of users.keys()) yield `snap\t${u}\n`;
      })());
      await copyRows(higgs, `COPY interactions (platform, actor_account_id, target_account_id, type, occurred_at) FROM STDIN`, (function* () {
        for (const [a, b, ts, type] of rows) yield `snap\t${a}\t${b}\t${type}\t${new Date(ts * 1000).toISOString()}\n`;
      })());
    });
    console.log(`loaded Higgs: ${users.size.toLocaleString('en')} accounts, ${rows.length.toLocaleString('en')} interactions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const higgsAsOf = new Date((maxTs + 86400) * 1000);
    const higgsRun = await scoringRun(higgs, higgsAsOf);
    printRun(`SNAP Higgs (${users.size.toLocaleString('en')} accounts, ${rows.length.toLocaleString('en')} interactions)`, higgsRun);
    await pagerankSideBySide('SNAP Higgs', higgsRun.graph, workDir);
    await higgs.end();

    // --- generated: ACCOUNTS accounts, INTERACTIONS interactions, power-law targets ---
    const genUrl = await freshDatabase(embedded.url, 'bench_generated');
    const gen = new pg.Pool({ connectionString: genUrl, max: 4, idleTimeoutMillis: 0 });
    const asOf = new Date('2026-11-01T00:00:00Z');
    t = performance.now();
    await loadWithoutIndexes(gen, async () => {
      await gen.query(
        `INSERT INTO social_accounts (platform, external_id, followers_count, following_count, listed_count, posts_count, account_created_at)
         SELECT 'bench', g::text, floor(10 ^ (random() * 5)), floor(10 ^ (random() * 3.5)), floor(10 ^ (random() * 2.5)) - 1, floor(10 ^ (random() * 4)),
                $2::timestamptz - random() * interval '3000 days'
         FROM generate_series(1, $1) g`,
        [ACCOUNTS, asOf.toISOString()],
      );
      // In chunks, both cores: actors uniform, targets skewed (random()^3) so a few accounts get most engagement.
      const chunk = 1_000_000;
      const jobs: Promise<unknown>[] = [];
      for (let done = 0; done < INTERACTIONS; done += chunk) {
        jobs.push(
          gen.query(
            `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
             SELECT 'bench', 1 + floor(random() * $1)::bigint, 1 + floor($1 * random() ^ 3)::bigint,
                    (ARRAY['repost','like','like','reply','mention','quote','follow'])[1 + floor(random() * 7)::int],
                    $3::timestamptz - random() * interval '90 days'
             FROM generate_series(1, $2)`,
            [ACCOUNTS, Math.min(chunk, INTERACTIONS - done), asOf.toISOString()],
          ),
        );
        if (jobs.length === 2) await Promise.all(jobs.splice(0));
      }
      await Promise.all(jobs);
    });
    console.log(`\nloaded generated graph: ${ACCOUNTS.toLocaleString('en')} accounts, ${INTERACTIONS.toLocaleString('en')} interactions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const genRun = await scoringRun(gen, asOf);
    printRun(`generated (${ACCOUNTS.toLocaleString('en')} accounts, ${INTERACTIONS.toLocaleString('en')} interactions)`, genRun);
    console.log(`  peak RSS of the bench process ${mb(process.resourceUsage().maxRSS * 1024)} MB (includes the Higgs run)`);
    await pagerankSideBySide('generated', genRun.graph, workDir);
    await gen.end();
  } finally {
    await embedded.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
