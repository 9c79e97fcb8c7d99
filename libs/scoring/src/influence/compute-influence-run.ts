import { buildCsrGraph, type CsrGraph } from '../graph/csr-graph.js';
import { networkPercentiles } from './network-scales.js';
import { computeRawInfluence, INFLUENCE_PARAMETERS, type InfluenceTerms } from './compute-influence-score.js';
import { scoreFromPercentile } from './calibrate-score.js';
import { accountQuality, ENGAGEMENT_TYPE_GRAPH_WEIGHT, FOLLOW_GRAPH_WEIGHT, PAIR_CAP, RECIPROCAL_FACTOR } from './gaming-discounts.js';
import type { InfluenceSignals } from './influence-signals.js';
import { SNAPSHOT_CONTRIBUTIONS } from './snapshot-columns.js';

/** Everything the run reads, as columns indexed by account position (0..n-1). */
export interface ScoringInput {
  accountCount: number;
  /** Person position per account, -1 when not linked. */
  person: Int32Array;
  followers: Float64Array;
  following: Float64Array;
  listed: Float64Array;
  postsCount: Float64Array;
  /** Account age in days at the run's date; NaN when unknown. */
  ageDays: Float64Array;
  /** Own posts in the window, recency-weighted (announcements excluded). */
  postsInWindow: Float64Array;
  /** Per target: counted / raw engagement after burst damping (1 = no burst). */
  burstFactor: Float32Array;
  /** One entry per (actor, target) pair with engagement in the window or a follow. */
  pairs: EngagementPairs;
  /** Network (platform) index per account, into `networkNames`; absent: one network (see network-scales.ts). */
  network?: Uint8Array;
  networkNames?: string[];
  /**
   * Engagement from the posts' own counters, recency-weighted, for accounts of networks that name no engagers
   * (YouTube, Instagram); already in like-equivalents (views folded in per network). Absent: none.
   */
  counters?: { likes: Float64Array; replies: Float64Array } | null;
}

export interface EngagementPairs {
  length: number;
  actor: Int32Array;
  target: Int32Array;
  /** Recency-weighted engagement counts per kind. */
  reposts: Float32Array;
  quotes: Float32Array;
  replies: Float32Array;
  mentions: Float32Array;
  likes: Float32Array;
  follows: Uint8Array;
}

export function allocatePairs(capacity: number): EngagementPairs {
  return {
    length: 0,
    actor: new Int32Array(capacity),
    target: new Int32Array(capacity),
    reposts: new Float32Array(capacity),
    quotes: new Float32Array(capacity),
    replies: new Float32Array(capacity),
    mentions: new Float32Array(capacity),
    likes: new Float32Array(capacity),
    follows: new Uint8Array(capacity),
  };
}

/** How much one pair's engagement is worth, before reciprocity (each kind saturates at PAIR_CAP). */
function pairEngagement(p: EngagementPairs, e: number) {
  const w = ENGAGEMENT_TYPE_GRAPH_WEIGHT;
  return (
    w.repost * Math.min(p.reposts[e], PAIR_CAP) +
    w.quote * Math.min(p.quotes[e], PAIR_CAP) +
    w.reply * Math.min(p.replies[e], PAIR_CAP) +
    w.mention * Math.min(p.mentions[e], PAIR_CAP) +
    w.like * Math.min(p.likes[e], PAIR_CAP)
  );
}

export interface EngagementGraph {
  graph: CsrGraph;
  /** Restart weight per account (its quality). */
  restart: Float64Array;
  quality: Float32Array;
  /** Per pair: multiplier after self/reciprocity rules (0 = dropped). */
  pairFactor: Float32Array;
}

/**
 * The engagement graph for the PageRank: edge actor → target weighted by the pair's damped engagement
 * (plus a small weight for a follow); each actor's total is at least what it declares it follows, so
 * unobserved follows dilute the observed ones.
 */
