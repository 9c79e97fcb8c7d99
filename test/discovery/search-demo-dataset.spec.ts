import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { loadDemoDataset } from '../support/demo-dataset.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const QUERY = `query($q: String!) { influencers(query: $q, first: 20) {
  interpretation { topics { topic { slug name } matched } messages }
  edges { node { accountId account { handle } topicScores { topic { slug } score } topTopics { topic { slug } } why } } } }`;

/** Bios the demo generator gives its automotive accounts (en, de, es, fr, ja): the ground truth of who is a car person. */
const CAR_BIO = /car|EV|electric vehicle|auto|Elektro|E-Mobilität|coche|motor|voiture|automobile|クルマ|自動車/i;

/** Done-when of issue 5: against the demo dataset, "top influencers in automotive" returns the car people, ranked and explained. */
describe('influencers search against the demo dataset', () => {
  let t: TestApp;
  let brand: SignedUp;

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoDataset(t.db.url);
    brand = await signUpBrand(t);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('"top influencers in automotive" returns car and auto-industry people ranked by topic influence, with interpretation and why-lines', async () => {
    const res = await t.graphql(QUERY, { q: 'top influencers in automotive' }, brand.headers);
    expect(res.errors).toBeUndefined();
    const { interpretation, edges } = res.data.influencers;
    expect(interpretation.topics.map((x: any) => x.topic.slug).sort()).toEqual(['auto-industry', 'cars']);
    expect(interpretation.topics.every((x: any) => x.matched === 'automotive')).toBe(true);
    expect(interpretation.messages).toEqual([]);
    expect(edges.length).toBe(20);

    const rows = edges.map((e: any) => e.node);
    const best = rows.map((r: any) => Math.max(...r.topicScores.map((s: any) => s.score)));
    expect(best).toEqual([...best].sort((x, y) => y - x));
    for (const r of rows) {
      expect(r.topicScores.every((s: any) => ['cars', 'auto-industry'].includes(s.topic.slug))).toBe(true);
      expect(r.why).toMatch(/Cars|Auto Industry/);
    }
    const { rows: bios } = await t.db.pool.query(`SELECT id::text, coalesce(bio, '') AS bio FROM social_accounts WHERE id = ANY($1::bigint[])`, [rows.map((r: any) => r.accountId)]);
    const carPeople = bios.filter((b) => CAR_BIO.test(b.bio)).length;
    expect(carPeople / rows.length).toBeGreaterThanOrEqual(0.8);
  });
});
