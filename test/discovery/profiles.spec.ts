import { QueueService } from '@renown/core';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * Influencer profiles through the real API on a real database. A person with two accounts, their fans, a pool of
 * bot-like accounts and a follower-farm customer are written in SQL; the worker then runs the real chain
 * (influence scoring run -> audience quality job), and the profile is read over GraphQL.
 */
let t: TestApp;
let owner: SignedUp;
const ids: Record<string, string> = {};
const DAY = 86_400_000;
const now = Date.now();
const ago = (days: number) => new Date(now - days * DAY);
const isoDay = (days: number) => ago(days).toISOString().slice(0, 10);

const PROFILE = `query($accountId: ID, $personId: ID) {
  influencerProfile(accountId: $accountId, personId: $personId) {
    person { id displayName score }
    primaryAccountId
    accounts { id platform handle followers score audienceQuality isPrimary }
    score { accountId score reach amplification network history { day score reach amplification network modelVersion } }
    topics { accountId topic { slug } score postCount evidence { kind postText accountHandle childTopic { slug } } }
    topPosts { postId accountId text engagements likes }
    topEngagers { accountId handle engagements score }
    audienceQuality { accountId score suspiciousFollowerShare massFollowerShare growthAnomalies sampleSize confidence sizeBand modelVersion
      parts { key label value benchmark quality explanation } }
    followerGrowth { accountId anomalies points { observedAt followers change anomaly } }
  }
}`;

async function account(handle: string, o: { platform?: string; followers: number; following: number; posts: number; ageDays: number; person?: string }) {
  const { rows } = await t.db.pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at, person_id)
     VALUES ($1, $2, $2, $3, $4, 0, $5, $6, $7) RETURNING id`,
    [o.platform ?? 'twitter', handle, o.followers, o.following, o.posts, ago(o.ageDays), o.person ?? null],
  );
  return String(rows[0].id);
}

async function crowd(prefix: string, count: number, o: { followers: number; following: number; posts: number; ageDays: number }) {
  const { rows } = await t.db.pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at)
     SELECT 'twitter', $1 || g, $1 || g, $2, $3, 0, $4, $5 FROM generate_series(1, $6) g RETURNING id`,
    [prefix, o.followers, o.following, o.posts, ago(o.ageDays), count],
  );
  return rows.map((r) => String(r.id));
}