export function buildEngagementGraph(input: ScoringInput, options: { shared?: boolean } = {}): EngagementGraph {
  const n = input.accountCount;
  const p = input.pairs;
  const m = p.length;
  const quality = new Float32Array(n);
  for (let i = 0; i < n; i++) quality[i] = accountQuality(input.ageDays[i], input.postsCount[i], input.following[i]);

  // Reciprocity: does the reverse pair (target -> actor) carry engagement? Pairs from the store come sorted
  // by (actor, target); other inputs are put in that order here first (a permutation).
  const engagement = new Float32Array(m);
  for (let e = 0; e < m; e++) engagement[e] = pairEngagement(p, e);
  let order: Int32Array | null = null;
  for (let e = 1; e < m; e++) {
    if (p.actor[e] < p.actor[e - 1] || (p.actor[e] === p.actor[e - 1] && p.target[e] < p.target[e - 1])) {
      order = Int32Array.from({ length: m }, (_, i) => i).sort((x, y) => p.actor[x] - p.actor[y] || p.target[x] - p.target[y]);
      break;
    }
  }
  const at = (k: number) => (order ? order[k] : k);
  const actorStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) actorStart[p.actor[e] + 1]++;
  for (let v = 0; v < n; v++) actorStart[v + 1] += actorStart[v];
  // Reciprocal[e]: the reverse pair (target -> actor) carries engagement. One pass per account merging its
  // targets (ascending) with the accounts that engaged it (ascending, gathered by one counting sort): all
  // sequential reads, where a binary search per pair jumped around 10M pairs at random.
  const reciprocal = new Uint8Array(m);
  {
    const inStart = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) if (engagement[e] > 0) inStart[p.target[e] + 1]++;
    for (let v = 0; v < n; v++) inStart[v + 1] += inStart[v];
    const inActor = new Int32Array(inStart[n]);
    const cursor = inStart.slice(0, n);
    for (let k = 0; k < m; k++) {
      const e = at(k); // (actor, target) order, so each account's engagers land in ascending order
      if (engagement[e] > 0) inActor[cursor[p.target[e]]++] = p.actor[e];
    }
    for (let a = 0; a < n; a++) {
      let j = inStart[a];
      const jEnd = inStart[a + 1];
      if (j === jEnd) continue;
      for (let k = actorStart[a], end = actorStart[a + 1]; k < end && j < jEnd; k++) {
        const e = at(k);
        const t = p.target[e];
        while (j < jEnd && inActor[j] < t) j++;
        if (j < jEnd && inActor[j] === t) reciprocal[e] = 1;
      }
    }
  }

  const pairFactor = new Float32Array(m);
  const weights = new Float32Array(m);
  const observedFollows = new Float64Array(n);
  const declared = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    const a = p.actor[e];
    const t = p.target[e];
    if (a === t || (input.person[a] >= 0 && input.person[a] === input.person[t])) continue;
    let factor = quality[a];
    if (engagement[e] > 0) {
      if (reciprocal[e]) factor *= RECIPROCAL_FACTOR;
    }
    pairFactor[e] = factor;
    weights[e] = engagement[e] * (factor / quality[a]) + (p.follows[e] ? FOLLOW_GRAPH_WEIGHT : 0);
    if (p.follows[e]) observedFollows[a]++;
    declared[a] += weights[e];
  }
  for (let a = 0; a < n; a++) declared[a] += FOLLOW_GRAPH_WEIGHT * Math.max(0, input.following[a] - observedFollows[a]);
  // Dropped pairs (weight 0) stay in the arrays but carry nothing.
  const graph = buildCsrGraph(n, { sources: p.actor, targets: p.target, weights, length: m }, { declaredOutWeight: declared, shared: options.shared });
  const restart = new Float64Array(n);
  for (let i = 0; i < n; i++) restart[i] = quality[i];
  return { graph, restart, quality, pairFactor };
}

export interface AccountInfluence {
  signals: InfluenceSignals;
  raw: number;
  terms: InfluenceTerms;
  contributions: Record<string, number>;
  score: number;
  percentile: number;
  subScores: { reach: number; amplification: number; network: number };
}

export interface InfluenceRunResult {
  accountCount: number;
  /** Account i's signals, composite, contributions and calibrated scores, built on demand (a million
   * long-lived objects would cost about half a gigabyte; the run keeps columns and makes rows as it writes). */
  account(i: number): AccountInfluence;
  /** Up to TOP_ENGAGERS account positions per target whose engagement counted most, with their share. */
  topEngagers: Int32Array;
  topEngagerWeights: Float64Array;
  raw: Float64Array;
  score: Float32Array;
  percentile: Float64Array;
  /** Account i's signals (the same values `account(i).signals` holds). */
  signals(i: number): InfluenceSignals;
  /**
   * Contributions kept from the scoring pass, SNAPSHOT_CONTRIBUTIONS.length per account in that order, so
   * writing a million snapshots does not run the model a second time per account.
   */
  contributions: Float64Array;
  /** Calibrated sub-scores per account (the values of `account(i).subScores`). */
  subScores: { reach: Float32Array; amplification: Float32Array; network: Float32Array };
}

export const TOP_ENGAGERS = 3;

