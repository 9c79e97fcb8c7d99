import { computeAccountTopics, type AccountTopicInputs, type OntologyView, type PostEvidenceInput } from './compute-account-topics.js';

// A tiny hierarchy: food > barbecue; cars > electric-cars.
const parents: Record<string, string[]> = { barbecue: ['food'], 'electric-cars': ['cars'], food: ['food-super'], cars: [] };
const ontology: OntologyView = {
  ancestors: (id) => {
    const out: string[] = [];
    const queue = [...(parents[id] ?? [])];
    while (queue.length) {
      const p = queue.shift()!;
      if (!out.includes(p)) out.push(p, ...[]);
      queue.push(...(parents[p] ?? []));
    }
    return out;
  },
  isListable: (id) => !id.endsWith('-super'),
};

const post = (id: string, topicId: string, likes = 10): PostEvidenceInput => ({
  postId: id,
  topics: [{ topicId, weight: 0.9 }],
  likes,
  reposts: 2,
  replies: 1,
  quotes: 0,
});

const base = (over: Partial<AccountTopicInputs> = {}): AccountTopicInputs => ({
  posts: [],
  bioTopics: [],
  engagers: [],
  endorsements: [],
  hiddenTopicIds: new Set(),
  ...over,
});

describe('computeAccountTopics', () => {
  it('one stray mention of pork (barbecue) among many car posts does not make a barbecue authority', () => {
    const posts = [...Array.from({ length: 12 }, (_, i) => post(`c${i}`, 'electric-cars')), post('pork', 'barbecue', 5000)];
    const topics = computeAccountTopics(base({ posts }), ontology).map((t) => t.topicId);
    expect(topics).toEqual(expect.arrayContaining(['electric-cars', 'cars']));
    expect(topics).not.toContain('barbecue');
    expect(topics).not.toContain('food');
  });

  it('a steady body of barbecue posts does make one', () => {
    const posts = Array.from({ length: 4 }, (_, i) => post(`b${i}`, 'barbecue'));
    expect(computeAccountTopics(base({ posts }), ontology).map((t) => t.topicId)).toEqual(['barbecue', 'food']);
  });

  it('parents get rolled-up weight with the child as evidence, and "-super" roots are not listed', () => {
    const posts = Array.from({ length: 3 }, (_, i) => post(`c${i}`, 'electric-cars'));
    const [child, parent] = computeAccountTopics(base({ posts }), ontology);
    expect(child.topicId).toBe('electric-cars');
    expect(parent.topicId).toBe('cars');
    expect(parent.weight).toBeCloseTo(child.weight / 2);
    expect(parent.evidence).toEqual([expect.objectContaining({ kind: 'child-topic', childTopicId: 'electric-cars' })]);
  });

  it('a bio that names the topic plus one post is enough; engagers who are experts count too', () => {
    const bio = computeAccountTopics(base({ posts: [post('b', 'barbecue')], bioTopics: [{ topicId: 'barbecue', weight: 1 }] }), ontology);
    expect(bio.map((t) => t.topicId)).toContain('barbecue');
    const engagers = ['e1', 'e2', 'e3'].map((accountId) => ({ accountId, engagement: 2, topics: [{ topicId: 'cars', weight: 1 }] }));
    const byEngagers = computeAccountTopics(base({ engagers }), ontology);
    expect(byEngagers[0]).toMatchObject({ topicId: 'cars', engagerCount: 3 });
  });

  it('endorsements add evidence but never qualify a topic alone, nor change the organic weight', () => {
    const endorsements = ['a', 'b', 'c', 'd'].map((e) => ({ endorserAccountId: e, topicId: 'barbecue' }));
    expect(computeAccountTopics(base({ endorsements }), ontology)).toEqual([]);
    const posts = Array.from({ length: 3 }, (_, i) => post(`b${i}`, 'barbecue'));
    const [plain] = computeAccountTopics(base({ posts }), ontology);
    const [endorsed] = computeAccountTopics(base({ posts, endorsements }), ontology);
    expect(endorsed.weight).toBeGreaterThan(plain.weight);
    expect(endorsed.organicWeight).toBe(plain.organicWeight);
    expect(endorsed.endorsementCount).toBe(4);
  });

  it('never returns a hidden topic and keeps at most 20', () => {
    const posts = Array.from({ length: 30 }, (_, t) => Array.from({ length: 3 }, (_, i) => post(`t${t}-${i}`, `topic-${t}`))).flat();
    const all = computeAccountTopics(base({ posts }), ontology);
    expect(all).toHaveLength(20);
    const hidden = computeAccountTopics(base({ posts, hiddenTopicIds: new Set([all[0].topicId]) }), ontology);
    expect(hidden.map((t) => t.topicId)).not.toContain(all[0].topicId);
  });
});
