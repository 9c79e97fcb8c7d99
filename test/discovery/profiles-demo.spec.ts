import { AudienceQualityStore, runAudienceQuality } from '@renown/discovery/audience/index.js';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { loadDemoDataset } from '../support/demo-dataset.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * Profiles against the demo dataset (generated Twitter v2 data through the real importer, influence and topic
 * scoring): the most influential account's profile is complete and consistent, and a topic hidden by an operator
 * disappears from it.
 */
let t: TestApp;
let owner: SignedUp;
let star: string;

const PROFILE = `query($accountId: ID, $personId: ID) {
  influencerProfile(accountId: $accountId, personId: $personId) {
    person { id }
    primaryAccountId
    accounts { id handle followers score audienceQuality isPrimary }
    score { score reach amplification network history { day score reach } }
    topics { accountId topic { id slug } score evidence { kind postText accountHandle } }
    topPosts { text engagements }
    topEngagers { handle engagements }
    audienceQuality { score confidence sizeBand parts { key quality explanation } }
    followerGrowth { points { followers anomaly } }
  }
}`;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoDataset(t.db.url);
  await runAudienceQuality(new AudienceQualityStore(t.db.pool), new Date());
  owner = await signUpBrand(t);
  const { rows } = await t.db.pool.query(
    `SELECT s.account_id::text AS id FROM account_score_snapshots s
     WHERE EXISTS (SELECT 1 FROM account_topics a WHERE a.account_id = s.account_id)
     ORDER BY s.day DESC, s.score DESC, s.account_id LIMIT 1`,
  );
  star = rows[0].id;
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('influencerProfile on the demo dataset', () => {
  it("the most influential account's profile has scores, topics with evidence, posts, engagers and audience quality", async () => {
    const res = await t.graphql(PROFILE, { accountId: star }, owner.headers);
    expect(res.errors).toBeUndefined();
    const p = res.data.influencerProfile;
    expect(p.primaryAccountId).toBe(star);
    expect(p.accounts.find((a: any) => a.isPrimary).score).toBe(p.score.score);
    expect(p.score.history.length).toBeGreaterThanOrEqual(1);
    expect(p.topics.length).toBeGreaterThan(0);
    expect(p.topics.some((x: any) => x.evidence.length > 0)).toBe(true);
    expect(p.topPosts.length).toBeGreaterThan(0);
    const engagements = p.topPosts.map((x: any) => x.engagements);
    expect(engagements).toEqual([...engagements].sort((a, b) => b - a));
    expect(p.topEngagers.length).toBeGreaterThan(0);
    const counts = p.topEngagers.map((x: any) => x.engagements);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(p.audienceQuality.score).toBeGreaterThanOrEqual(1);
    expect(p.audienceQuality.parts).toHaveLength(5);
    expect(p.accounts.find((a: any) => a.isPrimary).audienceQuality).toBe(p.audienceQuality.score);
    if (p.person) {
      const byPerson = (await t.graphql(PROFILE, { personId: p.person.id }, owner.headers)).data.influencerProfile;
      expect(byPerson.accounts.map((a: any) => a.id)).toContain(star);
    }
  });

  it('a topic hidden by an operator is gone from the profile', async () => {
    const before = (await t.graphql(PROFILE, { accountId: star }, owner.headers)).data.influencerProfile.topics;
    const first = before[0].topic;
    await t.db.pool.query(`INSERT INTO account_topic_hides (account_id, topic_id, hidden_by, reason) VALUES ($1, $2, 'operator', 'wrong')`, [star, first.id]);
    const after = (await t.graphql(PROFILE, { accountId: star }, owner.headers)).data.influencerProfile.topics;
    expect(after.map((x: any) => x.topic.slug)).not.toContain(first.slug);
    expect(after).toHaveLength(before.length - 1);
  });
});
