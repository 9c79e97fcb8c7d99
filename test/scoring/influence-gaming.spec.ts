import { InfluenceScoreStore, InfluenceScoringRun } from '@renown/scoring';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/*
 * Generated worlds on a real, migrated database, scored by the real run (SQL reads, PageRank, calibration,
 * snapshot writes). Each scenario's target starts as a copy of a control account; the scenario adds the
 * gaming (or the honest equivalent) and we compare what each gained over the control.
 */
const AS_OF = new Date('2026-11-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(AS_OF.getTime() - days * DAY).toISOString();

let db: TestDatabase;
let account: (name: string, o?: { followers?: number; following?: number; listed?: number; posts?: number; ageDays?: number; person?: string }) => Promise<string>;

async function bulkAccounts(prefix: string, count: number, o: { followers: number; following: number; posts: number; ageDays: number }) {
  const { rows } = await db.pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at)
     SELECT 'twitter', $1 || g, $1 || g, $2, $3, 0, $4, $5::timestamptz FROM generate_series(1, $6) g RETURNING id`,
    [prefix, o.followers, o.following, o.posts, ago(o.ageDays), count],
  );
  return rows.map((r) => r.id as string);
}

async function interact(actors: string[], target: string, type: string, days: number[], postId: string | null = null) {
  await db.pool.query(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at)
     SELECT 'twitter', a, $2, $3, $4, $5::timestamptz - d * interval '1 day' FROM unnest($1::bigint[]) a, unnest($6::int[]) d`,
    [actors, target, type, postId, AS_OF.toISOString(), days],
  );
}

let postSeq = 0;
async function post(author: string, daysAgo: number, text = 'a thought') {
  const { rows } = await db.pool.query(
    `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text) VALUES ('twitter', $1, $2, $3, $4) RETURNING id`,
    [`p${++postSeq}`, author, ago(daysAgo), text],
  );
  return rows[0].id as string;
}

async function scores() {
  await new InfluenceScoringRun(new InfluenceScoreStore(db.pool)).execute({ trigger: 'manual', asOf: AS_OF, threads: 1 });
  const { rows } = await db.pool.query(`SELECT a.handle, s.score, s.raw FROM account_score_snapshots s JOIN social_accounts a ON a.id = s.account_id`);
  return new Map(rows.map((r) => [r.handle as string, { score: Number(r.score), raw: Number(r.raw) }]));
}

const TARGETS = ['control', 'ring0', 'independent', 'bots', 'ordinary', 'announcer', 'selfie', 'f4f', 'f4f-control', 'burst', 'steady'];

