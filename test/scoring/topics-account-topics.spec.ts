import { TopicScoringService } from '../../libs/scoring/src/topics/scoring/topic-scoring.service.js';
import { TopicsService } from '../../libs/scoring/src/topics/topics.service.js';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * End to end on a real database: posts get topics, accounts get expertise from evidence, topic influence is
 * scored, and the corrections (hide, endorse) behave as promised across re-runs.
 */
describe('account topics, topic influence and corrections', () => {
  let t: TestApp;
  let operator: SignedUp;
  let brandUser: SignedUp;
  const ids: Record<string, string> = {};
  const CARS = '6986158486011427614';
  const BARBECUE_SLUG = 'barbecue';

  async function account(name: string, bio: string | null = null) {
    const { rows } = await t.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, bio, language, is_stub, followers_count)
       VALUES ('twitter', $1, $1, $1, $2, 'en', false, 1000) RETURNING id::text`,
      [name, bio],
    );
    ids[name] = rows[0].id;
    return rows[0].id as string;
  }

  let postSeq = 0;
  async function post(author: string, text: string, extra: { hashtags?: string[]; likes?: number; reposts?: number } = {}) {
    const { rows } = await t.db.pool.query(
      `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, language, hashtags, like_count, repost_count, reply_count, quote_count, is_stub)
       VALUES ('twitter', $1, $2, now() - interval '2 days', $3, 'en', $4, $5, $6, 0, 0, false) RETURNING id::text`,
      [`p${++postSeq}`, ids[author], text, extra.hashtags ?? [], extra.likes ?? 5, extra.reposts ?? 1],
    );
    return rows[0].id as string;
  }

  async function repost(actor: string, target: string, postId: string) {
    await t.db.pool.query(
      `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at)
       VALUES ('twitter', $1, $2, 'repost', $3, now() - interval '1 day')`,
      [ids[actor], ids[target], postId],
    );
  }

  const run = () => t.app.get(TopicScoringService).computeTopicScores();
  const topicsOf = async (name: string) =>
    (
      await t.db.pool.query(`SELECT t.slug FROM account_topics a JOIN topics t ON t.id = a.topic_id WHERE a.account_id = $1 ORDER BY a.rank`, [ids[name]])
    ).rows.map((r) => r.slug as string);
  const scoresOf = async (name: string) =>
    (await t.db.pool.query(`SELECT topic_id, score, percentile, topic_rank FROM account_topic_scores WHERE account_id = $1 ORDER BY topic_id`, [ids[name]])).rows;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signUpBrand(t);
    await t.db.pool.query(`UPDATE users SET is_operator = true WHERE id = $1`, [operator.userId]);
    await t.authChangesSeen();
    brandUser = await signUpBrand(t);

    await account('carla', 'Car reviewer. Electric cars, hybrids and road trips.');
    for (const n of ['ben', 'cleo', 'dan']) await account(n);
    await account('outsider');
    await account('pat');
    const carTexts = [
      'Long test of the new electric cars from three makers #ElectricCars',
      'Hybrid cars still make sense for long commutes',
      'Which SUVs hold their value? My notes on used cars',
      'Charging network review for electric cars in Europe',
      'Luxury cars compared: comfort versus price',
    ];
    const carlaPosts: string[] = [];
    for (const text of carTexts) carlaPosts.push(await post('carla', text, { likes: 200, reposts: 40 }));
    // ben, cleo and dan also write about cars, and repost carla: the car community engages with her.
    for (const n of ['ben', 'cleo', 'dan']) {
      for (const text of carTexts) await post(n, text, { likes: 3, reposts: 0 });
      for (const p of carlaPosts) await repost(n, 'carla', p);
    }
    // pat writes about cars a lot and once, with great success, about pulled pork barbecue.
    for (const text of carTexts) await post('pat', text, { likes: 10 });
    await post('pat', 'Slow-smoked pulled pork barbecue tonight, best ever', { likes: 5000, reposts: 900 });
    await post('outsider', 'Just some thoughts on my day');
    await run();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives an account expertise topics from its posts, bio and engagers, with parents rolled up', async () => {
    const topics = await topicsOf('carla');
    expect(topics).toEqual(expect.arrayContaining(['electric-cars', 'cars']));
    expect(topics.length).toBeLessThanOrEqual(20);
    const res = await t.graphql(
      `query($id: ID!) { accountTopics(accountId: $id) { topic { slug name } score percentile postCount engagerCount evidence { kind postText accountHandle childTopic { slug } } } }`,
      { id: ids.carla },
      brandUser.headers,
    );
    expect(res.errors).toBeUndefined();
    const cars = res.data.accountTopics.find((x: any) => x.topic.slug === 'cars');
    expect(cars.score).toBeGreaterThanOrEqual(1);
    expect(cars.score).toBeLessThanOrEqual(100);
    expect(cars.engagerCount).toBe(3);
    const kinds = new Set(cars.evidence.map((e: any) => e.kind));
    expect(kinds).toEqual(new Set(['post', 'engager', 'bio', 'child-topic']));
    expect(cars.evidence.filter((e: any) => e.kind === 'engager').map((e: any) => e.accountHandle).sort()).toEqual(['ben', 'cleo', 'dan']);
  });

  it('ranks the account the car community engages with first within Cars', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT sa.handle FROM account_topic_scores s JOIN social_accounts sa ON sa.id = s.account_id WHERE s.topic_id = $1 ORDER BY s.score DESC, s.account_id LIMIT 1`,
      [CARS],
    );
    expect(rows[0].handle).toBe('carla');
    const [platformRow] = (await t.db.pool.query(`SELECT platform, language FROM account_topic_scores WHERE account_id = $1 LIMIT 1`, [ids.carla])).rows;
    expect(platformRow).toEqual({ platform: 'twitter', language: 'en' });
  });

  it('does not make one viral pulled-pork post an authority on barbecue (the pork rule)', async () => {
    const topics = await topicsOf('pat');
    expect(topics).toContain('cars');
    expect(topics).not.toContain(BARBECUE_SLUG);
    const { rows } = await t.db.pool.query(
      `SELECT 1 FROM post_topics pt JOIN topics tp ON tp.id = pt.topic_id JOIN posts p ON p.id = pt.post_id WHERE p.author_account_id = $1 AND tp.slug = $2`,
      [ids.pat, BARBECUE_SLUG],
    );
    expect(rows.length).toBe(1); // the post itself is about barbecue; the account is not an authority on it
  });

  it('reads each post once per classifier version: a re-run classifies only new posts', async () => {
    expect((await run()).postsClassified).toBe(0);
    await post('outsider', 'A quiet walk in the park');
    expect((await run()).postsClassified).toBe(1);
  });

  it('lets an operator hide a wrong topic, which stays hidden across re-runs; others may not', async () => {
    const denied = await t.graphql(`mutation($a: ID!) { hideAccountTopic(accountId: $a, topic: "cars") { hiddenBy } }`, { a: ids.pat }, brandUser.headers);
    expect(codeOf(denied)).toBe('FORBIDDEN');
    const res = await t.graphql(
      `mutation($a: ID!) { hideAccountTopic(accountId: $a, topic: "cars", reason: "not a car person") { hiddenBy topic { slug } } }`,
      { a: ids.pat },
      operator.headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.hideAccountTopic).toEqual({ hiddenBy: 'OPERATOR', topic: { slug: 'cars' } });
    const visible = async () =>
      (await t.graphql(`query($id: ID!) { accountTopics(accountId: $id) { topic { slug } } }`, { id: ids.pat }, brandUser.headers)).data.accountTopics.map((x: any) => x.topic.slug);
    expect(await visible()).not.toContain('cars');
    await run();
    expect(await topicsOf('pat')).not.toContain('cars');
    expect(await visible()).not.toContain('cars');
    expect((await scoresOf('pat')).map((r: any) => r.topic_id)).not.toContain(CARS);
  });

  it('lets the influencer hide a topic through the service (for a flow that verified them), also kept across runs', async () => {
    expect(await topicsOf('carla')).toContain('electric-cars');
    await t.app.get(TopicsService).hideTopic(ids.carla, 'electric-cars', 'influencer', null, 'I only drive hybrids');
    await run();
    expect(await topicsOf('carla')).not.toContain('electric-cars');
    expect(await topicsOf('carla')).toContain('cars');
    const res = await t.graphql(`query($id: ID!) { hiddenAccountTopics(accountId: $id) { hiddenBy reason topic { slug } } }`, { id: ids.carla }, operator.headers);
    expect(res.data.hiddenAccountTopics).toEqual([{ hiddenBy: 'INFLUENCER', reason: 'I only drive hybrids', topic: { slug: 'electric-cars' } }]);
  });

  it('records endorsements as evidence without changing any influence score, and rate-limits them', async () => {
    const before = await scoresOf('carla');
    const endorse = (endorser: string, topic: string) =>
      t.graphql(
        `mutation($e: ID!, $a: ID!, $t: String!) { endorseAccountTopic(endorserAccountId: $e, accountId: $a, topic: $t) { topic { slug } } }`,
        { e: ids[endorser], a: ids.carla, t: topic },
        operator.headers,
      );
    for (const n of ['ben', 'cleo', 'dan', 'outsider']) expect((await endorse(n, 'cars')).errors).toBeUndefined();
    expect(codeOf(await endorse('ben', 'cars'))).toBe('CONFLICT');
    await run();
    expect(await scoresOf('carla')).toEqual(before);
    const { rows } = await t.db.pool.query(
      `SELECT endorsement_count FROM account_topics WHERE account_id = $1 AND topic_id = $2`,
      [ids.carla, CARS],
    );
    expect(rows[0].endorsement_count).toBe(4);
    // The 11th endorsement by one account within a day is refused.
    const slugs = ['hybrid-cars', 'luxury-cars', 'suvs', 'tires', 'electric-cars', 'motorsports', 'formula-one', 'auto-industry', 'cars'];
    let last: any;
    for (const s of slugs) last = await t.graphql(
      `mutation($e: ID!, $a: ID!, $t: String!) { endorseAccountTopic(endorserAccountId: $e, accountId: $a, topic: $t) { id } }`,
      { e: ids.outsider, a: ids.pat, t: s },
      operator.headers,
    );
    expect(last.errors).toBeUndefined();
    const over = await t.graphql(
      `mutation($e: ID!, $a: ID!) { endorseAccountTopic(endorserAccountId: $e, accountId: $a, topic: "music") { id } }`,
      { e: ids.outsider, a: ids.ben },
      operator.headers,
    );
    expect(codeOf(over)).toBe('RATE_LIMITED');
  });

  it('resolves typed topics and localized names through GraphQL', async () => {
    const res = await t.graphql(
      `{ topicSearch(text: "automotive", locale: "de") { topics { topic { slug name } via } unresolved }
         topic(idOrSlug: "cars", locale: "es") { id name names { locale name } } }`,
      {},
      brandUser.headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.topicSearch.topics).toEqual([
      { topic: { slug: 'cars', name: 'Autos' }, via: 'curated' },
      { topic: { slug: 'auto-industry', name: expect.any(String) }, via: 'curated' },
    ]);
    expect(res.data.topic).toMatchObject({ id: CARS, name: 'Coches' });
    expect(res.data.topic.names).toHaveLength(6);
  });
});
