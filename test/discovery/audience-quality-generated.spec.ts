import { planFollows, planPosts, SyntheticPopulation, usernameFor } from '@renown/ingestion/generator/index.js';
import { AudienceQualityStore, runAudienceQuality } from '@renown/discovery/audience/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/*
 * Audience quality on the ingestion generator's world (the one the demo and the scoring evaluations use):
 * ordinary accounts, bot rings (20 accounts reposting each other) and a follower farm (new accounts with no
 * posts following thousands, selling followers to one or two customers). The generator's plan is written
 * straight into the graph tables (no file round trip: the importer has its own tests), and the ground truth
 * of who is a ring member or a farm customer is the generator's.
 */
const AS_OF = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

let db: TestDatabase;
let population: SyntheticPopulation;
let scoreOf: Map<number, number>;

async function insertChunked(sql: string, columns: unknown[][], size = 20_000) {
  const n = columns[0].length;
  for (let start = 0; start < n; start += size) await db.pool.query(sql, columns.map((c) => c.slice(start, start + size)));
}

beforeAll(async () => {
  db = await createTestDatabase();
  population = new SyntheticPopulation({ accounts: 6_000, seed: 7, untilMs: AS_OF.getTime() });
  const n = population.size;
  const idx = Array.from({ length: n }, (_, i) => i);
  await insertChunked(
    `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at)
     SELECT 'twitter', e, h, f, g, l, p, to_timestamp(c / 1000.0) FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::float8[]) AS x(e, h, f, g, l, p, c)`,
    [
      idx.map((i) => population.userId(i)),
      idx.map((i) => usernameFor(population, i)),
      idx.map((i) => population.followers[i]),
      idx.map((i) => population.following[i]),
      idx.map((i) => population.listed[i]),
      idx.map((i) => population.tweetCount[i]),
      idx.map((i) => population.createdAtMs[i]),
    ],
  );
  const { rows } = await db.pool.query(`SELECT id::text, external_id FROM social_accounts`);
  const byExternal = new Map(rows.map((r) => [r.external_id as string, r.id as string]));
  const idOf = idx.map((i) => byExternal.get(population.userId(i))!);

  const fa: string[] = [], ft: string[] = [], fw: number[] = [];
  for (const f of planFollows(population)) fa.push(idOf[f.actor]), ft.push(idOf[f.target]), fw.push(f.atMs);
  await insertChunked(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
     SELECT 'twitter', a, t, 'follow', to_timestamp(w / 1000.0) FROM unnest($1::bigint[], $2::bigint[], $3::float8[]) AS x(a, t, w) ON CONFLICT DO NOTHING`,
    [fa, ft, fw],
  );
  const ea: string[] = [], et: string[] = [], ek: string[] = [], ew: number[] = [];
  for (const p of planPosts(population, { posts: n * 10, days: 90 })) {
    if (p.kind === 'original' || !p.target) continue;
    ea.push(idOf[p.author]), et.push(idOf[p.target.author]), ek.push(p.kind), ew.push(p.createdMs);
  }
  await insertChunked(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
     SELECT 'twitter', a, t, k, to_timestamp(w / 1000.0) FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::float8[]) AS x(a, t, k, w)
     WHERE a <> t ON CONFLICT DO NOTHING`,
    [ea, et, ek, ew],
  );
  await db.pool.query('ANALYZE');

  await runAudienceQuality(new AudienceQualityStore(db.pool), new Date(AS_OF.getTime() + DAY), () => AS_OF);
  const scored = await db.pool.query(`SELECT account_id::text AS id, score FROM account_audience_quality`);
  const byId = new Map(scored.rows.map((r) => [r.id as string, Number(r.score)]));
  scoreOf = new Map(idx.filter((i) => byId.has(idOf[i])).map((i) => [i, byId.get(idOf[i])!]));
}, 180_000);

afterAll(async () => {
  await db?.drop();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("audience quality on the generator's bot rings and follower farm", () => {
  it('bot-ring members score low; ordinary accounts of the same sizes do not', () => {
    const ring = population.botRings.flat();
    const ringScores = ring.map((i) => scoreOf.get(i)!);
    expect(ringScores.every((s) => s !== undefined)).toBe(true);
    const sizes = ring.map((i) => population.followers[i]);
    const lo = Math.min(...sizes);
    const hi = Math.max(...sizes);
    const peers = [...scoreOf.entries()].filter(([i]) => population.isOrdinary(i) && population.followers[i] >= lo && population.followers[i] <= hi).map(([, s]) => s);
    expect(peers.length).toBeGreaterThan(100);
    expect(median(ringScores)).toBeLessThan(40);
    expect(median(peers)).toBeGreaterThanOrEqual(80);
    // At most a handful of ordinary peers score as low as the typical ring member.
    expect(peers.filter((s) => s <= median(ringScores)).length / peers.length).toBeLessThan(0.05);
  });

  // The generator's farm accounts also follow thousands of random accounts (about half the world at this size),
  // so every small account has dozens of farm followers and that is the band's norm; a customer stands out only
  // by having more of them than its peers. It scores below the typical account, not near the bottom (see the
  // README's limits; test/discovery/audience-quality.spec.ts has a farm whose customers are unmistakable).
  it('follower-farm customers score below the typical ordinary account, with more suspicious followers than their band', async () => {
    const customers = population.followerFarms.flatMap((f) => f.customers);
    const ordinary = [...scoreOf.entries()].filter(([i]) => population.isOrdinary(i) && !customers.includes(i)).map(([, s]) => s);
    for (const c of customers) {
      expect(scoreOf.get(c)!).toBeLessThan(median(ordinary));
      const { rows } = await db.pool.query(
        `SELECT q.breakdown->'followers' AS f FROM account_audience_quality q JOIN social_accounts s ON s.id = q.account_id WHERE s.external_id = $1`,
        [population.userId(c)],
      );
      expect(rows[0].f.suspiciousShare).toBeGreaterThan(rows[0].f.benchmarkSuspiciousShare);
      expect(rows[0].f.quality).toBeLessThan(0.9);
    }
  });
});
