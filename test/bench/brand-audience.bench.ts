/*
 * npm run bench:brand-audience [-- --audience N] [--internal M] [--background B] [--new K]
 *
 * "Who matters to us" and alert scanning at brand scale, in a fresh embedded PostgreSQL: one brand account
 * with N audience members (each follows, likes, mentions or reposts it), M interactions among those members,
 * B unrelated interactions elsewhere in the graph. Prints: the worker's ranking time split into reading the
 * neighbourhood, ranking (graph + personalized PageRank) and storing; page reads of the stored ranking
 * (p50/p99); one alert scan over K new interactions. Numbers with data sizes; asserts nothing. With --explain,
 * also the plans of the ranking's reads (EXPLAIN ANALYZE).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { asBrandId } from '@renown/accounts';
import { dataSourceOptions, runMigrations, startEmbeddedPostgres } from '@renown/core';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { BrandAccountsRepository } from '../../libs/discovery/src/brand-audience/accounts/brand-accounts.repository.js';
import { AlertDigestsRepository } from '../../libs/discovery/src/brand-audience/alerts/alert-digests.repository.js';
import { AlertScanService } from '../../libs/discovery/src/brand-audience/alerts/alert-scan.service.js';
import { AlertSettingsRepository } from '../../libs/discovery/src/brand-audience/alerts/alert-settings.repository.js';
import { BrandAudienceRankingService } from '../../libs/discovery/src/brand-audience/who-matters/brand-audience-ranking.service.js';
import { BrandAudienceRanksRepository } from '../../libs/discovery/src/brand-audience/who-matters/brand-audience-ranks.repository.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 ? args[i + 1] : dflt);
};
const AUDIENCE = opt('audience', '100000');
const INTERNAL = opt('internal', '1000000');
const BACKGROUND = opt('background', '1000000');
const NEW = opt('new', '10000');
const EXPLAIN = args.includes('--explain');

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
const fmt = (n: number) => n.toLocaleString('en');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'renown-bench-brand-audience-'));
  chmodSync(dir, 0o755);
  const pgHandle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
  const ds = new DataSource(dataSourceOptions(pgHandle.url));
  const pool = new pg.Pool({ connectionString: pgHandle.url, max: 2 });
  try {
    await runMigrations(pgHandle.url);
    await ds.initialize();
    const t0 = performance.now();
    const [{ id: brandId }] = (await pool.query(`INSERT INTO brands (name) VALUES ('Bench Brand') RETURNING id`)).rows;
    const [{ id: brandAccount }] = (await pool.query(`INSERT INTO social_accounts (platform, external_id, handle, is_stub) VALUES ('twitter', 'bench-brand', 'benchbrand', false) RETURNING id::text`)).rows;
    // Audience members, then as many unrelated accounts for the background traffic.
    await pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, following_count, is_stub)
       SELECT 'twitter', 'bench-' || g, 'bench_' || g, (random() * 3000)::bigint, false FROM generate_series(1, $1) g`,
      [AUDIENCE * 2],
    );
    const { rows: [range] } = await pool.query(`SELECT min(id)::text AS lo FROM social_accounts WHERE external_id LIKE 'bench-%' AND external_id <> 'bench-brand'`);
    const lo = BigInt(range.lo);
    const audienceHi = lo + BigInt(AUDIENCE) - 1n;
    const allHi = lo + BigInt(AUDIENCE * 2) - 1n;
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', a, $1::bigint, (ARRAY['follow','follow','follow','like','like','like','like','mention','mention','repost'])[1 + (a % 10)],
              now() - make_interval(hours => (a % 5000)::int)
         FROM generate_series($2::bigint, $3::bigint) a`,
      [brandAccount, lo.toString(), audienceHi.toString()],
    );
    const randomEdges = (n: number, from: bigint, to: bigint) =>
      pool.query(
        `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
         SELECT 'twitter', a, t, (ARRAY['like','like','repost','reply','mention','follow'])[1 + (g % 6)], now() - make_interval(secs => g)
           FROM (SELECT g, $2::bigint + (random() * ($3::bigint - $2::bigint))::bigint AS a, $2::bigint + (random() * ($3::bigint - $2::bigint))::bigint AS t
                   FROM generate_series(1, $1) g) x
          WHERE a <> t
         ON CONFLICT DO NOTHING`,
        [n, from.toString(), to.toString()],
      );
    await randomEdges(INTERNAL, lo, audienceHi);
    await randomEdges(BACKGROUND, audienceHi + 1n, allHi);
    await pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id)
       SELECT id, $1, current_date, 1 + (random() * 99)::real, random(), 1, 1, 1, 1, 1 FROM social_accounts`,
      [INFLUENCE_MODEL_VERSION],
    );
    await pool.query(`INSERT INTO brand_social_accounts (brand_id, account_id) VALUES ($1, $2)`, [brandId, brandAccount]);
    await pool.query('ANALYZE');
    const { rows: [sizes] } = await pool.query(`SELECT (SELECT count(*) FROM social_accounts)::int AS accounts, (SELECT count(*) FROM interactions)::int AS interactions`);
    console.log(`data: ${fmt(sizes.accounts)} accounts, ${fmt(sizes.interactions)} interactions (${fmt(AUDIENCE)} toward the brand, ~${fmt(INTERNAL)} among its audience, ~${fmt(BACKGROUND)} elsewhere); loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const accounts = new BrandAccountsRepository(ds);
    const ranks = new BrandAudienceRanksRepository(ds);
    const ranking = new BrandAudienceRankingService(ds, accounts, ranks);
    for (let run = 1; run <= 3; run++) {
      const start = performance.now();
      const out = (await ranking.rank(brandId))!;
      console.log(
        `ranking run ${run}: ${fmt(out.audienceSize)} members, ${fmt(out.edgeCount)} graph edges: total ${(performance.now() - start).toFixed(0)} ms ` +
          `(read ${out.readMs} ms, graph + personalized PageRank ${out.rankMs} ms, store ${out.writeMs} ms)${out.truncated ? ', truncated' : ''}`,
      );
    }

    if (EXPLAIN) {
      const { rows: audience } = await pool.query(`SELECT actor_account_id AS id FROM interactions WHERE target_account_id = $1`, [brandAccount]);
      const ids = audience.map((r) => r.id);
      const plans: Array<[string, string, unknown[]]> = [
        ['audience facts', `SELECT i.actor_account_id, bool_or(i.type = 'follow'), count(*) FROM interactions i WHERE i.target_account_id = ANY($1::bigint[]) AND i.deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 100001`, [[brandAccount]]],
        ['within audience', `WITH a AS (SELECT unnest($1::bigint[]) AS id) SELECT i.actor_account_id, i.target_account_id, i.type, sum(i.weight) FROM a JOIN interactions i ON i.actor_account_id = a.id WHERE i.target_account_id IN (SELECT id FROM a) AND i.deleted_at IS NULL AND i.actor_account_id <> i.target_account_id GROUP BY 1, 2, 3`, [ids]],
      ];
      for (const [label, sql, params] of plans) {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params);
        console.log(`-- plan: ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }

    const brand = asBrandId(brandId);
    for (const [label, after] of [['first page', 0], ['deep page (rank > 50,000)', Math.min(50_000, AUDIENCE - 50)]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const s = performance.now();
        await ranks.page(brand, after, 21, null);
        times.push(performance.now() - s);
      }
      console.log(`page read of 20, ${label}: p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms (200 reads)`);
    }

    // Alerts: threshold 50, then K new mentions/follows of the brand by audience members.
    await pool.query(`INSERT INTO brand_alert_settings (brand_id, enabled, min_score) VALUES ($1, true, 50)`, [brandId]);
    await pool.query(`UPDATE brand_social_accounts SET alert_baseline_interaction_id = (SELECT max(id) FROM interactions)`);
    await pool.query(`UPDATE brand_alert_scan_state SET last_interaction_id = (SELECT max(id) FROM interactions)`);
    await pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
       SELECT 'twitter', $2::bigint + g, $1::bigint, CASE WHEN g % 2 = 0 THEN 'mention' ELSE 'follow' END, now() + make_interval(secs => g)
         FROM generate_series(1, $3) g`,
      [brandAccount, lo.toString(), NEW],
    );
    const scanner = new AlertScanService(ds, null as never, null as never, new AlertDigestsRepository(ds), new AlertSettingsRepository(ds), { PUBLIC_URL: 'http://localhost' } as never);
    const s = performance.now();
    const found = await scanner.scan();
    console.log(`alert scan over ${fmt(NEW)} new interactions (+ ${fmt(20_000)} re-read margin): ${found.events} alerts in ${(performance.now() - s).toFixed(0)} ms`);
    const s2 = performance.now();
    const again = await scanner.scan();
    console.log(`alert scan with nothing new: ${again.events} alerts in ${(performance.now() - s2).toFixed(0)} ms`);
  } finally {
    await pool.end();
    if (ds.isInitialized) await ds.destroy();
    await pgHandle.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
