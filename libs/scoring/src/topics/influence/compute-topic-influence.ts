import type { CsrGraph } from '../../graph/csr-graph.js';
import { personalizedPagerank } from '../../graph/pagerank.js';

export interface TopicInfluence {
  node: number;
  /** Topic-sensitive PageRank of the account (sums to 1 over the whole graph). */
  rank: number;
  /** Rank relative to the topic's average member (1 = average). */
  ratio: number;
  /** 1..100. */
  score: number;
  /** 0..100: share of the topic's accounts ranked below (ties count half). */
  percentile: number;
}

/**
 * 1..100 from a rank ratio on a log scale: a tenth of the topic's average member scores 1, the average member
 * 34, ten times the average 67, a hundred times 100. A fixed scale (not min-max within the day's topic) so a
 * score keeps its meaning from one run to the next; the percentile carries the position inside the topic.
 */
export function topicScoreFromRatio(ratio: number): number {
  if (!(ratio > 0)) return 1;
  const s = Math.round(1 + (99 * (Math.log10(ratio) + 1)) / 3);
  return Math.min(100, Math.max(1, s));
}

/** Midrank percentiles (0..100) of values. */
export function midrankPercentiles(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const pct = values.length > 1 ? ((i + j) / 2 / (values.length - 1)) * 100 : 50;
    for (let k = i; k <= j; k++) out[order[k][1]] = Math.round(pct * 10) / 10;
    i = j + 1;
  }
  return out;
}

/**
 * Influence inside one topic: PageRank over the engagement graph that restarts only at the topic's accounts,
 * weighted by their organic expertise (endorsements excluded, so vouching never raises a score). An account
 * engaged by the topic's other experts collects their rank; one engaged only by outsiders does not.
 */
export function computeTopicInfluence(
  graph: CsrGraph,
  members: Map<number, number>,
  options: { tolerance?: number; ranks?: Float64Array } = {},
): TopicInfluence[] {
  if (!members.size) return [];
  // ranks: precomputed, either this topic's column of a batched topic-sensitive PageRank or, for small
  // topics, the global PageRank (see TopicScoringService).
  const ranks = options.ranks ?? personalizedPagerank(graph, members, { tolerance: options.tolerance ?? 1e-9, maxIterations: 100 }).ranks;
  const nodes = [...members.keys()];
  const memberRanks = nodes.map((n) => ranks[n]);
  const mean = memberRanks.reduce((s, r) => s + r, 0) / nodes.length;
  const percentiles = midrankPercentiles(memberRanks);
  return nodes.map((node, i) => {
    const ratio = mean > 0 ? memberRanks[i] / mean : 1;
    return { node, rank: memberRanks[i], ratio, score: topicScoreFromRatio(ratio), percentile: percentiles[i] };
  });
}
