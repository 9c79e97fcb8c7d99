/*
 * npm run bench:audience [-- --accounts N] [--follows F] [--engagements E] [--history-accounts H]
 *
 * The audience quality job over a synthetic graph in a fresh embedded PostgreSQL: N accounts (1% bot-like, 2%
 * mass-following), F follows and E engagements among them (a follower farm and a bot ring included), and 10 daily
 * follower observations for H accounts. Prints the data sizes, the job's timings per step (set-based read,
 * typed-array math, COPY write) and the process's peak memory, then the score distribution. Asserts nothing.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { runMigrations, startEmbeddedPostgres } from '@renown/core';
import { AudienceQualityStore } from '../../libs/discovery/src/audience/quality/audience-quality.store.js';
import { runAudienceQuality } from '../../libs/discovery/src/audience/audience-quality.service.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 ? args[i + 1] : dflt);
};
const ACCOUNTS = opt('accounts', '1000000');
const FOLLOWS = opt('follows', String(ACCOUNTS * 5));
const ENGAGEMENTS = opt('engagements', String(ACCOUNTS * 3));
const HISTORY_ACCOUNTS = opt('history-accounts', String(Math.floor(ACCOUNTS / 10)));

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'renown-bench-audience-'));
  chmodSync(dir, 0o755);
  const pgHandle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
  const pool = new pg.Pool({ connectionString: pgHandle.url, max: 3 });
  try {
    await runMigrations(pgHandle.url);
    const asOf = new Date();
    let t = performance.now();
    // Accounts: ordinary (log-normal-ish followers), 1% bot-like (new, no posts, following thousands), 2% mass followers.
    await pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, posts_count, account_created_at, is_stub)
       SELECT 'twitter', 'b' || g, 'user_' || g,
         CASE WHEN g % 100 = 0 THEN 1 ELSE floor(exp(random() * 11))::bigint END,
         CASE WHEN g % 100 = 0 THEN 3000 WHEN g % 50 = 1 THEN 2500 ELSE 50 + floor(random() * 500)::bigint END,
         CASE WHEN g % 100 = 0 THEN 0 ELSE 10 + floor(random() * 2000)::bigint END,
         CASE WHEN g % 100 = 0 THEN $2::timestamptz - interval '10 days' ELSE $2::timestamptz - interval '1000 days' END,
         false
       FROM generate_series(1, $1) g`,
      [ACCOUNTS, asOf],
    );
    console.log(`accounts: ${fmt(ACCOUNTS)} (${secs(t)})`);
    t = performance.now();
    // Follows: popular accounts (low ids, by a power law) attract most; bots follow anyone; the first 10 accounts
    // after the head are farm customers followed by every 100th (bot) account.
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', a, t, 'follow', $3::timestamptz - make_interval(secs => g)
       FROM (SELECT g, 1 + floor(random() * $2)::bigint AS a, 1 + floor($2 * power(random(), 3))::bigint AS t FROM generate_series(1, $1) g) x
       WHERE a <> t ON CONFLICT DO NOTHING`,
      [FOLLOWS, ACCOUNTS, asOf],
    );
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', b, c, 'follow', $2::timestamptz - interval '3 days' FROM generate_series(100, $1, 100) b, generate_series(1001, 1010) c
       ON CONFLICT DO NOTHING`,
      [Math.min(ACCOUNTS, 200_000), asOf],
    );
    console.log(`follows: ${fmt(FOLLOWS)} requested (${secs(t)})`);
    t = performance.now();
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', a, t, (ARRAY['like','repost','reply'])[1 + g % 3], $3::timestamptz - make_interval(secs => g % (80 * 86400))
       FROM (SELECT g, 1 + floor(random() * $2)::bigint AS a, 1 + floor($2 * power(random(), 3))::bigint AS t FROM generate_series(1, $1) g) x
       WHERE a <> t ON CONFLICT DO NOTHING`,
      [ENGAGEMENTS, ACCOUNTS, asOf],
    );
    // A bot ring: 20 accounts reposting each other every other day.
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', a, b, 'repost', $1::timestamptz - d * interval '2 days' FROM generate_series(2001, 2020) a, generate_series(2001, 2020) b, generate_series(1, 40) d
       WHERE a <> b ON CONFLICT DO NOTHING`,
      [asOf],
    );
    console.log(`engagements: ${fmt(ENGAGEMENTS)} requested (${secs(t)})`);
    t = performance.now();
    await pool.query(
      `INSERT INTO account_metrics_history (account_id, observed_at, followers_count, following_count, posts_count)
       SELECT a.id, $2::timestamptz - d * interval '1 day', a.followers_count + (10 - d) * 3 + CASE WHEN a.id % 97 = 0 AND d < 5 THEN 5000 ELSE 0 END, a.following_count, a.posts_count
       FROM social_accounts a, generate_series(0, 9) d WHERE a.id <= $1`,
      [HISTORY_ACCOUNTS, asOf],
    );
    console.log(`metrics history: ${fmt(HISTORY_ACCOUNTS * 10)} rows (${secs(t)})`);
    t = performance.now();
    await pool.query('VACUUM ANALYZE');
    console.log(`vacuum analyze (${secs(t)})`);
    const sizes = (await pool.query(`SELECT (SELECT count(*) FROM interactions WHERE type = 'follow') AS follows, (SELECT count(*) FROM interactions WHERE type <> 'follow') AS engagements`)).rows[0];

    let peakRss = process.memoryUsage().rss;
    const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    t = performance.now();
    const report = await runAudienceQuality(new AudienceQualityStore(pool), asOf);
    const total = performance.now() - t;
    clearInterval(timer);
    console.log('');
    console.log(`graph: ${fmt(ACCOUNTS)} accounts, ${fmt(Number(sizes.follows))} follows, ${fmt(Number(sizes.engagements))} engagements, ${fmt(HISTORY_ACCOUNTS * 10)} follower observations`);
    console.log(`audience quality job: ${fmt(report.accountsScored)} accounts scored in ${(total / 1000).toFixed(1)} s`);
    console.log(`  load (one set-based SQL statement, COPY out): ${fmt(report.timings.load)} ms`);
    console.log(`  compute (typed arrays): ${fmt(report.timings.compute)} ms`);
    console.log(`  write (COPY into staging + upsert): ${fmt(report.timings.write)} ms`);
    console.log(`  peak RSS of this process: ${fmt(peakRss / 1048576)} MB`);
    t = performance.now();
    const again = await runAudienceQuality(new AudienceQualityStore(pool), asOf);
    console.log(`re-run on the same graph (rows updated in place): ${((performance.now() - t) / 1000).toFixed(1)} s (load ${fmt(again.timings.load)} ms, write ${fmt(again.timings.write)} ms)`);
    const dist = (await pool.query(`SELECT width_bucket(score, 1, 101, 10) AS b, count(*)::int AS n FROM account_audience_quality GROUP BY 1 ORDER BY 1`)).rows;
    console.log(`score distribution (deciles 1-10, 91-100): ${dist.map((r) => `${(r.b - 1) * 10 + 1}+: ${fmt(r.n)}`).join(', ')}`);
    const special = (await pool.query(`SELECT CASE WHEN account_id BETWEEN 1001 AND 1010 THEN 'farm customers' ELSE 'ring members' END AS who, round(avg(score)) AS avg FROM account_audience_quality WHERE account_id BETWEEN 1001 AND 1010 OR account_id BETWEEN 2001 AND 2020 GROUP BY 1`)).rows;
    console.log(`planted: ${special.map((r) => `${r.who} average ${r.avg}`).join(', ')}; median ${(await pool.query(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY score) AS m FROM account_audience_quality`)).rows[0].m}`);
  } finally {
    await pool.end();
    await pgHandle.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