/** Signals, raw composites and calibrated scores for every account, given the PageRank ranks. */
export function computeInfluenceFromRanks(input: ScoringInput, eg: EngagementGraph, ranks: Float64Array): InfluenceRunResult {
  const n = input.accountCount;
  const p = input.pairs;
  const reposts = new Float64Array(n);
  const quotes = new Float64Array(n);
  const replies = new Float64Array(n);
  const likes = new Float64Array(n);
  const engagers = new Float64Array(n);
  const observedFollowers = new Float64Array(n);
  const botFollowers = new Float64Array(n);
  const topEngagers = new Int32Array(n * TOP_ENGAGERS).fill(-1);
  const topEngagerWeights = new Float64Array(n * TOP_ENGAGERS);
  for (let e = 0; e < p.length; e++) {
    const a = p.actor[e];
    const t = p.target[e];
    const f = eg.pairFactor[e];
    if (f === 0) continue;
    if (p.follows[e]) {
      observedFollowers[t]++;
      if (eg.quality[a] < 0.5) botFollowers[t]++;
    }
    const engaged = p.reposts[e] + p.quotes[e] + p.replies[e] + p.mentions[e] + p.likes[e];
    if (engaged <= 0) continue;
    reposts[t] += f * Math.min(p.reposts[e], PAIR_CAP);
    quotes[t] += f * Math.min(p.quotes[e], PAIR_CAP);
    replies[t] += f * (Math.min(p.replies[e], PAIR_CAP) + 0.5 * Math.min(p.mentions[e], PAIR_CAP));
    likes[t] += f * Math.min(p.likes[e], PAIR_CAP);
    engagers[t] += f;
    // Who counted most: the rank the engager passed along this edge.
    const passed = ranks[a] * f * pairEngagement(p, e);
    const base = t * TOP_ENGAGERS;
    for (let k = 0; k < TOP_ENGAGERS; k++) {
      if (topEngagers[base + k] < 0 || passed > topEngagerWeights[base + k]) {
        for (let j = TOP_ENGAGERS - 1; j > k; j--) {
          topEngagers[base + j] = topEngagers[base + j - 1];
          topEngagerWeights[base + j] = topEngagerWeights[base + j - 1];
        }
        topEngagers[base + k] = a;
        topEngagerWeights[base + k] = passed;
        break;
      }
    }
  }
  // Networks that name no engagers: their posts' counters, where larger than what the graph saw (never summed).
  const counters = input.counters;
  if (counters) {
    for (let i = 0; i < n; i++) {
      if (counters.likes[i] > likes[i]) likes[i] = counters.likes[i];
      if (counters.replies[i] > replies[i]) replies[i] = counters.replies[i];
    }
  }
  const signalsAt = (i: number): InfluenceSignals => {
    const burst = input.burstFactor[i];
    return {
      followers: input.followers[i],
      following: input.following[i],
      listed: input.listed[i],
      botFollowerShare: observedFollowers[i] > 0 ? botFollowers[i] / observedFollowers[i] : 0,
      postsInWindow: input.postsInWindow[i],
      engagementsReceived: { reposts: reposts[i] * burst, quotes: quotes[i] * burst, replies: replies[i] * burst, likes: likes[i] * burst },
      distinctEngagers: engagers[i] * burst,
      networkStanding: ranks[i] * n,
    };
  };
  const raw = new Float64Array(n);
  const reach = new Float64Array(n);
  const amplification = new Float64Array(n);
  const network = new Float64Array(n);
  const C = SNAPSHOT_CONTRIBUTIONS.length;
  if (SNAPSHOT_CONTRIBUTIONS.join() !== 'followers,listed,amplificationPerPost,distinctEngagers,networkStanding,following,postsInWindow') {
    throw new Error('SNAPSHOT_CONTRIBUTIONS changed: update the columns written in computeInfluenceFromRanks');
  }
  const contributions = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    const r = computeRawInfluence(signalsAt(i), INFLUENCE_PARAMETERS);
    raw[i] = r.raw;
    reach[i] = r.terms.reach;
    amplification[i] = r.terms.amplification;
    network[i] = r.terms.network;
    // SNAPSHOT_CONTRIBUTIONS order, written out (a keyed lookup per value costs seconds at a million accounts).
    const c = r.contributions;
    const o = i * C;
    contributions[o] = c.followers;
    contributions[o + 1] = c.listed;
    contributions[o + 2] = c.amplificationPerPost;
    contributions[o + 3] = c.distinctEngagers;
    contributions[o + 4] = c.networkStanding;
    contributions[o + 5] = c.following;
    contributions[o + 6] = c.postsInWindow;
  }
  // Each account is placed among its own network's accounts (network-scales.ts); one network: the pooled ranking.
  const groups = input.networkNames?.length ?? 1;
  const pct = networkPercentiles(raw, input.network, groups);
  const pr = networkPercentiles(reach, input.network, groups);
  const pa = networkPercentiles(amplification, input.network, groups);
  const pn = networkPercentiles(network, input.network, groups);
  const score = new Float32Array(n);
  const subReach = new Float32Array(n);
  const subAmplification = new Float32Array(n);
  const subNetwork = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    score[i] = scoreFromPercentile(pct[i]);
    subReach[i] = scoreFromPercentile(pr[i]);
    subAmplification[i] = scoreFromPercentile(pa[i]);
    subNetwork[i] = scoreFromPercentile(pn[i]);
  }
  return {
    accountCount: n,
    topEngagers,
    topEngagerWeights,
    raw,
    score,
    percentile: pct,
    signals: signalsAt,
    contributions,
    subScores: { reach: subReach, amplification: subAmplification, network: subNetwork },
    account(i: number): AccountInfluence {
      const signals = signalsAt(i);
      const r = computeRawInfluence(signals, INFLUENCE_PARAMETERS);
      return {
        signals,
        raw: r.raw,
        terms: r.terms,
        contributions: r.contributions,
        score: scoreFromPercentile(pct[i]),
        percentile: pct[i],
        subScores: { reach: scoreFromPercentile(pr[i]), amplification: scoreFromPercentile(pa[i]), network: scoreFromPercentile(pn[i]) },
      };
    },
  };
}
