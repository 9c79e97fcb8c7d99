import { QueueService } from '../../libs/core/src/index.js';
import { INFLUENCE_MODEL_VERSION, SCORING_RUN_QUEUE } from '../../libs/scoring/src/index.js';
import { REFRESH_QUEUE } from '../../libs/sources/src/crawl/refresh.jobs.js';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  buildAutomotiveWorld,
  startFakeBlueskyAppView,
  startFakeMastodonInstance,
  type AutomotiveWorld,
  type FakeBlueskyAppView,
  type FakeMastodonInstance,
  type FakeServer,
  type LoggedRequest,
  type WorldPerson,
} from '../support/fake-networks/index.js';

/*
 * The daily refresh (`sources.refresh`, run here through the queue as the worker's cron would): the accounts
 * brands care about (on a shortlist, in a campaign, or scoring at least REFRESH_MIN_SCORE) are read again, oldest
 * fetch first, so their follower counts and posts stay current; the counts go into the metrics history, which
 * only ever grows. Accounts read in the last 20 hours wait, opted-out people are never read, a Bluesky handle
 * change keeps one account, and a network that is down leaves everything as it was until the next run.
 *
 * Each test has its own world, fake networks, database, API and worker, so they stand alone in any order.
 */
const LOOKUP = `query($p: String!, $h: String!) { influencerLookup(platform: $p, handle: $h) { status message accountId score } }`;

interface Setup {
  t: TestApp;
  brand: SignedUp;
  world: AutomotiveWorld;
  bluesky: FakeBlueskyAppView;
  mastodon: FakeMastodonInstance;
  queue: QueueService;
}

async function start(env: Record<string, string> = {}): Promise<Setup> {
  const world = buildAutomotiveWorld(3);
  const bluesky = await startFakeBlueskyAppView(world.bluesky, { rateLimit: { requests: 3000, windowSeconds: 30 } });
  const mastodon = await startFakeMastodonInstance(world.mastodon, { rateLimit: { requests: 3000, windowSeconds: 30 } });
  const t = await createTestApp({ BLUESKY_APPVIEW_URL: bluesky.url, MASTODON_INSTANCE_URL: mastodon.url, BLUESKY_RATE_LIMIT: '3000/30', MASTODON_RATE_LIMIT: '3000/30', ...env });
  const brand = await signUpBrand(t);
  await t.startWorker();
  return { t, brand, world, bluesky, mastodon, queue: t.app.get(QueueService) };
}

async function stop(s: Setup | undefined) {
  await s?.t.close();
  await s?.bluesky.close();
  await s?.mastodon.close();
}