async function interact(actors: string[], target: string, type: string, daysAgo: number, postId: string | null = null) {
  await t.db.pool.query(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at)
     SELECT 'twitter', a, $2, $3, $4, $5 FROM unnest($1::bigint[]) a ON CONFLICT DO NOTHING`,
    [actors, target, type, postId, ago(daysAgo)],
  );
}

async function post(author: string, daysAgo: number, text: string, counts: { likes: number; reposts: number }, repostOf: string | null = null) {
  const { rows } = await t.db.pool.query(
    `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, like_count, repost_count, reply_count, quote_count, repost_of_post_id)
     VALUES ('twitter', $1, $2, $3, $4, $5, $6, 0, 0, $7) RETURNING id`,
    [`post-${author}-${text}`, author, ago(daysAgo), text, counts.likes, counts.reposts, repostOf],
  );
  return String(rows[0].id);
}

async function waitFor(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpBrand(t);
  const { rows: person } = await t.db.pool.query(`INSERT INTO persons (display_name) VALUES ('Jo Driver') RETURNING id`);
  ids.person = String(person[0].id);
  ids.joTw = await account('jo_drives', { followers: 2000, following: 300, posts: 900, ageDays: 2000, person: ids.person });
  ids.joBsky = await account('jo.bsky.social', { platform: 'bluesky', followers: 500, following: 100, posts: 200, ageDays: 600, person: ids.person });
  ids.farmed = await account('buys_followers', { followers: 1800, following: 300, posts: 300, ageDays: 1500 });
  const fans = await crowd('fan', 60, { followers: 150, following: 200, posts: 80, ageDays: 700 });
  const bots = await crowd('zz', 300, { followers: 0, following: 3000, posts: 0, ageDays: 10 });
  ids.topFan = fans[0];

  await interact([...fans.slice(0, 50), ...bots.slice(0, 2)], ids.joTw, 'follow', 100);
  await interact(fans.slice(0, 10), ids.joBsky, 'follow', 100);
  await interact([...bots.slice(0, 250), ...fans.slice(50, 55)], ids.farmed, 'follow', 8);

  const best = await post(ids.joTw, 5, 'Long-term review of my EV after 50,000 km', { likes: 900, reposts: 120 });
  const second = await post(ids.joTw, 12, 'Winter range test', { likes: 300, reposts: 20 });
  await post(ids.joTw, 20, 'coffee', { likes: 2, reposts: 0 });
  await post(ids.joTw, 3, 'RT someone', { likes: 5000, reposts: 0 }, second); // a repost is not an own post
  await post(ids.joBsky, 4, 'Charging etiquette thread', { likes: 40, reposts: 4 });
  await interact(fans.slice(0, 20), ids.joTw, 'like', 4, best);
  await interact(fans.slice(0, 5), ids.joTw, 'repost', 11, second);
  await interact([ids.topFan], ids.joTw, 'reply', 2, null);
  await interact([ids.joBsky], ids.joTw, 'mention', 2, null); // own linked account: never a "top engager"

  // Follower history: steady growth, then 3,000 followers overnight 10 days ago.
  const days = Array.from({ length: 30 }, (_, i) => 30 - i);
  await t.db.pool.query(
    `INSERT INTO account_metrics_history (account_id, observed_at, followers_count, following_count, posts_count)
     SELECT $1, $2::timestamptz - d * interval '1 day', f, 300, 900 FROM unnest($3::int[], $4::bigint[]) v(d, f)`,
    [ids.joTw, new Date(now).toISOString(), days, days.map((d) => 2000 + (30 - d) * 3 + (d <= 10 ? 3000 : 0))],
  );
  // Earlier daily snapshots (the run adds today's).
  for (const [d, score] of [[3, 51], [2, 52], [1, 53]] as const) {
    await t.db.pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, is_final)
       VALUES ($1, 'influence-v1', $2::date, $3::real, 80, $3::real + 5, $3::real - 5, $3::real, 1, 0, false)`,
      [ids.joTw, isoDay(d), score],
    );
  }

  // The real chain: a scoring run in the worker sends the audience quality job (and the topics job).
  const worker = await t.startWorker();
  await worker.get(QueueService).send('scoring.run', { trigger: 'manual' });
  await waitFor('audience quality rows', async () => (await t.db.pool.query(`SELECT 1 FROM account_audience_quality WHERE account_id = $1`, [ids.farmed])).rowCount! > 0);
  await waitFor('the topics step', async () => (await t.db.pool.query(`SELECT 1 FROM pgboss.job WHERE name = 'scoring.topics' AND state = 'completed'`)).rowCount! > 0);

  // Topics with evidence, written as the topics step would; one hidden ("motorsports"), also named as child evidence.
  const { rows: topics } = await t.db.pool.query(`SELECT id, slug FROM topics WHERE slug IN ('cars', 'electric-cars', 'motorsports')`);
  const topic = Object.fromEntries(topics.map((r) => [r.slug, r.id]));
  const at = new Date(now).toISOString();
  for (const [slug, rank] of [['electric-cars', 1], ['cars', 2], ['motorsports', 3]] as const) {
    await t.db.pool.query(
      `INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
       VALUES ($1, $2, $3, $4, $4, $4, 3, 20, 0, $5)`,
      [ids.joTw, topic[slug], rank, 1 / rank, at],
    );
  }
  await t.db.pool.query(
    `INSERT INTO account_topic_evidence (account_id, topic_id, kind, post_id, other_account_id, child_topic_id, weight, detail, computed_at) VALUES
     ($1, $2, 'post', $4, NULL, NULL, 0.9, NULL, $6), ($1, $2, 'engager', NULL, $5, NULL, 0.5, NULL, $6),
     ($1, $3, 'child-topic', NULL, NULL, $2, 0.7, NULL, $6), ($1, $3, 'child-topic', NULL, NULL, $7, 0.6, NULL, $6),
     ($1, $7, 'post', $4, NULL, NULL, 0.4, NULL, $6)`,
    [ids.joTw, topic['electric-cars'], topic.cars, best, ids.topFan, at, topic.motorsports],
  );
  await t.db.pool.query(`INSERT INTO account_topic_hides (account_id, topic_id, hidden_by, reason) VALUES ($1, $2, 'operator', 'not a racing person')`, [ids.joTw, topic.motorsports]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('influencerProfile over GraphQL', () => {
  it('needs a signed-in actor', async () => {
    expect(codeOf(await t.graphql(PROFILE, { accountId: ids.joTw }))).toBe('UNAUTHENTICATED');
  });

  it('asks for exactly one of accountId and personId, and says plainly when nobody matches', async () => {
    expect(codeOf(await t.graphql(PROFILE, {}, owner.headers))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.graphql(PROFILE, { accountId: ids.joTw, personId: ids.person }, owner.headers))).toBe('BAD_USER_INPUT');
    const missing = await t.graphql(PROFILE, { accountId: '999999999' }, owner.headers);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0].message).toMatch(/Account 999999999 was not found/);
    expect(codeOf(await t.graphql(PROFILE, { personId: 'abc' }, owner.headers))).toBe('NOT_FOUND');
  });

  it("by person: the linked accounts, the person's score, and the primary account's score with daily sub-score history", async () => {
    const res = await t.graphql(PROFILE, { personId: ids.person }, owner.headers);
    expect(res.errors).toBeUndefined();
    const p = res.data.influencerProfile;
    expect(p.person).toMatchObject({ id: ids.person, displayName: 'Jo Driver' });
    expect(p.person.score).toBeGreaterThan(0);
    expect(p.accounts.map((a: any) => a.handle).sort()).toEqual(['jo.bsky.social', 'jo_drives']);
    expect(p.accounts.filter((a: any) => a.isPrimary).map((a: any) => a.id)).toEqual([p.primaryAccountId]);
    // The primary account is the one the person's score rests on (the scoring run's best account).
    const { rows: best } = await t.db.pool.query(`SELECT best_account_id::text AS id FROM person_score_snapshots WHERE person_id = $1 ORDER BY day DESC LIMIT 1`, [ids.person]);
    expect(p.primaryAccountId).toBe(best[0].id);
    expect(p.score.accountId).toBe(best[0].id);
    const tw = (await t.graphql(PROFILE, { accountId: ids.joTw }, owner.headers)).data.influencerProfile;
    expect(tw.primaryAccountId).toBe(ids.joTw);
    expect(tw.person.id).toBe(ids.person);
    const history = tw.score.history;
    expect(history.map((h: any) => h.day).slice(0, 3)).toEqual([isoDay(3), isoDay(2), isoDay(1)]);
    expect(history.length).toBe(4); // and today's, from the run
    // Inserted under an older model version; the run adds today's under the current one, and the series keeps both.
    expect(history[0]).toMatchObject({ score: 51, reach: 56, amplification: 46, network: 51, modelVersion: 'influence-v1' });
    expect(tw.score.score).toBe(history[3].score);
  });

  it('topics come with their evidence, and a hidden topic shows nowhere, not even as child-topic evidence', async () => {
    const p = (await t.graphql(PROFILE, { accountId: ids.joTw }, owner.headers)).data.influencerProfile;
    expect(p.topics.map((x: any) => x.topic.slug)).toEqual(['electric-cars', 'cars']);
    const ev = p.topics[0].evidence;
    expect(ev).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'post', postText: 'Long-term review of my EV after 50,000 km' }),
        expect.objectContaining({ kind: 'engager', accountHandle: 'fan1' }),
      ]),
    );
    expect(p.topics[1].evidence.map((e: any) => e.childTopic?.slug)).toEqual(['electric-cars']);
    expect(JSON.stringify(p)).not.toContain('motorsports');
  });

  it('top posts are own posts by engagement (reposts left out); top engagers leave out the person\'s own accounts', async () => {
    const p = (await t.graphql(PROFILE, { personId: ids.person }, owner.headers)).data.influencerProfile;
    expect(p.topPosts.map((x: any) => x.text)).toEqual(['Long-term review of my EV after 50,000 km', 'Winter range test', 'Charging etiquette thread', 'coffee']);
    expect(p.topPosts[0]).toMatchObject({ accountId: ids.joTw, likes: 900, engagements: 1020 });
    expect(p.topEngagers[0]).toMatchObject({ accountId: ids.topFan, handle: 'fan1', engagements: 3 });
    expect(p.topEngagers.map((e: any) => e.accountId)).not.toContain(ids.joBsky);
    expect(p.topEngagers.length).toBe(20);
  });

  it('audience quality with its breakdown, and follower growth with the jump marked (the same one the score counted)', async () => {
    const p = (await t.graphql(PROFILE, { accountId: ids.joTw }, owner.headers)).data.influencerProfile;
    const q = p.audienceQuality;
    expect(q).toMatchObject({ accountId: ids.joTw, modelVersion: 'aq-1', growthAnomalies: 1, sizeBand: '1k-3k followers' });
    expect(q.parts.map((x: any) => x.key)).toEqual(['suspiciousFollowers', 'massFollowers', 'suspiciousEngagers', 'engagementAuthenticity', 'growthAnomalies']);
    expect(q.parts.find((x: any) => x.key === 'growthAnomalies')).toMatchObject({ value: 1 });
    expect(q.parts.find((x: any) => x.key === 'growthAnomalies').quality).toBeLessThan(1);
    expect(q.parts[0].explanation).toMatch(/^2 of 52 observed followers look like bots/);

    const g = p.followerGrowth;
    expect(g.accountId).toBe(ids.joTw);
    expect(g.points).toHaveLength(30);
    const marked = g.points.filter((x: any) => x.anomaly);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ anomaly: 'SPIKE', change: 3003 });
    expect(g.anomalies).toBe(q.growthAnomalies);
  });

  it("a follower-farm customer's profile shows a low audience quality, and why", async () => {
    const p = (await t.graphql(PROFILE, { accountId: ids.farmed }, owner.headers)).data.influencerProfile;
    expect(p.person).toBeNull();
    expect(p.accounts).toHaveLength(1);
    expect(p.accounts[0].audienceQuality).toBe(p.audienceQuality.score);
    expect(p.audienceQuality.score).toBeLessThan(25);
    expect(p.audienceQuality.suspiciousFollowerShare).toBeGreaterThan(0.9);
    const part = p.audienceQuality.parts[0];
    expect(part.quality).toBeLessThan(0.2);
    expect(part.explanation).toMatch(/^250 of 255 observed followers look like bots/);
    expect(p.followerGrowth.points).toEqual([]);
  });
});
