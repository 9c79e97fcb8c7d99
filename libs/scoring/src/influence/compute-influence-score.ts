import type { InfluenceSignals } from './influence-signals.js';
import { attributeNetwork, NETWORK_INPUTS, type NetworkInput } from './influence-network.js';
import { INFLUENCE_NETWORK_V2 } from './influence-network-v2.js';
import { scoreFromPercentile } from './calibrate-score.js';

/**
 * Model version: any change to the network, the signals, the discounts or the calibration anchors is a new
 * version. Snapshots carry it; the history series marks where it changes (see history/).
 * v1 (2026-11-21): weighted sum of five log terms. v2: the monotone network of influence-network.ts.
 * v3 (2026-12-07): v2's network, with inputs made comparable and calibration per network (network-scales.ts).
 */
export const INFLUENCE_MODEL_VERSION = 'influence-v3';

/**
 * The model: discounts applied to the signals (fixed by judgement, anti-gaming) and the network that turns
 * the log-scaled signals into the raw composite (fitted on the PeerIndex pairwise judgments, 5-fold while
 * tuning; constants in influence-network-v2.ts, refit with `npm run eval:score -- <file> --fit`).
 */
export const INFLUENCE_PARAMETERS = {
  network: INFLUENCE_NETWORK_V2,
  /** Relative worth of each engagement type, per post. A like is cheap, a repost puts you in front of an audience. */
  engagementTypeWeights: { reposts: 2, quotes: 2, replies: 1, likes: 0.25 },
  /** A bot-like follower counts this much of an ordinary follower. */
  botFollowerWeight: 0.05,
  /** Follow-for-follow: above this following/followers ratio (and this many followings) reach is discounted. */
  followBack: { ratioFrom: 0.5, minFollowing: 200, floor: 0.5, slope: 0.5 },
};

export type InfluenceParameters = typeof INFLUENCE_PARAMETERS;

export interface InfluenceTerms {
  /** Reach: followers (bot- and follow-back-discounted), list memberships, accounts followed. */
  reach: number;
  /** Amplification: weighted engagement per post, distinct engagers, own posts. */
  amplification: number;
  /** Log-scaled network standing (weighted PageRank relative to the average account). */
  network: number;
}

export interface RawInfluence {
  /** The composite before calibration: reach + amplification + network (0 for an empty account). */
  raw: number;
  terms: InfluenceTerms;
  /** Every signal's contribution to `raw`, for explanations (sums to raw). */
  contributions: Record<NetworkInput, number>;
  /** The discounted inputs actually used. */
  effectiveFollowers: number;
  amplificationPerPost: number;
}

/** Follow-for-follow discount on reach: 1 for ordinary ratios, down to `floor` for following >> followers. */
export function followBackFactor(followers: number, following: number, params: InfluenceParameters = INFLUENCE_PARAMETERS): number {
  const { ratioFrom, minFollowing, floor, slope } = params.followBack;
  if (following < minFollowing) return 1;
  const ratio = following / Math.max(followers, 1);
  if (ratio <= ratioFrom) return 1;
  return Math.max(floor, 1 - slope * (ratio - ratioFrom));
}

/** The network's inputs for these signals, in NETWORK_INPUTS order: log(1 + x) of each (discounts applied). */
export function networkInputs(signals: InfluenceSignals, params: InfluenceParameters = INFLUENCE_PARAMETERS) {
  const botShare = Math.min(1, Math.max(0, signals.botFollowerShare));
  const effectiveFollowers =
    Math.max(0, signals.followers) * (1 - botShare * (1 - params.botFollowerWeight)) * followBackFactor(signals.followers, signals.following, params);
  const t = params.engagementTypeWeights;
  const e = signals.engagementsReceived;
  const weightedEngagement = t.reposts * e.reposts + t.quotes * e.quotes + t.replies * e.replies + t.likes * e.likes;
  // Per post, so posting more does not inflate the score; at least one post so a single viral post is not
  // divided by a fraction of a (recency-weighted) post.
  const amplificationPerPost = weightedEngagement / Math.max(1, signals.postsInWindow);
  const l = (v: number) => Math.log1p(Math.max(0, v));
  // In NETWORK_INPUTS order.
  const x = [l(effectiveFollowers), l(signals.listed), l(signals.networkStanding), l(amplificationPerPost), l(signals.distinctEngagers), l(signals.following), l(signals.postsInWindow)];
  return { x, effectiveFollowers, amplificationPerPost };
}

const ZERO_INPUTS = NETWORK_INPUTS.map(() => 0);

/**
 * Signals → raw composite. Pure. Every signal enters as log(1 + x) (influence is multiplicative: ten times
 * the followers is one step, not ten) into the monotone network; raw is measured from an empty account
 * (raw 0) and split exactly over the signals, so an explanation's contributions add up to it.
 */
export function computeRawInfluence(signals: InfluenceSignals, params: InfluenceParameters = INFLUENCE_PARAMETERS): RawInfluence {
  const { x, effectiveFollowers, amplificationPerPost } = networkInputs(signals, params);
  const { parts, total: raw } = attributeNetwork(params.network, x, ZERO_INPUTS);
  // Written out rather than built from NETWORK_INPUTS: this runs twice per account in a run (1M accounts).
  const contributions: Record<NetworkInput, number> = {
    followers: parts[0],
    listed: parts[1],
    networkStanding: parts[2],
    amplificationPerPost: parts[3],
    distinctEngagers: parts[4],
    following: parts[5],
    postsInWindow: parts[6],
  };
  const terms = {
    reach: contributions.followers + contributions.listed + contributions.following,
    amplification: contributions.amplificationPerPost + contributions.distinctEngagers + contributions.postsInWindow,
    network: contributions.networkStanding,
  };
  return { raw, terms, contributions, effectiveFollowers, amplificationPerPost };
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
  params: InfluenceParameters = INFLUENCE_PARAMETERS,
): InfluenceScore {
  const raw = computeRawInfluence(signals, params);
  const percentile = percentileOf(raw.raw);
  return { ...raw, percentile, score: scoreFromPercentile(percentile) };
}
