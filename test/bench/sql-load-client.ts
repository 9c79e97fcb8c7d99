/*
 * Child process of bench:search: the bare SQL paths (the first page's statements, and the ranking statement
 * alone) through node-postgres, in a process of their own. In the API's process they shared V8's compiled code
 * and type feedback for node-postgres with the server, and their Node CPU per request moved by a quarter with
 * what the server had been doing in the other slices (e.g. 0.8 vs 1.1 ms with and without the session check's
 * query): a bare path must not depend on that. This process reports its own CPU, which is the bare path's Node
 * side.
 *
 * Protocol (IPC, advanced serialization): the parent sends a Setup once, then phases
 * { path: 'page' | 'rank', phase: 'single' | 'many', requests?, clients?, seconds? }; each answer is
 * { done, latencies, cpuSeconds } or { error }.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { asBrandId } from '../../libs/accounts/src/index.js';
import { COUNT_USAGE_SQL, usagePeriodStart } from '../../libs/billing/src/index.js';
import { influencerRowsStatement, rankAndStoreStatement, SEARCH_TTL_HOURS } from '../../libs/discovery/src/index.js';
import { type Phase, serveLoad } from './load-phases.js';

interface Setup {
  connectionString: string;
  clients: number;
  brandId: string;
  query: string;
  firstPage: { sql: string; params: unknown[] };
  stored: { filter: unknown; interpretation: unknown };
  topicIds: string[];
  searchLimit: number | null;
  rank50: { sql: string; params: unknown[] };
}
interface PathPhase extends Phase {
  path: 'page' | 'rank';
}

let setup: Setup;
let pool: pg.Pool;
let single: pg.PoolClient;

/** The first page's statements, as the search service sends them, minus the session check. */
async function barePage(client: pg.PoolClient): Promise<void> {
  const s = setup;
  const id = randomUUID();
  const store = rankAndStoreStatement(s.brandId, id, s.firstPage as never, 50, {
    query: s.query,
    locale: 'en',
    filter: s.stored.filter as never,
    interpretation: s.stored.interpretation as never,
    ttlHours: SEARCH_TTL_HOURS,
  });
  const period = usagePeriodStart(new Date());
  // As the search sends them: the transaction's statements at once (the count with the COMMIT), the rows as
  // soon as the ranking's answer is in (on the same connection, behind the COMMIT).
  const begin = client.query('BEGIN');
  const ranked = client.query({ name: 'bench_rank_store', text: store.sql, values: store.params });
  const counted = client.query({ name: 'bench_usage_count', text: COUNT_USAGE_SQL, values: [s.brandId, 'searches', `search:${id}`, period, 1, s.searchLimit] });
  const commit = client.query('COMMIT');
  const written = Promise.all([begin, ranked, counted, commit]);
  written.catch(() => undefined);
  const page = influencerRowsStatement((await ranked).rows[0].accountIds, { brandId: asBrandId(s.brandId), topicIds: s.topicIds, locale: 'en' })!;
  const rows = client.query({ name: 'bench_rows', text: page.sql, values: page.params });
  await written;
  if ((await rows).rows.length !== 50) throw new Error('short page');
}

async function bareRank(client: pg.PoolClient | pg.Pool): Promise<void> {
  const r = await client.query({ name: 'bench_rank50', text: setup.rank50.sql, values: setup.rank50.params });
  if (r.rows.length !== 50) throw new Error('short ranking');
}

async function request(path: PathPhase['path'], concurrent: boolean): Promise<void> {
  if (!concurrent) return path === 'page' ? barePage(single) : bareRank(single);
  const c = await pool.connect();
  try {
    await (path === 'page' ? barePage(c) : bareRank(c));
  } finally {
    c.release();
  }
}

serveLoad<Setup, PathPhase>(
  (msg): msg is Setup => 'connectionString' in msg,
  async (msg) => {
    setup = msg;
    // The connections carry the settings the search's ranking transaction sets (no parallel workers, generic
    // plans kept, commits not waiting for the disk), and prepare every statement once per connection, as the
    // app does: the best a hand-written SQL path could do.
    pool = new pg.Pool({
      connectionString: msg.connectionString,
      max: msg.clients,
      pipeline: true, // node-postgres sends a query without waiting for the previous answer (only the count + COMMIT overlap)
      options: '-c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan -c synchronous_commit=off',
    } as pg.PoolConfig);
    pool.on('error', () => undefined);
    single = await pool.connect();
  },
  (phase, concurrent) => request(phase.path, concurrent),
);
process.on('disconnect', () => {
  single?.release();
  void pool?.end().finally(() => process.exit(0));
});
