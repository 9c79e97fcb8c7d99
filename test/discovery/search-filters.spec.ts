import { UsageService } from '../../libs/billing/src/index.js';
import { asBrandId } from '../../libs/accounts/src/index.js';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { SEARCH, SearchWorld } from './search-fixtures.js';

/**
 * Discovery search end to end on a real database: every filter of the issue narrows the ranking the way a
 * marketer expects, the typed query is read into topics and filters, and results carry the why-line.
 */
describe('influencers search: filters, interpretation, rows', () => {
  let t: TestApp;
  let a: SignedUp;
  let b: SignedUp;
  let w: SearchWorld;
  let campaignOfA: string;
  let campaignOfB: string;

  const search = async (vars: Record<string, unknown>, who: SignedUp = a) => {
    const res = await t.graphql(SEARCH, { first: 50, ...vars }, who.headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.influencers;
  };
  const handles = async (filter: Record<string, unknown>, query: string | null = null) =>
    (await search({ query, filter: { topics: ['cars', 'auto-industry'], ...filter } })).edges.map((e: any) => e.node.account.handle);

  beforeAll(async () => {
    t = await createTestApp();
    a = await signUpBrand(t);
    b = await signUpBrand(t);
    w = new SearchWorld(t.db.pool);
    const p1 = await w.person('Ada Lovelace');
    await w.account({ handle: 'ada', location: 'Berlin, Germany', followers: 50_000, topics: { cars: 90, 'auto-industry': 60 }, overall: 80, windowPosts: 10, windowEngagements: 10_000, lastPostDaysAgo: 2, audienceQuality: 85, personId: p1 });
    await w.account({ handle: 'ada_bsky', platform: 'bluesky', followers: 5_000, topics: { cars: 50 }, overall: 35, personId: p1 });
    await w.account({ handle: 'bo', location: 'Paris, France', followers: 200_000, topics: { cars: 80 }, overall: 70, windowPosts: 10, windowEngagements: 2_000, lastPostDaysAgo: 40, audienceQuality: 40 });
    await w.account({ handle: 'cy', platform: 'bluesky', language: 'de', location: 'München', followers: 8_000, topics: { 'auto-industry': 85 }, overall: 55, windowPosts: 10, windowEngagements: 4_000, lastPostDaysAgo: 5, audienceQuality: 70 });
    await w.account({ handle: 'dee', platform: 'mastodon', language: 'de', location: 'Hamburg', followers: 30_000, topics: { cars: 70, 'auto-industry': 75 }, overall: 30, windowPosts: 10, windowEngagements: 3_000, lastPostDaysAgo: 1 });
    await w.account({ handle: 'eve', platform: 'bluesky', language: 'de', location: 'Berlin', followers: 20_000, topics: { 'electric-cars': 88 }, overall: 50 });
    await w.account({ handle: 'fin', followers: 20_000, topics: { 'electric-cars': 60 }, overall: 45 });
    await w.account({ handle: 'gus', followers: 50_000, topics: { fitness: 75 }, overall: 60 });
    await w.account({ handle: 'hal', followers: 500_000, topics: { fitness: 90 }, overall: 85 });
    await w.account({ handle: 'ivy', followers: 15_000, topics: { fitness: 60 }, overall: 40 });
    await w.account({ handle: 'hid', followers: 90_000, topics: { cars: 95, fitness: 20 }, overall: 75 });
    await t.db.pool.query(`INSERT INTO account_topic_hides (account_id, topic_id, hidden_by, reason) VALUES ($1, $2, 'operator', 'not a car person')`, [w.ids.hid, await w.topic('cars')]);

    // ada: four car posts this month with 12.4k reposts in all, followed by two of the car leaders.
    for (const reposts of [5_000, 4_000, 3_000, 400]) await w.post('ada', 'Road test of a new hatchback', ['cars'], 3, reposts);
    await w.follow('bo', 'ada');
    await w.follow('dee', 'ada');

    await w.contact(a.brandId, 'bo', 'bo@example.test');
    const deeContact = await w.contact(a.brandId, 'dee', 'dee@example.test');
    await w.contact(b.brandId, 'ada', 'ada@example.test');
    campaignOfA = await w.campaign(a.brandId, 'Spring drive');
    campaignOfB = await w.campaign(b.brandId, 'Other brand');
    await w.invite(a.brandId, campaignOfA, deeContact);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('topics (any): ranked by the best topic score, each person once, hidden topics never', async () => {
    expect(await handles({})).toEqual(['ada', 'cy', 'bo', 'dee']);
  });

  it('topics (all): only accounts scored in every topic', async () => {
    expect(await handles({ topicMatch: 'ALL' })).toEqual(['ada', 'dee']);
  });

  it('topic-score range applies to the best searched topic', async () => {
    expect(await handles({ topicScore: { min: 76, max: 89 } })).toEqual(['cy', 'bo']);
  });

  it('overall-score range', async () => {
    expect(await handles({ score: { min: 50, max: 75 } })).toEqual(['cy', 'bo']);
  });

  it('platforms', async () => {
    expect(await handles({ platforms: ['bluesky'] })).toEqual(['cy', 'ada_bsky']);
  });

  it('languages', async () => {
    expect(await handles({ languages: ['de'] })).toEqual(['cy', 'dee']);
  });

  it('locations (any of the words, in the account location)', async () => {
    expect(await handles({ locations: ['berlin'] })).toEqual(['ada']);
    expect(await handles({ locations: ['münchen', 'Hamburg'] })).toEqual(['cy', 'dee']);
  });

  it('follower range', async () => {
    expect(await handles({ followers: { min: 10_000, max: 100_000 } })).toEqual(['ada', 'dee']);
  });

  it('engagement rate per post', async () => {
    expect(await handles({ engagementRate: { min: 0.015 } })).toEqual(['ada', 'cy']);
    const rows = (await search({ filter: { topics: ['cars'] } })).edges.map((e: any) => e.node);
    expect(rows.find((r: any) => r.account.handle === 'ada').engagementRate).toBeCloseTo(0.02, 6);
  });

  it('active within N days', async () => {
    expect(await handles({ activeWithinDays: 7 })).toEqual(['ada', 'cy', 'dee']);
  });

  it('audience quality minimum', async () => {
    expect(await handles({ audienceQualityMin: 60 })).toEqual(['ada', 'cy']);
    const rows = (await search({ filter: { topics: ['auto-industry'] } })).edges.map((e: any) => e.node);
    expect(rows.find((r: any) => r.account.handle === 'cy').audienceQuality).toBe(70);
  });

  it("has a contact email (this brand's contacts only)", async () => {
    expect(await handles({ hasContactEmail: true })).toEqual(['bo', 'dee']);
    expect(await handles({ hasContactEmail: false })).toEqual(['ada', 'cy']);
    const rows = (await search({ filter: { topics: ['cars'] } })).edges.map((e: any) => e.node);
    expect(rows.filter((r: any) => r.hasContactEmail).map((r: any) => r.account.handle)).toEqual(['bo', 'dee']);
  });

  it('not yet invited to a campaign; another brand’s campaign is not found', async () => {
    expect(await handles({ notInvitedToCampaignId: campaignOfA })).toEqual(['ada', 'cy', 'bo']);
    const res = await t.graphql(SEARCH, { filter: { topics: ['cars'], notInvitedToCampaignId: campaignOfB } }, a.headers);
    expect(codeOf(res)).toBe('NOT_FOUND');
  });

  it('refuses a bad filter with a message naming the field and the fix', async () => {
    const res = await t.graphql(SEARCH, { filter: { topics: ['cars'], followers: { min: 100_000, max: 10_000 } } }, a.headers);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/followers: min \(100000\) is above max \(10000\)/);
    const unknown = await t.graphql(SEARCH, { filter: { topics: ['no-such-topic-xyz'] } }, a.headers);
    expect(unknown.errors![0].message).toMatch(/Unknown topic "no-such-topic-xyz"/);
  });

  it('"top influencers in automotive": Cars + Auto Industry, ranked, with the person, accounts and why-line', async () => {
    const res = await search({ query: 'top influencers in automotive' });
    expect(res.interpretation.topics.map((x: any) => x.topic.slug).sort()).toEqual(['auto-industry', 'cars']);
    expect(res.interpretation.messages).toEqual([]);
    const rows = res.edges.map((e: any) => e.node);
    expect(rows.map((r: any) => r.account.handle)).toEqual(['ada', 'cy', 'bo', 'dee']);
    const ada = rows[0];
    expect(ada.person.displayName).toBe('Ada Lovelace');
    expect(ada.accounts.map((x: any) => x.handle).sort()).toEqual(['ada', 'ada_bsky']);
    expect(ada.topicScores.map((s: any) => [s.topic.slug, s.score])).toEqual([['cars', 90], ['auto-industry', 60]]);
    expect(ada.score).toBe(80);
    expect(ada.followers).toBe(50_000);
    expect(ada.why).toBe('4 posts on Cars in 30 days, 12k reposts; followed by 2 of the top 20 in Cars');
    expect(rows[1].why).toBe('Auto Industry influence 85/100 (top 16%); 8k followers');
  });

  it('hidden topics never show on a row', async () => {
    const res = await search({ filter: { topics: ['fitness'] } });
    const hid = res.edges.map((e: any) => e.node).find((r: any) => r.account.handle === 'hid');
    expect(hid.topTopics.map((x: any) => x.topic.slug)).toEqual(['fitness']);
  });

  it('"EV reviewers on bluesky writing in german": electric cars, Bluesky, German', async () => {
    const res = await search({ query: 'EV reviewers on bluesky writing in german' });
    expect(res.interpretation.topics.map((x: any) => x.topic.slug)).toEqual(['electric-cars']);
    expect(res.interpretation.platforms).toEqual(['bluesky']);
    expect(res.interpretation.languages).toEqual(['de']);
    expect(res.edges.map((e: any) => e.node.account.handle)).toEqual(['eve']);
  });

  it('"fitness creators with 10k-100k followers": Fitness within the follower range', async () => {
    const res = await search({ query: 'fitness creators with 10k-100k followers' });
    expect(res.interpretation.followers).toEqual({ min: 10_000, max: 100_000 });
    expect(res.edges.map((e: any) => e.node.account.handle)).toEqual(['gus', 'ivy', 'hid']);
  });

  it('an explicit filter field replaces what the query said about it', async () => {
    const res = await search({ query: 'fitness creators with 10k-100k followers', filter: { followers: { min: 100_000 } } });
    expect(res.interpretation.applied.followers).toEqual({ min: 100_000, max: null });
    expect(res.edges.map((e: any) => e.node.account.handle)).toEqual(['hal']);
  });

  it('a term that resolves to nothing is said plainly, with suggestions, and is not counted as a search', async () => {
    const usage = t.app.get(UsageService);
    const before = (await usage.currentUsage(asBrandId(a.brandId))).searches;
    const res = await search({ query: 'top influencers in automotiv' });
    expect(res.edges).toEqual([]);
    expect(res.searchId).toBeNull();
    expect(res.interpretation.unresolved).toEqual(['automotiv']);
    expect(res.interpretation.suggestions[0].topics.length).toBeGreaterThan(0);
    expect(res.interpretation.messages[0]).toMatch(/^Nothing matched "automotiv"\. Did you mean .+\?$/);
    expect((await usage.currentUsage(asBrandId(a.brandId))).searches).toBe(before);
  });

  it('a query with filters only ranks by overall influence', async () => {
    const res = await search({ query: 'creators on bluesky' });
    expect(res.interpretation.platforms).toEqual(['bluesky']);
    expect(res.edges.map((e: any) => e.node.account.handle)).toEqual(['cy', 'eve', 'ada_bsky']);
  });
});
