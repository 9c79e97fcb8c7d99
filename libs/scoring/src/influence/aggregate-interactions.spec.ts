import { aggregateInteractions, KIND, RawInteractions } from './aggregate-interactions.js';

describe('aggregateInteractions', () => {
  it('merges rows into (actor, target) pairs sorted by actor then target, recency-weighted per kind', () => {
    const raw = new RawInteractions();
    raw.push(2, 0, KIND.repost, 0);
    raw.push(1, 0, KIND.like, 30);
    raw.push(2, 0, KIND.repost, 30);
    raw.push(1, 2, KIND.follow, NaN);
    raw.push(0, 1, KIND.reply, NaN);
    const { pairs } = aggregateInteractions(raw, 3);
    const rows = Array.from({ length: pairs.length }, (_, e) => [pairs.actor[e], pairs.target[e]]);
    expect(rows).toEqual([[0, 1], [1, 0], [1, 2], [2, 0]]);
    expect(pairs.reposts[3]).toBeCloseTo(1.5, 5); // today (1) + one half-life ago (0.5)
    expect(pairs.likes[1]).toBeCloseTo(0.5, 5);
    expect(pairs.follows[2]).toBe(1);
    expect(pairs.replies[0]).toBe(1); // undated counts in full
  });

  it('damps a one-day burst but not the same engagement spread over the window', () => {
    const raw = new RawInteractions();
    for (let i = 0; i < 200; i++) raw.push(10 + i, 0, KIND.like, 44.5); // target 0: 200 likes on one day
    for (let i = 0; i < 200; i++) raw.push(10 + i, 1, KIND.like, (i % 89) + 0.5); // target 1: spread out
    const { burstFactor } = aggregateInteractions(raw, 300);
    expect(burstFactor[0]).toBeLessThan(0.5);
    expect(burstFactor[1]).toBe(1);
  });
});
