/*
 * npm run bench:search [-- --accounts 1000000] [--seconds 10] [--requests 400] [--data-dir DIR]
 *
 * Discovery search speed on a real PostgreSQL with 1,000,000 accounts and about 5 topic scores each (plus one
 * influence snapshot and up to 20 account topics per account). Prints, in one run:
 *   - p50 / p99 latency of the GraphQL topic search (first 50, two filters) from one client,
 *   - throughput (and latency) with 16 concurrent clients,
 *   - the same for the bare SQL of that first page: the very statements the page sends to PostgreSQL (ranking
 *     stored with the search, metering, the 50 result rows), prepared, through node-postgres, with no HTTP,
 *     GraphQL, Nest or row building (so GraphQL's overhead shows),
 *   - the same for the bare ranking statement alone (top 50 ids and scores, no rows),
 *   - the same first page through the search service in this process (what HTTP + GraphQL add on top),
 *   - CPU time per request: Node (for GraphQL and the service, this process, which runs the server; for the
 *     bare SQL paths, their own process, sql-load-client.ts, so they share no compiled code with the server),
 *     PostgreSQL, and the GraphQL clients, which run in a process of their own like any load generator,
 *   - the EXPLAIN (ANALYZE) plans, and whether any of them scans a whole table.
 * The paths are measured in alternating slices (ROUNDS per path), so a shared machine's changing speed weighs on
 * all of them alike; CPU per request is the figure to compare between runs. Asserts nothing.
 * --data-dir keeps the database in DIR and reuses it on the next run (loaded once per size): for profiling.
 */
import { fork } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { loadConfig, runMigrations, startEmbeddedPostgres } from '../../libs/core/src/index.js';
import { asBrandId } from '../../libs/accounts/src/index.js';
import { EntitlementsService } from '../../libs/billing/src/index.js';
import {
  buildRankingQuery,
  EMPTY_FILTER,
  InfluencerSearchService,
  type AppliedFilter,
} from '../../libs/discovery/src/index.js';
import { INFLUENCE_MODEL_VERSION } from '../../libs/scoring/src/index.js';
import { runPhase } from './load-phases.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ACCOUNTS = Number(opt('accounts', '1000000'));
const SECONDS = Number(opt('seconds', '10'));
const REQUESTS = Number(opt('requests', '400'));
const DATA_DIR = opt('data-dir', '');
const CLIENTS = 16;
const ROUNDS = 5; // alternating slices per path (see measureInterleaved)
const TOPICS_IN_USE = 400;

const QUERY_TEXT = 'top influencers in automotive on twitter with over 10k followers';
const GRAPHQL = `query($q: String!) { influencers(query: $q, first: 50) {
  searchId edges { cursor node { accountId account { handle platform followers } person { id } score topicScores { topic { slug } score percentile }
  topTopics { topic { slug name } score } followers engagementRate audienceQuality hasContactEmail why } } pageInfo { hasNextPage endCursor } } }`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

