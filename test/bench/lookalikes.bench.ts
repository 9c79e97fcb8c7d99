/*
 * npm run bench:lookalikes [-- --extra-accounts N] [--extra-interactions M] [--seeds K]
 *
 * "More like this" on the demo dataset plus N synthetic accounts (5 topics each among the demo's topics)
 * and M synthetic interactions, in a fresh embedded PostgreSQL: latency of LookalikeService over K seed
 * accounts (p50/p99, candidates scored), then EXPLAIN ANALYZE of every statement one call runs, flagging
 * any sequential scan of a large table. Prints numbers with data sizes; asserts nothing.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations, startEmbeddedPostgres } from '@renown/core';
import { loadDemoSocialGraph } from '../../apps/cli/src/demo/demo-social-graph.js';
import { LookalikeRepository } from '../../libs/discovery/src/lists/lookalikes/lookalike.repository.js';
import { LookalikeService } from '../../libs/discovery/src/lists/lookalikes/lookalike.service.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const EXTRA_ACCOUNTS = Number(opt('extra-accounts', '200000'));
const EXTRA_INTERACTIONS = Number(opt('extra-interactions', '2000000'));
const SEEDS = Number(opt('seeds', '50'));
const LARGE_TABLES = ['social_accounts', 'account_topics', 'interactions', 'account_topic_hides'];

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'renown-bench-lookalikes-'));
  chmodSync(dir, 0o755);
  const pgHandle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
  const ds = new DataSource(dataSourceOptions(pgHandle.url));
  try {
    await runMigrations(pgHandle.url);
    const t0 = performance.now();
    const demo = await loadDemoSocialGraph(pgHandle.url, join(dir, 'demo'));
    console.log(`demo dataset: ${demo.accounts.toLocaleString('en')} accounts, ${demo.posts.toLocaleString('en')} posts (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

    const pool = new pg.Pool({ connectionString: pgHandle.url, max: 2 });
    const t1 = performance.now();
    // Synthetic bulk: accounts with 5 topics drawn from the topics the demo uses, and random interactions
    // among all accounts (so indexes, not table size, must bound every statement).
    await pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, is_stub)
       SELECT 'twitter', 'bench-' || g, 'bench_' || g, (random() * 100000)::bigint, false FROM generate_series(1, $1) g`,
      [EXTRA_ACCOUNTS],
    );
    await pool.query(
      `WITH used AS (SELECT array_agg(DISTINCT topic_id) AS ids FROM account_topics),
            acc AS (SELECT id FROM social_accounts WHERE external_id LIKE 'bench-%')
       INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
       SELECT acc.id, used.ids[1 + ((acc.id * 7919 + k * 104729) % cardinality(used.ids))], k, random(), 0, 0, 1, 1, 0, now()
         FROM acc, used, generate_series(1, 5) k
       ON CONFLICT DO NOTHING`,
    );
    await pool.query(
      `WITH b AS (SELECT min(id) AS lo, max(id) AS hi FROM social_accounts)
       INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', a, t, 'like', now() - make_interval(secs => g) FROM (
         SELECT g, b.lo + (random() * (b.hi - b.lo))::bigint AS a, b.lo + (random() * (b.hi - b.lo))::bigint AS t FROM b, generate_series(1, $1) g) x
        WHERE a <> t AND EXISTS (SELECT 1 FROM social_accounts WHERE id = a) AND EXISTS (SELECT 1 FROM social_accounts WHERE id = t)
       ON CONFLICT DO NOTHING`,
      [EXTRA_INTERACTIONS],
    );
    await pool.query('ANALYZE');
    const sizes = (await pool.query(
      `SELECT (SELECT count(*) FROM social_accounts) AS accounts, (SELECT count(*) FROM account_topics) AS account_topics, (SELECT count(*) FROM interactions) AS interactions`,
    )).rows[0];
    console.log(
      `data: ${Number(sizes.accounts).toLocaleString('en')} accounts, ${Number(sizes.account_topics).toLocaleString('en')} account topics, ${Number(sizes.interactions).toLocaleString('en')} interactions (synthetic part loaded in ${((performance.now() - t1) / 1000).toFixed(0)} s)`,
    );

    await ds.initialize();
    // Records every statement the service runs, to EXPLAIN them afterwards.
    let recording: { sql: string; params: unknown[] }[] | null = null;
    const recorder = new Proxy(ds, {
      get(target, prop, receiver) {
        if (prop === 'query') {
          return (sql: string, params: unknown[] = []) => {
            recording?.push({ sql, params });
            return target.query(sql, params);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const service = new LookalikeService(new LookalikeRepository(recorder as DataSource), { rowsForAccounts: async () => [] } as never, {} as never);

    // Seeds from the demo graph (they have real topics and audiences).
    const seeds: string[] = (await pool.query(
      `SELECT a.id::text AS id FROM social_accounts a WHERE a.external_id NOT LIKE 'bench-%' AND NOT a.is_stub
          AND EXISTS (SELECT 1 FROM account_topics t WHERE t.account_id = a.id) ORDER BY a.id LIMIT $1`,
      [SEEDS],
    )).rows.map((r) => r.id);
    const times: number[] = [];
    const considered: number[] = [];
    for (const seed of seeds) await service.lookalikes('00000000-0000-0000-0000-000000000000' as never, seed, 20); // warm-up
    for (const seed of seeds) {
      const start = performance.now();
      const r = await service.lookalikes('00000000-0000-0000-0000-000000000000' as never, seed, 20);
      times.push(performance.now() - start);
      considered.push(r.candidatesConsidered);
    }
    console.log(
      `lookalikes (first 20) over ${seeds.length} seeds, one client: p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms; candidates scored per call: median ${pct(considered, 50)}, max ${Math.max(...considered)}`,
    );

    // Plans of one call, for the seed with the largest audience.
    const big = (await pool.query(
      `SELECT a.id::text AS id FROM unnest($1::bigint[]) a(id) ORDER BY (SELECT count(*) FROM interactions i WHERE i.target_account_id = a.id) DESC LIMIT 1`,
      [seeds],
    )).rows[0].id;
    recording = [];
    await service.lookalikes('00000000-0000-0000-0000-000000000000' as never, big, 20);
    const statements = recording;
    recording = null;
    // A sequential scan of a table with few rows is the planner's right choice (e.g. an empty hides table); only
    // one over a large table would mean a statement grows with the data.
    const rowCounts = new Map<string, number>(
      (await pool.query(`SELECT relname, reltuples::bigint AS n FROM pg_class WHERE relname = ANY($1)`, [LARGE_TABLES])).rows.map((r) => [r.relname, Number(r.n)]),
    );
    const seqScans: string[] = [];
    for (const [i, s] of statements.entries()) {
      const plan = (await pool.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${s.sql}`, s.params)).rows.map((r) => r['QUERY PLAN'] as string);
      console.log(`\n-- statement ${i + 1}: ${s.sql.replace(/\s+/g, ' ').slice(0, 110)}...`);
      for (const line of plan) console.log(`   ${line}`);
      for (const line of plan) {
        const m = line.match(/Seq Scan on (\w+)/);
        if (m && LARGE_TABLES.includes(m[1]) && (rowCounts.get(m[1]) ?? 0) > 10_000) seqScans.push(`statement ${i + 1}: ${line.trim()} (${rowCounts.get(m[1])} rows)`);
      }
    }
    console.log(
      seqScans.length
        ? `\nSEQUENTIAL SCANS OF LARGE TABLES:\n${seqScans.join('\n')}`
        : `\nno sequential scan of a table over 10,000 rows (${LARGE_TABLES.map((t) => `${t} ${rowCounts.get(t) ?? 0}`).join(', ')}) in any statement`,
    );
    await pool.end();
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pgHandle.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