beforeAll(async () => {
  db = await createTestDatabase();
  account = async (name, o = {}) => {
    const { rows } = await db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at, person_id)
       VALUES ('twitter', $1, $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [name, o.followers ?? 500, o.following ?? 300, o.listed ?? 5, o.posts ?? 200, ago(o.ageDays ?? 1000), o.person ?? null],
    );
    return rows[0].id;
  };
  // A background population with ordinary, varied activity, so percentiles mean something.
  const crowd = await bulkAccounts('crowd', 300, { followers: 300, following: 250, posts: 100, ageDays: 900 });
  for (let i = 0; i < crowd.length; i++) {
    const p = await post(crowd[i], (i % 80) + 1);
    await interact([crowd[(i * 7 + 1) % crowd.length], crowd[(i * 13 + 5) % crowd.length]], crowd[i], 'like', [(i % 80) + 1], p);
  }
  // Every target posts once, 10 days ago, and gets the same two likes from the crowd.
  const ids: Record<string, string> = {};
  for (const t of TARGETS) {
    ids[t] = await account(t);
    const p = await post(ids[t], 10);
    await interact([crowd[1], crowd[2]], ids[t], 'like', [9], p);
  }

  // Ring: ring0 and 19 other accounts repost each other every day for 90 days.
  const ring = [ids.ring0, ...(await bulkAccounts('ring', 19, { followers: 500, following: 300, posts: 200, ageDays: 1000 }))];
  for (const member of ring) {
    const days = Array.from({ length: 90 }, (_, d) => d);
    for (const d of days) await post(member, d, 'ring post');
    await interact(ring.filter((r) => r !== member), member, 'repost', days);
  }
  // Independent: 20 unrelated ordinary accounts repost `independent` once.
  const independents = await bulkAccounts('indep', 20, { followers: 400, following: 300, posts: 150, ageDays: 800 });
  await interact(independents, ids.independent, 'repost', [5]);

  // 10,000 bot-like followers vs 10,000 ordinary followers (both also raise the platform's follower count).
  const bots = await bulkAccounts('bot', 10_000, { followers: 0, following: 4000, posts: 0, ageDays: 5 });
  await interact(bots, ids.bots, 'follow', [3]);
  const fans = await bulkAccounts('fan', 10_000, { followers: 150, following: 200, posts: 80, ageDays: 700 });
  await interact(fans, ids.ordinary, 'follow', [3]);
  await db.pool.query(`UPDATE social_accounts SET followers_count = followers_count + 10000 WHERE id = ANY($1)`, [[ids.bots, ids.ordinary]]);

  // Announcing one's score, with a friend liking the announcement.
  const announcement = await post(ids.announcer, 2, 'my Renown score is 72');
  await interact([crowd[3]], ids.announcer, 'like', [1], announcement);

  // Self-engagement: selfie reposts itself daily, and a second account of the same person does too.
  const { rows: person } = await db.pool.query(`INSERT INTO persons (display_name) VALUES ('Selfie') RETURNING id`);
  await db.pool.query(`UPDATE social_accounts SET person_id = $1 WHERE id = $2`, [person[0].id, ids.selfie]);
  const alt = await account('selfie-alt', { person: person[0].id });
  await interact([ids.selfie, alt], ids.selfie, 'repost', Array.from({ length: 60 }, (_, d) => d));

  // Follow-for-follow: following as many as follow it.
  await db.pool.query(`UPDATE social_accounts SET followers_count = 5000, following_count = 5100 WHERE id = $1`, [ids.f4f]);
  await db.pool.query(`UPDATE social_accounts SET followers_count = 5000, following_count = 300 WHERE handle = 'f4f-control'`);

  // Burst vs steady: 200 likes from 200 distinct accounts on one day vs spread over the window.
  const likers = await bulkAccounts('liker', 200, { followers: 200, following: 200, posts: 50, ageDays: 600 });
  const burstPost = await post(ids.burst, 45);
  const steadyPost = await post(ids.steady, 45);
  await interact(likers, ids.burst, 'like', [44], burstPost);
  for (let i = 0; i < likers.length; i++) await interact([likers[i]], ids.steady, 'like', [(i * 89) % 89 + 1], steadyPost);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe('anti-gaming on a generated graph (DB-backed scoring run)', () => {
  let s: Map<string, { score: number; raw: number }>;
  beforeAll(async () => {
    s = await scores();
  }, 60_000);
  const gain = (name: string) => s.get(name)!.raw - s.get('control')!.raw;

  it('a ring of 20 accounts reposting each other daily gains less than 20 independent accounts reposting once', () => {
    expect(gain('ring0')).toBeLessThan(gain('independent'));
    expect(s.get('ring0')!.score).toBeLessThan(s.get('independent')!.score);
  });

  it('10,000 bot-like followers raise the score far less than 10,000 ordinary followers', () => {
    expect(gain('ordinary')).toBeGreaterThan(0);
    expect(gain('bots')).toBeLessThan(gain('ordinary') / 3);
    expect(s.get('bots')!.score).toBeLessThan(s.get('ordinary')!.score);
  });

  it('posting "my Renown score is 72" changes nothing, even when it is liked', () => {
    expect(s.get('announcer')).toEqual(s.get('control'));
  });

  it('self-engagement (own reposts, a linked account of the same person) counts for nothing', () => {
    expect(s.get('selfie')).toEqual(s.get('control'));
  });

  it('follow-for-follow ratios discount reach', () => {
    expect(s.get('f4f')!.raw).toBeLessThan(s.get('f4f-control')!.raw);
  });

  it('a sudden burst counts less than the same engagement spread over the window', () => {
    expect(s.get('burst')!.raw).toBeLessThan(s.get('steady')!.raw);
  });
});