let PG_DATA_DIR = '';
/** CPU seconds used so far by the embedded PostgreSQL (postmaster, its reaped children, live backends). */
function postgresCpuSeconds(): number {
  try {
    const pid = Number(readFileSync(join(PG_DATA_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]);
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
const nodeCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function timed(label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Bulk load with the secondary indexes dropped, then rebuilt from their own definitions. */
async function load(pool: pg.Pool) {
  const tables = ['social_accounts', 'account_score_snapshots', 'account_topic_scores', 'account_topics'];
  const { rows: defs } = await pool.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const d of defs) await pool.query(`DROP INDEX ${d.indexname}`);
  await pool.query(`SET maintenance_work_mem = '256MB'`);
  await timed(`social_accounts (${ACCOUNTS.toLocaleString('en')})`, () =>
    pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, language, location, is_stub, followers_count, following_count, verified)
       SELECT (ARRAY['twitter','twitter','bluesky','mastodon'])[1 + floor(random() * 4)::int], 'bench-' || g, 'user_' || g, 'User ' || g,
              (ARRAY['en','en','en','de','es','fr','ja'])[1 + floor(random() * 7)::int],
              (ARRAY['Berlin, Germany','Paris','London','New York','Madrid','Tokyo',NULL])[1 + floor(random() * 7)::int],
              false, 10 + floor(exp(random() * 12))::bigint, 100, false
         FROM generate_series(1, $1::int) g`,
      [ACCOUNTS],
    ),
  );
  await timed('account_score_snapshots (1 per account)', () =>
    pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, signals, is_final)
       SELECT id, $1, current_date, s, s, s, s, s, s, 1,
              ARRAY[followers_count, 100, 0, 0.01, p, p * followers_count * 0.004, 0, p * followers_count * 0.002, p * followers_count * 0.01, 10, 0.5]::float8[], false
         FROM (SELECT id, followers_count, (1 + 99 * power(random(), 2))::real AS s, (1 + floor(random() * 30))::float8 AS p FROM social_accounts) x`,
      [INFLUENCE_MODEL_VERSION],
    ),
  );
  // Topics: the automotive pair first, then others; a skewed draw makes Cars one of the largest topics.
  await pool.query(
    `CREATE TABLE bench_topics AS
     SELECT (row_number() OVER (ORDER BY slug NOT IN ('cars', 'auto-industry'), slug <> 'cars', id) - 1)::int AS k, id FROM topics WHERE NOT is_super`,
  );
  await pool.query(`DELETE FROM bench_topics WHERE k >= $1`, [TOPICS_IN_USE]);
  await timed('account_topic_scores (5 draws per account)', () =>
    pool.query(
      `INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
       SELECT t.id, x.id, (1 + floor(99 * power(random(), 3)))::smallint, (random() * 100)::real, random(), x.platform, x.language, now()
         FROM (SELECT a.id, a.platform, a.language, floor($1 * power(random(), 2))::int AS k FROM social_accounts a, generate_series(1, 5)) x
         JOIN bench_topics t ON t.k = x.k
       ON CONFLICT DO NOTHING`,
      [TOPICS_IN_USE],
    ),
  );
  await timed('account_topics (from the topic scores)', () =>
    pool.query(
      `INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
       SELECT account_id, topic_id, row_number() OVER (PARTITION BY account_id ORDER BY score DESC, topic_id), score, score, score, 3, 0, 0, now()
         FROM account_topic_scores`,
    ),
  );
  await timed(`rebuild ${defs.length} secondary indexes`, async () => {
    for (const d of defs) await pool.query(d.indexdef);
  });
  await timed('VACUUM ANALYZE', () => pool.query(`VACUUM ANALYZE social_accounts, account_score_snapshots, account_topic_scores, account_topics`));
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM account_topic_scores)::int AS scores, (SELECT count(*) FROM account_topic_scores s JOIN topics t ON t.id = s.topic_id AND t.slug = 'cars')::int AS cars,
            (SELECT count(*) FROM account_topics)::int AS topics`,
  );
  console.log(`  topic scores ${rows[0].scores.toLocaleString('en')} (${(rows[0].scores / ACCOUNTS).toFixed(2)} per account; Cars has ${rows[0].cars.toLocaleString('en')}), account topics ${rows[0].topics.toLocaleString('en')}`);
}

/** How a path is driven: one client in sequence, then many at once. `clientCpu`: CPU seconds of clients
 *  running in a process of their own (the GraphQL load generator), else undefined. */
interface Load {
  single(requests: number): Promise<{ latencies: number[]; clientCpu?: number; nodeCpu?: number }>;
  many(clients: number, seconds: number): Promise<{ done: number; latencies: number[]; clientCpu?: number; nodeCpu?: number }>;
}

/** Clients in this process (the search service, called directly). */
function inProcess(request: () => Promise<void>): Load {
  return {
    single: async (requests) => ({ latencies: (await runPhase({ phase: 'single', requests }, request)).latencies }),
    many: (clients, seconds) => runPhase({ phase: 'many', clients, seconds }, request),
  };
}

type LoadAnswer = { done: number; latencies: number[]; cpuSeconds: number; error?: string };

/**
 * A load generator in a child process (IPC): sends `setup` once, then one message per phase. The child's CPU
 * is returned as `clientCpu` (GraphQL: the HTTP clients) or `nodeCpu` (bare SQL: the path's own Node side).
 */
async function childLoad(script: string, setup: object, cpuIs: 'clientCpu' | 'nodeCpu') {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const next = () =>
    new Promise<any>((resolveNext, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${script} exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolveNext(m);
      });
    });
  const ready = next();
  child.send(setup);
  const started = await ready;
  if (started.error) throw new Error(`${script}: ${started.error}`);
  const call = async (phase: Record<string, unknown>): Promise<LoadAnswer> => {
    const answer = next();
    child.send(phase);
    const a = (await answer) as LoadAnswer;
    if (a.error) throw new Error(`${script}: request failed: ${a.error}`);
    return a;
  };
  const load = (extra: Record<string, unknown> = {}): Load => ({
    async single(requests) {
      const a = await call({ ...extra, phase: 'single', requests });
      return { latencies: a.latencies, [cpuIs]: a.cpuSeconds };
    },
    async many(clients, seconds) {
      const a = await call({ ...extra, phase: 'many', clients, seconds });
      return { done: a.done, latencies: a.latencies, [cpuIs]: a.cpuSeconds };
    },
  });
  return { load, stop: () => child.disconnect() };
}

interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

/**
 * Measures every path, alternating: the one-client runs and then the many-client runs go in ROUNDS slices,
 * path after path, so that a change in a shared machine's speed (seen: a quarter within an hour) weighs on
 * all paths alike rather than on whichever ran in the slow minutes. Prints each path's figures.
 */
async function measureInterleaved(paths: { label: string; load: Load }[]): Promise<Figures[]> {
  const acc = paths.map(() => ({ single: [] as number[], sNode: 0, sPg: 0, sClient: undefined as number | undefined, many: [] as number[], done: 0, wall: 0, mNode: 0, mPg: 0, mClient: undefined as number | undefined }));
  const add = (x: number | undefined, y: number | undefined) => (y === undefined ? x : (x ?? 0) + y);
  for (const p of paths) await p.load.single(30); // warm-up: plans, caches, the lexicon
  const perSlice = Math.max(1, Math.round(REQUESTS / ROUNDS));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, p] of paths.entries()) {
      const cpu0 = nodeCpuSeconds();
      const pg0 = postgresCpuSeconds();
      const s = await p.load.single(perSlice);
      acc[i].single.push(...s.latencies);
      acc[i].sNode += nodeCpuSeconds() - cpu0 + (s.nodeCpu ?? 0);
      acc[i].sPg += postgresCpuSeconds() - pg0;
      acc[i].sClient = add(acc[i].sClient, s.clientCpu);
    }
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, p] of paths.entries()) {
      const cpu0 = nodeCpuSeconds();
      const pg0 = postgresCpuSeconds();
      const t0 = performance.now();
      const m = await p.load.many(CLIENTS, SECONDS / ROUNDS);
      acc[i].wall += (performance.now() - t0) / 1000;
      acc[i].done += m.done;
      acc[i].many.push(...m.latencies);
      acc[i].mNode += nodeCpuSeconds() - cpu0 + (m.nodeCpu ?? 0);
      acc[i].mPg += postgresCpuSeconds() - pg0;
      acc[i].mClient = add(acc[i].mClient, m.clientCpu);
    }
  }
  return paths.map((p, i) => {
    const a = acc[i];
    const n = a.single.length;
    const clients = (cpu: number | undefined, count: number) => (cpu === undefined ? '' : `, clients (own process) ${ms((cpu / count) * 1000)}`);
    console.log(p.label);
    console.log(
      `  1 client,   ${n} requests:  p50 ${ms(pct(a.single, 50))}  p99 ${ms(pct(a.single, 99))}   ` +
        `CPU/request: node ${ms((a.sNode / n) * 1000)}, postgres ${ms((a.sPg / n) * 1000)}${clients(a.sClient, n)}`,
    );
    console.log(
      `  ${CLIENTS} clients, ${a.wall.toFixed(1)} s:  ${(a.done / a.wall).toFixed(0)} requests/s  (p50 ${ms(pct(a.many, 50))}, p99 ${ms(pct(a.many, 99))})   ` +
        `CPU/request: node ${ms((a.mNode / a.done) * 1000)}, postgres ${ms((a.mPg / a.done) * 1000)}${clients(a.mClient, a.done)}`,
    );
    return { p50: pct(a.single, 50), p99: pct(a.single, 99), rps: a.done / a.wall };
  });
}

const WHOLE_TABLE = /Seq Scan on (social_accounts|account_topic_scores|account_score_snapshots|account_topics|posts|interactions|influencer_contacts|invitations|account_audience_quality)\b/;

async function explain(pool: pg.Pool, title: string, sql: string, params: unknown[]) {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  console.log(`\n--- EXPLAIN ANALYZE: ${title}\n${plan}`);
  return WHOLE_TABLE.test(plan) ? [title] : [];
}

async function main() {
  const workDir = DATA_DIR ? resolve(DATA_DIR, `accounts-${ACCOUNTS}`) : mkdtempSync(join(tmpdir(), 'renown-bench-search-'));
  mkdirSync(workDir, { recursive: true });
  chmodSync(workDir, 0o755);
  PG_DATA_DIR = join(workDir, 'pg');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const embedded = await startEmbeddedPostgres({ dataDir: PG_DATA_DIR, port, persistent: Boolean(DATA_DIR) });
  console.log(`bench:search on ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start`);
  // Like the search service (which turns parallel workers off for its top-N walk), so the comparison is like for like.
  const pool = new pg.Pool({ connectionString: embedded.url, max: CLIENTS, options: '-c max_parallel_workers_per_gather=0' });
  // An idle connection closed by the server's shutdown at the end is not an error of the benchmark.
  pool.on('error', () => undefined);
  let app: Awaited<ReturnType<typeof createApiApp>> | undefined;
  try {
    await runMigrations(embedded.url);
    const loaded = DATA_DIR && (await pool.query(`SELECT EXISTS (SELECT 1 FROM social_accounts) AS ok`)).rows[0].ok;
    if (loaded) console.log(`reusing the ${ACCOUNTS.toLocaleString('en')} accounts loaded in ${workDir}`);
    else {
      console.log(`loading ${ACCOUNTS.toLocaleString('en')} accounts:`);
      await load(pool);
    }

    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', PUBLIC_URL: 'http://localhost:3000', DATABASE_URL: embedded.url });
    app = await createApiApp(config, embedded.url);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
    // For signing up and the probe; the measured GraphQL clients run in a process of their own (childLoad).
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
      new Promise<any>((resolvePost, reject) => {
        const body = JSON.stringify({ query, variables });
        const req = http.request(`${url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolvePost(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (err) {
              reject(err);
            }
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    const email = `bench-${Date.now()}@example.test`;
    const signUp = await post(`mutation($i: SignUpInput!) { signUp(input: $i) { message } }`, { i: { email, password: 'a long enough password', name: 'Bench', brandName: 'Bench brand' } });
    if (signUp.errors) throw new Error(JSON.stringify(signUp.errors));
    const mail = (await pool.query(`SELECT text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1`, [email])).rows[0].text as string;
    const token = decodeURIComponent(/[?&]token=([\w%-]+)/.exec(mail)![1]);
    const verified = await post(`mutation($t: String!) { verifyEmail(token: $t) { token viewer { brand { id } } } }`, { t: token });
    const headers = { authorization: `Bearer ${verified.data.verifyEmail.token}` };
    const brandId = verified.data.verifyEmail.viewer.brand.id as string;

    const probe = await post(`query($q: String!) { influencers(query: $q, first: 3) { interpretation { applied { topics { slug } platforms followers { min max } } messages } edges { node { account { handle platform followers } topicScores { topic { slug } score } why } } } }`, { q: QUERY_TEXT }, headers);
    if (probe.errors) throw new Error(JSON.stringify(probe.errors));
    console.log(`\nquery "${QUERY_TEXT}" reads as ${JSON.stringify(probe.data.influencers.interpretation.applied)}`);
    console.log(`first rows: ${JSON.stringify(probe.data.influencers.edges.map((e: any) => [e.node.account.handle, e.node.account.followers, e.node.topicScores[0]?.score, e.node.why]))}\n`);

    const topics = (await pool.query(`SELECT id FROM topics WHERE slug IN ('cars', 'auto-industry') ORDER BY slug`)).rows.map((r) => r.id as string);
    const filter: AppliedFilter = { ...EMPTY_FILTER, topicIds: topics, platforms: ['twitter'], followers: { min: 10_000, max: null } };
    const bare50 = buildRankingQuery({ filter, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit: 50 });
    const firstPage = buildRankingQuery({ filter, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit: 50 + 1 });

    const stored = (await pool.query(`SELECT filter, interpretation FROM discovery_searches WHERE brand_id = $1 ORDER BY created_at DESC LIMIT 1`, [brandId])).rows[0];
    const searchLimit = (await app.get(EntitlementsService, { strict: false }).getView(asBrandId(brandId))).entitlements.searches;
    let gql: Figures, bare: Figures, bareRanking: Figures, direct: Figures;
    let bareSql: Awaited<ReturnType<typeof childLoad>> | undefined;
    let client: Awaited<ReturnType<typeof childLoad>> | undefined;
    try {
      // The bare SQL paths: node-postgres in a process of their own (sql-load-client.ts), with the settings and
      // prepared statements the app uses, sending the first page's statements as the search service does.
      bareSql = await childLoad(
        './sql-load-client.js',
        { connectionString: embedded.url, clients: CLIENTS, brandId, query: QUERY_TEXT, firstPage, stored, topicIds: filter.topicIds, searchLimit, rank50: { sql: bare50.sql, params: bare50.params } },
        'nodeCpu',
      );
      const service = app.get(InfluencerSearchService, { strict: false });
      client = await childLoad('./http-load-client.js', { url: `${url}/graphql`, body: JSON.stringify({ query: GRAPHQL, variables: { q: QUERY_TEXT } }), headers, expectEdges: 50 }, 'clientCpu');
      [gql, bare, bareRanking, direct] = await measureInterleaved([
        {
          label: `GraphQL influencers(query: "${QUERY_TEXT}", first: 50): topics Cars + Auto Industry, filters platform + followers; whole first page (session check, ranking of 50 + 1 stored with the search, metering, 50 rows with why-lines, over HTTP from clients in their own process)`,
          load: client.load(),
        },
        {
          label: `bare SQL of the same first page: ranking of 50 + 1 stored with the search, metering (one transaction), the 50 rows (node-postgres in its own process, prepared; one connection for 1 client, ${CLIENTS} pooled connections for ${CLIENTS} clients; no HTTP, no GraphQL, no row building)`,
          load: bareSql.load({ path: 'page' }),
        },
        {
          label: `bare ranking statement alone, same topics and filters, top 50 (node-postgres in its own process, prepared; one connection for 1 client, ${CLIENTS} pooled connections for ${CLIENTS} clients; no storing, no metering, no rows)`,
          load: bareSql.load({ path: 'rank' }),
        },
        {
          // The same first page through the search service in this process (interpretation, ranking stored with
          // the search, metering, 50 rows with why-lines): what the GraphQL/HTTP layer adds is the difference.
          label: 'search service in-process, same first page (no HTTP, no GraphQL; the same SQL and row building)',
          load: inProcess(async () => {
            const r = await service.search(asBrandId(brandId), { query: QUERY_TEXT, first: 50 });
            if (r.edges.length !== 50) throw new Error('short page');
          }),
        },
      ]);
    } finally {
      client?.stop();
      bareSql?.stop();
    }
    console.log(
      `\nGraphQL/HTTP layer: GraphQL ${gql.rps.toFixed(0)}/s vs the service in-process ${direct.rps.toFixed(0)}/s = ${((100 * gql.rps) / direct.rps).toFixed(0)}%; ` +
        `p50 ${ms(gql.p50)} vs ${ms(direct.p50)}`,
    );
    const share = (x: number, of: number) => `${((100 * x) / of).toFixed(0)}%`;
    console.log(
      `summary: GraphQL p50 ${ms(gql.p50)}, p99 ${ms(gql.p99)} (target p99 < 30 ms: ${gql.p99 < 30 ? 'met' : 'NOT met'}); ` +
        `bare SQL of the same page p50 ${ms(bare.p50)}, p99 ${ms(bare.p99)}; bare ranking statement p50 ${ms(bareRanking.p50)}, p99 ${ms(bareRanking.p99)}`,
    );
    console.log(
      `throughput: GraphQL ${gql.rps.toFixed(0)}/s = ${share(gql.rps, bare.rps)} of the bare SQL of the same page (${bare.rps.toFixed(0)}/s; target >= 50%: ${gql.rps >= bare.rps / 2 ? 'met' : 'NOT met'}), ` +
        `${share(gql.rps, bareRanking.rps)} of the bare ranking statement alone (${bareRanking.rps.toFixed(0)}/s; >= 50%: ${gql.rps >= bareRanking.rps / 2 ? 'met' : 'NOT met'})`,
    );

    const flagged: string[] = [];
    flagged.push(...(await explain(pool, 'bare ranking SQL, top 50 (Cars + Auto Industry, twitter, >= 10k followers)', bare50.sql, bare50.params)));
    flagged.push(...(await explain(pool, 'first page ranking, top 50 + 1', firstPage.sql, firstPage.params)));
    const oneTopic = buildRankingQuery({ filter: { ...EMPTY_FILTER, topicIds: [topics[1]], languages: ['de'], engagementRate: { min: 0.01, max: null } }, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit: 50 });
    flagged.push(...(await explain(pool, 'one topic (Cars), language de + engagement rate >= 1%', oneTopic.sql, oneTopic.params)));
    const noTopic = buildRankingQuery({ filter: { ...EMPTY_FILTER, platforms: ['bluesky'], followers: { min: 10_000, max: null } }, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit: 50 });
    flagged.push(...(await explain(pool, 'no topic: overall score, bluesky, >= 10k followers', noTopic.sql, noTopic.params)));
    console.log(`\nwhole-table scans in these plans: ${flagged.length ? flagged.join('; ') : 'none'}`);
    console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    await app?.close();
    await pool.end();
    await embedded.stop();
  }
}

await main();
