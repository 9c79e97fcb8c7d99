import { spawn, type ChildProcess } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildAutomotiveWorld, startFakeBlueskyAppView, type FakeServer } from '../support/fake-networks/index.js';

/*
 * `npm run renown -- crawl bluesky ...` as an operator runs it, killed with SIGKILL mid-crawl and started again
 * with --resume: it goes on from the stored frontier and cursors, fetches no settled account twice, loses
 * nothing, and ends with exit 0 and no stack.
 */
const CLI = new URL('../../apps/cli/src/main.ts', import.meta.url).pathname;
const STACK_LINE = /^\s+at .+[:(]/m;

function renown(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', CLI, ...args], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

describe('a crawl killed with SIGKILL and resumed', () => {
  let db: TestDatabase;
  let appview: FakeServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    appview = await startFakeBlueskyAppView(buildAutomotiveWorld(1).bluesky, { rateLimit: { requests: 5000, windowSeconds: 30 }, latencyMs: 40 });
  });
  afterAll(async () => {
    await appview?.close();
    await db?.drop();
  });

  it('goes on from its frontier with nothing fetched twice and nothing lost', async () => {
    const env = { DATABASE_URL: db.url, BLUESKY_RATE_LIMIT: '5000/30', CRAWL_HEARTBEAT_STALE_SECONDS: '2' };
    const first = renown(['crawl', 'bluesky', '--terms', 'cars,electric vehicles', '--max-accounts', '300', '--appview', appview.url, '--no-progress'], env);
    // Kill it once some accounts are settled and others are in flight.
    const deadline = Date.now() + 90_000;
    let settled = 0;
    while (Date.now() < deadline) {
      settled = (await db.pool.query(`SELECT count(*)::int AS n FROM crawl_frontier WHERE status NOT IN ('pending', 'fetching')`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n;
      if (settled >= 12) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(settled).toBeGreaterThanOrEqual(12);

    const { rows: before } = await db.pool.query(`SELECT ref, status FROM crawl_frontier WHERE status NOT IN ('pending', 'fetching')`);
    const settledRefs = new Set(before.map((r) => r.ref));
    const { rows: crawls } = await db.pool.query(`SELECT id::text, status FROM crawls`);
    expect(crawls).toEqual([{ id: expect.any(String), status: 'running' }]);
    const profileCallsBefore = appview.requests.filter((r) => r.path.endsWith('app.bsky.actor.getProfile')).length;

    const second = renown(['crawl', 'bluesky', '--resume', crawls[0].id, '--no-progress'], { ...env, BLUESKY_APPVIEW_URL: appview.url });
    const resumed = await second.done;
    expect(resumed.stderr).not.toMatch(STACK_LINE);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`crawl ${crawls[0].id} done`));

    // Nothing settled before the kill was fetched again.
    const profileCallsAfter = appview.requests.filter((r) => r.path.endsWith('app.bsky.actor.getProfile')).slice(profileCallsBefore);
    const refetched = profileCallsAfter.map((r) => String(r.query.actor)).filter((actor) => settledRefs.has(actor));
    expect(refetched).toEqual([]);
    // Every account is fetched at most once over both runs, save those in flight at the kill (at most the concurrency).
    const perActor = new Map<string, number>();
    for (const r of appview.requests.filter((r) => r.path.endsWith('app.bsky.actor.getProfile'))) perActor.set(String(r.query.actor), (perActor.get(String(r.query.actor)) ?? 0) + 1);
    expect([...perActor.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(4);

    // Nothing lost: the frontier is settled, and every kept account is in the graph with its profile.
    const { rows: open } = await db.pool.query(`SELECT ref FROM crawl_frontier WHERE status IN ('pending', 'fetching')`);
    expect(open).toEqual([]);
    const { rows: kept } = await db.pool.query(
      `SELECT f.ref, a.followers_count FROM crawl_frontier f LEFT JOIN social_accounts a ON a.id = f.account_id WHERE f.status = 'kept'`,
    );
    expect(kept.length).toBeGreaterThanOrEqual(25);
    expect(kept.filter((k) => k.followers_count === null)).toEqual([]);
  }, 240_000);
});