/** Looks a handle up as a brand would, and waits until the worker has fetched and imported it (scored or not yet). */
async function lookUp(s: Setup, platform: 'bluesky' | 'mastodon', handle: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await s.t.graphql(LOOKUP, { p: platform, h: handle }, s.brand.headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const answer = res.data.influencerLookup;
    if (answer.status === 'ready' || answer.status === 'scoring') return answer.accountId;
    if (answer.status !== 'fetching' && answer.status !== 'scoring') throw new Error(`look-up of ${handle}: ${answer.status} ${answer.message}`);
    if (Date.now() > deadline) throw new Error(`look-up of ${handle} still ${answer.status} after 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until no scoring run is queued or running (the look-ups ask for one each). */
async function scoringIdle(s: Setup) {
  const deadline = Date.now() + 30_000;
  while ((await s.t.db.pool.query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') LIMIT 1`, [SCORING_RUN_QUEUE])).rowCount) {
    if (Date.now() > deadline) throw new Error('scoring still running after 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function shortlist(s: Setup, accountIds: string[]) {
  const created = await s.t.graphql(`mutation($n: String!) { createShortlist(input: { name: $n }) { id } }`, { n: `EV launch ${Math.random().toString(36).slice(2, 8)}` }, s.brand.headers);
  expect(created.errors).toBeUndefined();
  const added = await s.t.graphql(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added unknownAccountIds } }`, { l: created.data.createShortlist.id, ids: accountIds }, s.brand.headers);
  expect(added.errors).toBeUndefined();
  expect(added.data.addToShortlist).toEqual({ added: accountIds.length, unknownAccountIds: [] });
}

/** As if the account had last been read `hours` ago (a day passing, without waiting for it). */
async function fetchedHoursAgo(s: Setup, accountId: string, hours: number) {
  await s.t.db.pool.query(`UPDATE social_accounts SET last_fetched_at = now() - make_interval(secs => $2::float8 * 3600) WHERE id = $1`, [accountId, hours]);
}

/** Runs the refresh the way the worker's cron does: a job on `sources.refresh`, waited for until it ends. */
async function refresh(s: Setup, data: { network?: 'bluesky' | 'mastodon'; limit?: number } = {}, timeoutMs = 90_000) {
  const id = await s.queue.send(REFRESH_QUEUE, data);
  if (!id) throw new Error('the refresh job was not queued');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await s.queue.getJob(REFRESH_QUEUE, id);
    if (job && ['completed', 'failed', 'retry', 'cancelled'].includes(job.state)) return job.state;
    if (Date.now() > deadline) throw new Error(`refresh job still ${job?.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function account(s: Setup, id: string) {
  const { rows } = await s.t.db.pool.query(`SELECT id::text, external_id, handle, followers_count::int AS followers, last_fetched_at FROM social_accounts WHERE id = $1`, [id]);
  return rows[0] as { id: string; external_id: string; handle: string; followers: number; last_fetched_at: Date | null } | undefined;
}

async function history(s: Setup, id: string) {
  const { rows } = await s.t.db.pool.query(`SELECT observed_at, followers_count::int AS followers FROM account_metrics_history WHERE account_id = $1 ORDER BY observed_at`, [id]);
  return rows as { observed_at: Date; followers: number }[];
}

/** Requests to the fake AppView since `since` that read this Bluesky person (any parameter naming their DID or handle). */
const blueskyRequestsFor = (server: FakeServer, person: WorldPerson, since: number): LoggedRequest[] =>
  server.requests.filter((r) => r.at >= since && [person.id, person.handle].some((ref) => JSON.stringify(r.query).includes(ref)));

/** Requests to the fake instance since `since` that read this Mastodon person (lookup by acct, or by account id). */
function mastodonRequestsFor(s: Setup, person: WorldPerson, since: number): LoggedRequest[] {
  const [user, host] = person.handle.toLowerCase().split('@');
  const accts = new Set([person.handle.toLowerCase(), ...(host === s.world.mastodon.instanceDomain ? [user] : [])]);
  return s.mastodon.requests.filter((r) => r.at >= since && (r.path.includes(`/accounts/${person.id}/`) || r.path.endsWith(`/accounts/${person.id}`) || (r.path.endsWith('/accounts/lookup') && accts.has(String(r.query.acct).toLowerCase()))));
}

/**
 * A Mastodon status the person publishes now (ids are snowflakes: milliseconds << 16). The fake serves the world's
 * lists live; without favourites or boosts the status is not among the "most engaged", whose engagers are read.
 */
function publishOnMastodon(s: Setup, person: WorldPerson, text: string) {
  const id = ((BigInt(Date.now()) << 16n) | 0xfffen).toString();
  s.world.mastodon.statuses.push({ id, accountId: person.id, createdAt: new Date().toISOString(), text, language: 'en', tags: ['EV'], mentions: [], repliesCount: 0, reblogsCount: 0, favouritesCount: 0, quotesCount: 0 });
  const a = s.world.mastodon.accounts.find((x) => x.id === person.id)!;
  a.statusesCount += 1;
  a.lastStatusAt = new Date().toISOString().slice(0, 10);
}

describe('the daily refresh keeps the accounts brands care about current', () => {
  let s: Setup | undefined;
  afterEach(async () => {
    await stop(s);
    s = undefined;
  });

  it('a shortlisted account gets its new follower count (a new history row beside the old one) and its new post', async () => {
    s = await start();
    // Mastodon: the fake instance serves the world's account records live, so a test can change a follower count.
    const person = s.world.carPeople('mastodon').find((p) => !p.special)!;
    const id = await lookUp(s, 'mastodon', `@${person.handle}`);
    await shortlist(s, [id]);
    const before = await account(s, id);
    expect(before!.followers).toBe(person.followersCount);
    const oldHistory = await history(s, id);
    expect(oldHistory.length).toBeGreaterThanOrEqual(1);
    expect(oldHistory.every((h) => h.followers === person.followersCount)).toBe(true);
    const { rows: oldPosts } = await s.t.db.pool.query(`SELECT count(*)::int AS n FROM posts WHERE author_account_id = $1`, [id]);

    // A day later: 250 more followers, and a post about a test drive.
    await fetchedHoursAgo(s, id, 24);
    const world = s.world.mastodon.accounts.find((a) => a.id === person.id)!;
    world.followersCount += 250;
    publishOnMastodon(s, person, 'Long-term test: 3,000 km in the new EV, charging stops and all. #EV');
    const startedAt = Date.now();

    expect(await refresh(s, { network: 'mastodon' })).toBe('completed');

    const after = await account(s, id);
    expect(after).toMatchObject({ id, followers: person.followersCount + 250 });
    expect(after!.last_fetched_at!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    const newHistory = await history(s, id);
    // History is never rewritten: the old rows are still there as they were, and the new count comes after them:
    // one row for the account's own fetch (its pages are dated when the fetch began), plus one for each other
    // account's fetch that showed it (as a liker, say), all with the new count.
    expect(newHistory.slice(0, oldHistory.length)).toEqual(oldHistory);
    const added = newHistory.slice(oldHistory.length);
    expect(added.length).toBeGreaterThanOrEqual(1);
    for (const h of added) {
      expect(h.followers).toBe(person.followersCount + 250);
      expect(h.observed_at.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    }

    const { rows: posts } = await s.t.db.pool.query(`SELECT text, author_account_id::text AS author, hashtags FROM posts WHERE platform = 'mastodon' AND text LIKE 'Long-term test%'`);
    expect(posts).toEqual([{ text: expect.stringContaining('3,000 km in the new EV'), author: id, hashtags: ['ev'] }]);
    const { rows: nowPosts } = await s.t.db.pool.query(`SELECT count(*)::int AS n FROM posts WHERE author_account_id = $1`, [id]);
    expect(nowPosts[0].n).toBe(oldPosts[0].n + 1);
    expect(mastodonRequestsFor(s, person, startedAt).some((r) => r.path.endsWith(`/accounts/${person.id}/statuses`))).toBe(true);
  }, 120_000);

  it('reads only the accounts brands care about: shortlisted, in a campaign, or scoring at least REFRESH_MIN_SCORE', async () => {
    s = await start({ REFRESH_MIN_SCORE: '90' });
    const [listed, invited, topScorer, nobody] = s.world.carPeople('bluesky').filter((p) => !p.special).slice(0, 4);
    const people = { listed, invited, topScorer, nobody };
    const ids: Record<keyof typeof people, string> = { listed: '', invited: '', topScorer: '', nobody: '' };
    for (const k of Object.keys(people) as (keyof typeof people)[]) ids[k] = await lookUp(s, 'bluesky', people[k].handle);
    const pool = s.t.db.pool;
    // The scoring the look-ups asked for is over, and none of them scores 90 on its own (a small graph of four
    // accounts): only what is set up below selects them.
    await scoringIdle(s);
    const { rows: best } = await pool.query(`SELECT coalesce(max(score), 0)::float8 AS top FROM account_score_snapshots WHERE account_id = ANY($1::bigint[])`, [Object.values(ids)]);
    expect(best[0].top).toBeLessThan(90);

    await shortlist(s, [ids.listed]);
    // Invited to a campaign as a contact linked to the account (what inviting from a shortlist or a CSV does).
    const { rows: campaign } = await pool.query(
      `INSERT INTO campaigns (brand_id, name, perk_kind, perk_title, quantity, claim_deadline, status) VALUES ($1, 'Winter tyres', 'physical', 'A set of winter tyres', 10, now() + interval '30 days', 'active') RETURNING id`,
      [s.brand.brandId],
    );
    const { rows: contact } = await pool.query(
      `INSERT INTO influencer_contacts (brand_id, email, platform, handle, social_account_id, consent_basis, source) VALUES ($1, 'driver@example.test', 'bluesky', $2, $3, 'consent', 'brand_csv') RETURNING id`,
      [s.brand.brandId, invited.handle, ids.invited],
    );
    await pool.query(`INSERT INTO invitations (brand_id, campaign_id, contact_id, expires_at) VALUES ($1, $2, $3, now() + interval '14 days')`, [s.brand.brandId, campaign[0].id, contact[0].id]);
    // An invitation the brand revoked no longer counts: that person is not refreshed for it.
    const { rows: revokedContact } = await pool.query(
      `INSERT INTO influencer_contacts (brand_id, email, platform, handle, social_account_id, consent_basis, source) VALUES ($1, 'other@example.test', 'bluesky', $2, $3, 'consent', 'brand_csv') RETURNING id`,
      [s.brand.brandId, nobody.handle, ids.nobody],
    );
    await pool.query(`INSERT INTO invitations (brand_id, campaign_id, contact_id, expires_at, status) VALUES ($1, $2, $3, now() + interval '14 days', 'revoked')`, [s.brand.brandId, campaign[0].id, revokedContact[0].id]);
    // Yesterday's (final) score of 95.
    await pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, is_final)
       VALUES ($1, $2, current_date - 1, 95, 0.99, 95, 95, 95, 1, 0, true)`,
      [ids.topScorer, INFLUENCE_MODEL_VERSION],
    );
    for (const id of Object.values(ids)) await fetchedHoursAgo(s, id, 30);
    const before = await account(s, ids.nobody);
    const startedAt = Date.now();

    expect(await refresh(s, { network: 'bluesky' })).toBe('completed');

    for (const k of ['listed', 'invited', 'topScorer'] as const) {
      expect((await account(s, ids[k]))!.last_fetched_at!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(blueskyRequestsFor(s.bluesky, people[k], startedAt).map((r) => r.path)).toContain('/xrpc/app.bsky.actor.getProfile');
    }
    // The account nobody asked for (its only invitation revoked) stays as it was, and the network never heard its name.
    expect((await account(s, ids.nobody))!.last_fetched_at).toEqual(before!.last_fetched_at);
    expect(blueskyRequestsFor(s.bluesky, nobody, startedAt)).toEqual([]);
  }, 120_000);

  it('reads the longest-unread account first: with a limit of 1, the older fetch goes, the other waits for the next run', async () => {
    s = await start();
    const [older, newer] = s.world.carPeople('bluesky').filter((p) => !p.special).slice(5, 7);
    const olderId = await lookUp(s, 'bluesky', older.handle);
    const newerId = await lookUp(s, 'bluesky', newer.handle);
    await shortlist(s, [newerId, olderId]);
    await fetchedHoursAgo(s, olderId, 72);
    await fetchedHoursAgo(s, newerId, 48);
    const newerBefore = (await account(s, newerId))!.last_fetched_at!;

    const first = Date.now();
    expect(await refresh(s, { network: 'bluesky', limit: 1 })).toBe('completed');
    expect((await account(s, olderId))!.last_fetched_at!.getTime()).toBeGreaterThanOrEqual(first - 1000);
    expect((await account(s, newerId))!.last_fetched_at).toEqual(newerBefore);
    expect(blueskyRequestsFor(s.bluesky, older, first).length).toBeGreaterThan(0);
    expect(blueskyRequestsFor(s.bluesky, newer, first)).toEqual([]);

    const second = Date.now();
    expect(await refresh(s, { network: 'bluesky', limit: 1 })).toBe('completed');
    expect((await account(s, newerId))!.last_fetched_at!.getTime()).toBeGreaterThanOrEqual(second - 1000);
    // The one read a moment ago is not read again.
    expect(blueskyRequestsFor(s.bluesky, older, second)).toEqual([]);
  }, 120_000);

  it('skips an account read less than 20 hours ago', async () => {
    s = await start();
    const [recent, due] = s.world.carPeople('bluesky').filter((p) => !p.special).slice(7, 9);
    const recentId = await lookUp(s, 'bluesky', recent.handle);
    const dueId = await lookUp(s, 'bluesky', due.handle);
    await shortlist(s, [recentId, dueId]);
    await fetchedHoursAgo(s, recentId, 19);
    await fetchedHoursAgo(s, dueId, 21);
    const recentBefore = (await account(s, recentId))!.last_fetched_at!;
    const startedAt = Date.now();

    expect(await refresh(s, { network: 'bluesky' })).toBe('completed');

    expect((await account(s, dueId))!.last_fetched_at!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect((await account(s, recentId))!.last_fetched_at).toEqual(recentBefore);
    expect(blueskyRequestsFor(s.bluesky, recent, startedAt)).toEqual([]);
  }, 120_000);

  it('never reads an opted-out person, and forgets one who opts out after being shortlisted', async () => {
    s = await start();
    const pool = s.t.db.pool;
    // Bluesky: the look-up learns the person opted out (`!no-unauthenticated`) and keeps nothing; later the account
    // arrives another way (a file import, which does not consult opt-outs) and a brand shortlists it.
    const optedOut = s.world.special('bluesky', 'opted-out');
    const res = await s.t.graphql(LOOKUP, { p: 'bluesky', h: optedOut.handle }, s.brand.headers);
    expect(res.data.influencerLookup.status).toBe('fetching');
    const deadline = Date.now() + 30_000;
    while ((await pool.query(`SELECT 1 FROM network_opt_outs WHERE platform = 'bluesky' AND external_id = $1`, [optedOut.id])).rowCount === 0) {
      if (Date.now() > deadline) throw new Error('the opt-out was not recorded');
      await new Promise((r) => setTimeout(r, 200));
    }
    const { rows: imported } = await pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, followers_count, last_fetched_at) VALUES ('bluesky', $1, $2, $3, $4, now() - interval '3 days') RETURNING id::text`,
      [optedOut.id, optedOut.handle, optedOut.displayName, optedOut.followersCount],
    );
    const optedOutId = imported[0].id as string;

    // Mastodon: a shortlisted person later turns off discoverability on their instance.
    const leaver = s.world.carPeople('mastodon').find((p) => !p.special)!;
    const leaverId = await lookUp(s, 'mastodon', `@${leaver.handle}`);
    await shortlist(s, [optedOutId, leaverId]);
    await fetchedHoursAgo(s, leaverId, 24);
    s.world.mastodon.accounts.find((a) => a.id === leaver.id)!.discoverable = false;
    const startedAt = Date.now();

    expect(await refresh(s)).toBe('completed');

    expect(blueskyRequestsFor(s.bluesky, optedOut, startedAt)).toEqual([]);
    // The leaver's profile was read (that is how the refresh learns it), nothing after it; Renown keeps no trace.
    expect(mastodonRequestsFor(s, leaver, startedAt).map((r) => r.path)).toEqual(['/api/v1/accounts/lookup']);
    expect(await account(s, leaverId)).toBeUndefined();
    const { rows: opted } = await pool.query(`SELECT external_id FROM network_opt_outs WHERE platform = 'mastodon'`);
    expect(opted).toEqual([{ external_id: leaver.handle.toLowerCase() }]);
    const { rows: entries } = await pool.query(`SELECT account_id::text FROM shortlist_entries ORDER BY account_id`);
    expect(entries).toEqual([{ account_id: optedOutId }]);

    // The next run reads neither.
    await fetchedHoursAgo(s, optedOutId, 48);
    const again = Date.now();
    expect(await refresh(s)).toBe('completed');
    expect(blueskyRequestsFor(s.bluesky, optedOut, again)).toEqual([]);
    expect(mastodonRequestsFor(s, leaver, again)).toEqual([]);
  }, 120_000);

  it('keeps one account through a Bluesky handle change: same id, the new handle, and its new post', async () => {
    s = await start();
    const renamed = s.world.special('bluesky', 'renamed');
    const id = await lookUp(s, 'bluesky', renamed.handle);
    await shortlist(s, [id]);
    await fetchedHoursAgo(s, id, 24);
    s.bluesky.renameHandle(renamed.id, renamed.nextHandle!);
    const now = new Date().toISOString();
    s.world.bluesky.posts.push({
      did: renamed.id, rkey: `3lzz${Date.now().toString(36)}`, cid: `bafyreirefresh${Date.now().toString(36)}`, text: 'New handle, same garage. Brake fluid day for the EV.',
      createdAt: now, indexedAt: now, langs: ['en'], facets: [], likeCount: 0, repostCount: 0, replyCount: 0, quoteCount: 0,
    });

    expect(await refresh(s, { network: 'bluesky' })).toBe('completed');

    const { rows } = await s.t.db.pool.query(`SELECT id::text, handle FROM social_accounts WHERE platform = 'bluesky' AND (external_id = $1 OR lower(handle) IN ($2, $3))`, [renamed.id, renamed.handle.toLowerCase(), renamed.nextHandle]);
    expect(rows).toEqual([{ id, handle: renamed.nextHandle }]);
    const { rows: post } = await s.t.db.pool.query(`SELECT author_account_id::text AS author FROM posts WHERE text LIKE 'New handle, same garage%'`);
    expect(post).toEqual([{ author: id }]);
    // A brand looking up the new handle finds the same account, without another fetch.
    const answer = (await s.t.graphql(LOOKUP, { p: 'bluesky', h: renamed.nextHandle }, s.brand.headers)).data.influencerLookup;
    expect(answer.accountId).toBe(id);
    expect(answer.status).not.toBe('fetching');
  }, 120_000);

  it('stops without failing when the network is down, keeps the old data, and catches up on the next run', async () => {
    s = await start();
    const people = s.world.carPeople('mastodon').filter((p) => !p.special).slice(1, 3);
    const ids = [];
    for (const p of people) ids.push(await lookUp(s, 'mastodon', `@${p.handle}`));
    await shortlist(s, ids);
    for (const id of ids) await fetchedHoursAgo(s, id, 24);
    const before = await Promise.all(ids.map((id) => account(s!, id)));
    const historyBefore = await Promise.all(ids.map((id) => history(s!, id)));
    for (const p of people) s.world.mastodon.accounts.find((a) => a.id === p.id)!.followersCount += 100;

    s.mastodon.setDown(true);
    try {
      expect(await refresh(s, { network: 'mastodon' })).toBe('completed');
    } finally {
      s.mastodon.setDown(false);
    }
    for (const [k, id] of ids.entries()) {
      expect(await account(s, id)).toEqual(before[k]);
      expect(await history(s, id)).toEqual(historyBefore[k]);
    }

    const startedAt = Date.now();
    expect(await refresh(s, { network: 'mastodon' })).toBe('completed');
    for (const [k, id] of ids.entries()) {
      const after = await account(s, id);
      expect(after!.followers).toBe(people[k].followersCount + 100);
      expect(after!.last_fetched_at!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
      expect((await history(s, id)).at(-1)!.followers).toBe(people[k].followersCount + 100);
    }
  }, 180_000);
});
