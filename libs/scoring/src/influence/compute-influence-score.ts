import type { InfluenceSignals } from './influence-signals.js';
import { scoreFromPercentile } from './calibrate-score.js';

/**
 * Model version: any change to the parameters, the signals or the calibration anchors is a new version.
 * Snapshots carry it; the history series marks where it changes (see history/).
 */
export const INFLUENCE_MODEL_VERSION = 'influence-v1';

/**
 * Weights of the log-scaled terms. Reach and network weights were fitted (non-negative Bradley-Terry
 * logistic regression on score differences, 5-fold) on the PeerIndex pairwise judgments; that data does not
 * identify per-post amplification (its weight fitted to 0 given the others), so the two amplification
 * weights are set by judgement, small enough to cost under 0.005 AUC there, because the product must reward
 * posts that travel rather than follower counts alone. See readme-scoring-influence.md.
 */
export const INFLUENCE_PARAMETERS_V1 = {
  weights: {
    followers: 0.071,
    listed: 0.281,
    amplificationPerPost: 0.03,
    distinctEngagers: 0.03,
    networkStanding: 0.114,
  },
  /** Relative worth of each engagement type, per post. A like is cheap, a repost puts you in front of an audience. */
  engagementTypeWeights: { reposts: 2, quotes: 2, replies: 1, likes: 0.25 },
  /** A bot-like follower counts this much of an ordinary follower. */
  botFollowerWeight: 0.05,
  /** Follow-for-follow: above this following/followers ratio (and this many followings) reach is discounted. */
  followBack: { ratioFrom: 0.5, minFollowing: 200, floor: 0.5, slope: 0.5 },
} as const;

export type InfluenceParameters = typeof INFLUENCE_PARAMETERS_V1;

export interface InfluenceTerms {
  /** Log-scaled reach: followers (bot- and follow-back-discounted) and list memberships. */
  reach: number;
  /** Log-scaled amplification: weighted engagement per post, distinct engagers. */
  amplification: number;
  /** Log-scaled network standing (weighted PageRank relative to the average account). */
  network: number;
}

export interface RawInfluence {
  /** The composite before calibration: reach + amplification + network. */
  raw: number;
  terms: InfluenceTerms;
  /** Every signal's contribution to `raw`, for explanations (sums to raw). */
  contributions: Record<keyof InfluenceParameters['weights'], number>;
  /** The discounted inputs actually used. */
  effectiveFollowers: number;
  amplificationPerPost: number;
}

/** Follow-for-follow discount on reach: 1 for ordinary ratios, down to `floor` for following >> followers. */
export function followBackFactor(followers: number, following: number, params: InfluenceParameters = INFLUENCE_PARAMETERS_V1): number {
  const { ratioFrom, minFollowing, floor, slope } = params.followBack;
  if (following < minFollowing) return 1;
  const ratio = following / Math.max(followers, 1);
  if (ratio <= ratioFrom) return 1;
  return Math.max(floor, 1 - slope * (ratio - ratioFrom));
}

/**
 * Signals → raw composite. Pure. Every signal enters as log(1 + x): influence is multiplicative (ten times
 * the followers is one step, not ten), and the log keeps one huge number from drowning the rest.
 */
export function computeRawInfluence(signals: InfluenceSignals, params: InfluenceParameters = INFLUENCE_PARAMETERS_V1): RawInfluence {
  const w = params.weights;
  const botShare = Math.min(1, Math.max(0, signals.botFollowerShare));
  const effectiveFollowers =
    Math.max(0, signals.followers) * (1 - botShare * (1 - params.botFollowerWeight)) * followBackFactor(signals.followers, signals.following, params);
  const t = params.engagementTypeWeights;
  const e = signals.engagementsReceived;
  const weightedEngagement = t.reposts * e.reposts + t.quotes * e.quotes + t.replies * e.replies + t.likes * e.likes;
  // Per post, so posting more does not inflate the score; at least one post so a single viral post is not
  // divided by a fraction of a (recency-weighted) post.
  const amplificationPerPost = weightedEngagement / Math.max(1, signals.postsInWindow);
  const contributions = {
    followers: w.followers * Math.log1p(effectiveFollowers),
    listed: w.listed * Math.log1p(Math.max(0, signals.listed)),
    amplificationPerPost: w.amplificationPerPost * Math.log1p(amplificationPerPost),
    distinctEngagers: w.distinctEngagers * Math.log1p(Math.max(0, signals.distinctEngagers)),
    networkStanding: w.networkStanding * Math.log1p(Math.max(0, signals.networkStanding)),
  };
  const terms = {
    reach: contributions.followers + contributions.listed,
    amplification: contributions.amplificationPerPost + contributions.distinctEngagers,
    network: contributions.networkStanding,
  };
  return { raw: terms.reach + terms.amplification + terms.network, terms, contributions, effectiveFollowers, amplificationPerPost };
}

export interface InfluenceScore extends RawInfluence {
  /** 1..100 (one decimal), a fixed function of the percentile: 40 = median, 60 = top 5%, 80 = top 0.1%. */
  score: number;
  percentile: number;
}

/**
 * Signals → score 1..100, given where the raw value sits in the day's population (`percentileOf`, e.g.
 * `(raw) => percentileOnCalibration(raw, calibration)`). Pure.
 */
export function computeInfluenceScore(
  signals: InfluenceSignals,
  percentileOf: (raw: number) => number,
  params: InfluenceParameters = INFLUENCE_PARAMETERS_V1,
): InfluenceScore {
  const raw = computeRawInfluence(signals, params);
  const percentile = percentileOf(raw.raw);
  return { ...raw, percentile, score: scoreFromPercentile(percentile) };
}
