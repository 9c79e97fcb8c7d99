import { AudienceQualityStore, runAudienceQuality } from '@renown/discovery/audience/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/*
 * Audience quality on a graph built in SQL on a real, migrated database: organic accounts, customers of a
 * follower farm, members of a bot ring, and an account whose followers jump overnight, all in the same size
 * band so the benchmark is the same for all of them. The real job code reads, computes and writes.
 */
const AS_OF = new Date('2026-11-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY).toISOString();

let db: TestDatabase;
let seq = 0;

interface Profile {
  followers: number;
  following: number;
  posts: number;
  ageDays: number;
  handle?: (i: number) => string;
}

async function accounts(prefix: string, count: number, o: Profile): Promise<string[]> {
  const handles = Array.from({ length: count }, (_, i) => (o.handle ? o.handle(i) : `${prefix}_${i}`));
  const { rows } = await db.pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at)
     SELECT 'twitter', $1 || '-' || g.i, h, $2, $3, 0, $4, $5::timestamptz FROM unnest($6::text[]) WITH ORDINALITY AS g(h, i) RETURNING id`,
    [`${prefix}${++seq}`, o.followers, o.following, o.posts, ago(o.ageDays), handles],
  );
  return rows.map((r) => String(r.id));
}

async function setFollowers(ids: string[], followersOf: (i: number) => number) {
  await db.pool.query(`UPDATE social_accounts s SET followers_count = v.f FROM unnest($1::bigint[], $2::bigint[]) v(id, f) WHERE s.id = v.id`, [
    ids,
    ids.map((_, i) => followersOf(i)),
  ]);
}

/** Every actor does `type` to the target once per listed day. */
async function interact(actors: string[], target: string, type: string, days: number[]) {
  await db.pool.query(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at)
     SELECT 'twitter', a, $2, $3, $4::timestamptz - d * interval '1 day' FROM unnest($1::bigint[]) a, unnest($5::int[]) d
     ON CONFLICT DO NOTHING`,
    [actors, target, type, AS_OF.toISOString(), days],
  );
}

/** Deterministic pick of `k` distinct items starting at a seed-dependent offset. */
const pick = <T>(list: T[], k: number, seed: number) => Array.from({ length: k }, (_, j) => list[(seed * 7919 + j * 31) % list.length]).filter((x, j, a) => a.indexOf(x) === j);

const ids: Record<string, string[]> = {};
let quality: Map<string, { score: number; row: any }>;

