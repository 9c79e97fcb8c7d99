import { buildCsrGraph } from '../../graph/csr-graph.js';
import { computeTopicInfluence, midrankPercentiles, topicScoreFromRatio } from './compute-topic-influence.js';

describe('topic influence', () => {
  it('maps rank ratios onto 1..100 on a fixed log scale', () => {
    expect(topicScoreFromRatio(0.01)).toBe(1);
    expect(topicScoreFromRatio(1)).toBe(34);
    expect(topicScoreFromRatio(10)).toBe(67);
    expect(topicScoreFromRatio(1000)).toBe(100);
  });

  it('gives midrank percentiles with ties sharing', () => {
    expect(midrankPercentiles([3, 1, 2, 2])).toEqual([100, 0, 50, 50]);
    expect(midrankPercentiles([7])).toEqual([50]);
  });

  it('ranks the account the topic’s experts engage with above one engaged only by outsiders', () => {
    // 0..3 are car experts who all repost 4; 5..8 are outsiders who all repost 9; 4 and 9 are car accounts too.
    const sources: number[] = [];
    const targets: number[] = [];
    for (const s of [0, 1, 2, 3]) sources.push(s), targets.push(4);
    for (const s of [5, 6, 7, 8]) sources.push(s), targets.push(9);
    const graph = buildCsrGraph(10, { sources: Int32Array.from(sources), targets: Int32Array.from(targets) });
    const members = new Map([0, 1, 2, 3, 4, 9].map((n) => [n, 1]));
    const byNode = new Map(computeTopicInfluence(graph, members).map((r) => [r.node, r]));
    expect(byNode.get(4)!.score).toBeGreaterThan(byNode.get(9)!.score);
    expect(byNode.get(4)!.percentile).toBe(100);
  });

  it('can compare a small topic’s accounts on given global ranks instead of its own PageRank', () => {
    const graph = buildCsrGraph(3, { sources: Int32Array.from([0, 1]), targets: Int32Array.from([2, 2]) });
    const globalRanks = Float64Array.from([0.1, 0.1, 0.8]);
    const result = computeTopicInfluence(graph, new Map([[0, 1], [2, 1]]), { ranks: globalRanks });
    expect(result.map((r) => [r.node, r.rank])).toEqual([[0, 0.1], [2, 0.8]]);
    expect(result[1].score).toBeGreaterThan(result[0].score);
  });
});
