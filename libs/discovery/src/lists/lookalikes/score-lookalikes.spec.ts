import { explainLookalike, jaccardFromCounts, rankLookalikes, scoreLookalike, type SeedProfile, topicCosine, type TopicWeight } from './score-lookalikes.js';

const t = (topicId: string, weight: number, name = topicId): TopicWeight => ({ topicId, name, weight });

describe('lookalike similarity', () => {
  it('topic cosine is 1 for the same mix, 0 for disjoint topics, in between for partial overlap', () => {
    expect(topicCosine([t('ev', 0.8), t('cars', 0.2)], [t('ev', 0.4), t('cars', 0.1)])).toBeCloseTo(1, 6);
    expect(topicCosine([t('ev', 1)], [t('yoga', 1)])).toBe(0);
    const partial = topicCosine([t('ev', 0.7), t('cars', 0.3)], [t('ev', 0.3), t('fitness', 0.7)]);
    expect(partial).toBeGreaterThan(0.2);
    expect(partial).toBeLessThan(0.6);
    expect(topicCosine([], [t('ev', 1)])).toBe(0);
  });

  it('Jaccard from set sizes and overlap', () => {
    expect(jaccardFromCounts(10, 10, 10)).toBe(1);
    expect(jaccardFromCounts(10, 20, 5)).toBeCloseTo(5 / 25, 10);
    expect(jaccardFromCounts(0, 0, 0)).toBe(0);
  });

  const seed: SeedProfile = { accountId: '1', handle: 'evdaily', topics: [t('ev', 0.6, 'Electric vehicles'), t('cars', 0.3, 'Cars'), t('batt', 0.1, 'Batteries')], engagerSample: 100 };

  it('an account with the same topics and a shared audience ranks above one with the topics only, which ranks above an unrelated one', () => {
    const ranked = rankLookalikes(
      seed,
      [
        { accountId: '3', handle: null, topics: [t('ev', 0.5), t('cars', 0.5)], engagerSample: 80, sharedEngagers: 0 },
        { accountId: '2', handle: null, topics: [t('ev', 0.5), t('cars', 0.4)], engagerSample: 80, sharedEngagers: 30 },
        { accountId: '4', handle: null, topics: [t('yoga', 1)], engagerSample: 50, sharedEngagers: 1 },
        { accountId: '5', handle: null, topics: [t('yoga', 1)], engagerSample: 50, sharedEngagers: 0 },
        { accountId: '1', handle: null, topics: seed.topics, engagerSample: 100, sharedEngagers: 100 },
      ],
      10,
    );
    expect(ranked.map((r) => r.accountId)).toEqual(['2', '3', '4']); // the seed itself and the zero-similarity one are dropped
    expect(ranked[0].similarity).toBeGreaterThan(ranked[1].similarity);
  });

  it('a person with several similar accounts appears once, with their most similar account', () => {
    const ranked = rankLookalikes(
      seed,
      [
        { accountId: '7', handle: null, personId: 'p1', topics: [t('ev', 0.5)], engagerSample: 10, sharedEngagers: 0 },
        { accountId: '8', handle: null, personId: 'p1', topics: [t('ev', 0.6), t('cars', 0.3)], engagerSample: 10, sharedEngagers: 5 },
        { accountId: '9', handle: null, personId: null, topics: [t('cars', 1)], engagerSample: 10, sharedEngagers: 0 },
      ],
      10,
    );
    expect(ranked.map((r) => r.accountId)).toEqual(['8', '9']);
  });

  it('without any engager of the seed, topics alone decide (no penalty for an unknown audience)', () => {
    const lonely = { ...seed, engagerSample: 0 };
    const r = scoreLookalike(lonely, { accountId: '2', handle: null, topics: seed.topics, engagerSample: 0, sharedEngagers: 0 });
    expect(r.similarity).toBeCloseTo(1, 4);
  });

  it('explains in one line: shared topics (three named, then a count) and shared engagers', () => {
    const r = scoreLookalike(seed, { accountId: '2', handle: null, topics: [t('batt', 0.2), t('ev', 0.5), t('cars', 0.3)], engagerSample: 80, sharedEngagers: 12 });
    expect(r.why).toBe('Posts about Electric vehicles, Cars and Batteries like @evdaily; 12 of its 80 recent engagers also engage with @evdaily');
    expect(r.why).not.toContain('\n');
    const many = explainLookalike(seed, { sharedTopics: ['A', 'B', 'C', 'D', 'E'], sharedEngagers: 0, engagerSample: 10 });
    expect(many).toBe('Posts about A, B and C (+2 more) like @evdaily; no shared engagers');
    expect(explainLookalike({ ...seed, handle: null }, { sharedTopics: [], sharedEngagers: 3, engagerSample: 9 })).toBe(
      'No topic in common with account 1; 3 of its 9 recent engagers also engage with account 1',
    );
  });
});