beforeAll(async () => {
  db = await createTestDatabase();
  // The audience: ordinary people, and a pool of farm bots (days old, no posts, following thousands, name+digits
  // handles). Bots also follow random accounts, as farms do to look natural: everyone gets a few.
  const fans = await accounts('fan', 600, { followers: 150, following: 200, posts: 80, ageDays: 700 });
  const bots = await accounts('bot', 1500, { followers: 1, following: 3000, posts: 0, ageDays: 12, handle: (i) => `amy${48213 + i}_x${i}` });
  // Mass followers: real, old accounts that follow thousands.
  const massers = await accounts('masser', 100, { followers: 400, following: 4000, posts: 300, ageDays: 1500 });

  // 40 organic accounts (1k-3k followers): followed by fans, a few mass-followers and a few bots; liked and
  // replied to by distinct fans, answering a few of them.
  ids.organic = await accounts('organic', 40, { followers: 0, following: 300, posts: 900, ageDays: 2000 });
  await setFollowers(ids.organic, (i) => 1000 + 45 * i);
  for (let i = 0; i < ids.organic.length; i++) {
    const a = ids.organic[i];
    await interact([...pick(fans, 80, i), ...pick(massers, 6, i), ...pick(bots, 4, i)], a, 'follow', [100]);
    const engagers = pick(fans, 30, i + 1000);
    await interact(engagers, a, 'like', [3, 20]);
    await interact(engagers.slice(0, 10), a, 'reply', [5]);
    for (const e of engagers.slice(0, 3)) await interact([a], e, 'reply', [4]);
  }

  // 4 farm customers in the same band: a few hundred bought followers, a handful of real ones, likes from bots.
  ids.farmed = await accounts('farmed', 4, { followers: 0, following: 300, posts: 400, ageDays: 1500 });
  await setFollowers(ids.farmed, (i) => 1500 + 100 * i);
  for (let i = 0; i < ids.farmed.length; i++) {
    await interact([...pick(bots, 400, i + 50), ...pick(fans, 15, i + 2000)], ids.farmed[i], 'follow', [8]);
    await interact(pick(bots, 40, i + 70), ids.farmed[i], 'like', [6]);
    await interact(pick(fans, 5, i + 3000), ids.farmed[i], 'like', [6]);
  }

  // A bot ring: 20 established-looking accounts that follow each other and repost each other every other day.
  ids.ring = await accounts('ring', 20, { followers: 0, following: 1200, posts: 20_000, ageDays: 300, handle: (i) => `mike${70000 + i}_r${i}` });
  await setFollowers(ids.ring, (i) => 1100 + 50 * i);
  const ringDays = Array.from({ length: 40 }, (_, d) => d * 2 + 1);
  for (const member of ids.ring) {
    const others = ids.ring.filter((r) => r !== member);
    await interact(others, member, 'follow', [200]);
    await interact(others, member, 'repost', ringDays);
    await interact(pick(fans, 10, Number(member)), member, 'follow', [150]);
  }

  // Twins: same organic audience; `spiky` gained 4,000 followers overnight 20 days ago, `steady` grew evenly.
  ids.twins = await accounts('twin', 2, { followers: 2000, following: 300, posts: 900, ageDays: 2000 });
  for (let t = 0; t < 2; t++) {
    await interact(pick(fans, 80, 500 + t), ids.twins[t], 'follow', [100]);
    const engagers = pick(fans, 30, 600 + t);
    await interact(engagers, ids.twins[t], 'like', [3, 20]);
  }
  const points = Array.from({ length: 60 }, (_, d) => 60 - d); // days ago
  await db.pool.query(
    `INSERT INTO account_metrics_history (account_id, observed_at, followers_count, following_count, posts_count)
     SELECT $1, $2::timestamptz - d * interval '1 day', f, 300, 900 FROM unnest($3::int[], $4::bigint[]) v(d, f)`,
    [ids.twins[0], AS_OF.toISOString(), points, points.map((d) => 1000 + (60 - d) * 5 + (d <= 20 ? 4000 : 0))],
  );
  await db.pool.query(
    `INSERT INTO account_metrics_history (account_id, observed_at, followers_count, following_count, posts_count)
     SELECT $1, $2::timestamptz - d * interval '1 day', f, 300, 900 FROM unnest($3::int[], $4::bigint[]) v(d, f)`,
    [ids.twins[1], AS_OF.toISOString(), points, points.map((d) => 1000 + (60 - d) * 5)],
  );

  await runAudienceQuality(new AudienceQualityStore(db.pool), AS_OF, () => AS_OF);
  const { rows } = await db.pool.query(`SELECT account_id::text AS id, * FROM account_audience_quality`);
  quality = new Map(rows.map((r) => [r.id, { score: Number(r.score), row: r }]));
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

const scoresOf = (group: string) => ids[group].map((id) => quality.get(id)!.score);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('audience quality on generated bot rings and follower farms', () => {
  it('organic accounts keep a high audience quality', () => {
    const organic = scoresOf('organic');
    expect(median(organic)).toBeGreaterThanOrEqual(80);
    expect(Math.min(...organic)).toBeGreaterThanOrEqual(60);
  });

  it('follower-farm customers get a low audience quality, with the bought followers counted as suspicious', () => {
    const farmed = scoresOf('farmed');
    expect(Math.max(...farmed)).toBeLessThan(30);
    expect(Math.max(...farmed)).toBeLessThan(Math.min(...scoresOf('organic')));
    const row = quality.get(ids.farmed[0])!.row;
    expect(row.suspicious_follower_share).toBeGreaterThan(0.9);
    expect(row.mass_follower_share).toBeGreaterThan(0.9);
    expect(row.breakdown.followers.quality).toBeLessThan(0.3);
  });

  it('bot-ring members get a low audience quality for engagement they return to each other', () => {
    const ring = scoresOf('ring');
    expect(Math.max(...ring)).toBeLessThan(30);
    const row = quality.get(ids.ring[0])!.row;
    expect(row.engagement_authenticity).toBeLessThan(0.05);
    expect(row.breakdown.authenticity.quality).toBeLessThan(0.3);
  });

  it('a sudden follower jump is counted as a growth anomaly and costs score against an otherwise identical twin', () => {
    const [spiky, steady] = ids.twins.map((id) => quality.get(id)!);
    expect(spiky.row.growth_anomalies).toBe(1);
    expect(steady.row.growth_anomalies).toBe(0);
    expect(spiky.score).toBeLessThan(steady.score);
    expect(steady.score).toBeGreaterThanOrEqual(60);
  });

  it('every row explains itself: shares, benchmarks of the size band, sample size, model version', () => {
    const row = quality.get(ids.organic[0])!.row;
    expect(row.model_version).toBe('aq-1');
    expect(row.sample_size).toBeGreaterThan(80);
    expect(row.breakdown.band.label).toBe('1k-3k followers');
    expect(row.breakdown.followers.benchmarkSuspiciousShare).toBeLessThan(0.1);
    expect(row.breakdown.confidence).toBe('medium');
  });

  it('running again on the same graph writes the same scores; an account whose audience vanished loses its row', async () => {
    const store = new AudienceQualityStore(db.pool);
    await runAudienceQuality(store, AS_OF, () => AS_OF);
    const read = async () => new Map((await db.pool.query(`SELECT account_id::text AS id, score FROM account_audience_quality`)).rows.map((r) => [r.id, Number(r.score)]));
    const again = await read();
    expect(again.size).toBe(quality.size);
    for (const [id, q] of quality) expect(again.get(id)).toBe(q.score);
    await db.pool.query(`DELETE FROM interactions WHERE target_account_id = $1`, [ids.farmed[3]]);
    await runAudienceQuality(store, AS_OF, () => AS_OF);
    expect((await read()).has(ids.farmed[3])).toBe(false);
  });
});
