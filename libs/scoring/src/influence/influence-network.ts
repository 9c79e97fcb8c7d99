/*
 * The influence model's core (model `influence-v2`): a small monotone neural network over log-scaled
 * signals, fitted as a Bradley-Terry model on human pairwise judgments (see fit-influence-network.ts).
 * Pure functions only.
 *
 * Shape: f(x) = sum_j linear_j * z_j + sum_k out_k * tanh(sum_j w_kj * z_j + b_k), z = standardized x.
 * Monotone by construction, because out_k >= 0 and every weight on a signal has that signal's sign:
 *   - more followers, lists, network standing, amplification per post or distinct engagers never lowers f;
 *   - following more accounts never raises it (follow-for-follow earns nothing);
 *   - own posts in the window are free in sign (the judgments reward active accounts; per-post
 *     amplification already divides by posts, so posting more with the same engagement does not pay).
 * tanh units saturate, so no single signal can run away beyond the range the model was fitted on.
 */

/** Inputs of the network, in order. Each is log(1 + x) of the signal (see networkInputs). */
export const NETWORK_INPUTS = ['followers', 'listed', 'networkStanding', 'amplificationPerPost', 'distinctEngagers', 'following', 'postsInWindow'] as const;
export type NetworkInput = (typeof NETWORK_INPUTS)[number];

/** +1: f never decreases in this input; -1: never increases; 0: free. */
export const NETWORK_INPUT_SIGNS: Record<NetworkInput, -1 | 0 | 1> = {
  followers: 1,
  listed: 1,
  networkStanding: 1,
  amplificationPerPost: 1,
  distinctEngagers: 1,
  following: -1,
  postsInWindow: 0,
};

export interface InfluenceNetwork {
  /** Standardization of the log inputs (from the fitting population; no labels used). */
  mean: number[];
  scale: number[];
  /** Hidden units: input weights (one per NETWORK_INPUTS), bias, output weight (>= 0). */
  hidden: { w: number[]; b: number; out: number }[];
  /** Direct (skip) weight per input, same sign rules. */
  linear: number[];
}

function standardize(net: InfluenceNetwork, x: readonly number[]): number[] {
  return x.map((v, j) => (v - net.mean[j]) / net.scale[j]);
}

/** f(x) on raw log inputs. */
export function evaluateNetwork(net: InfluenceNetwork, x: readonly number[]): number {
  const z = standardize(net, x);
  let f = 0;
  for (let j = 0; j < z.length; j++) f += net.linear[j] * z[j];
  for (const h of net.hidden) {
    let a = h.b;
    for (let j = 0; j < z.length; j++) a += h.w[j] * z[j];
    f += h.out * Math.tanh(a);
  }
  return f;
}

/** Baseline standardized inputs, pre-activations and f, per network and baseline (the run asks a million times). */
const baselines = new WeakMap<InfluenceNetwork, { baseline: readonly number[]; z0: number[]; a0: number[] }>();
function baselineOf(net: InfluenceNetwork, baseline: readonly number[]) {
  let c = baselines.get(net);
  // Same array (the usual case: one constant baseline) or equal values: reuse.
  if (!c || (c.baseline !== baseline && c.baseline.some((v, j) => v !== baseline[j]))) {
    const z0 = standardize(net, baseline);
    const a0 = net.hidden.map((h) => h.w.reduce((s, w, j) => s + w * z0[j], h.b));
    baselines.set(net, (c = { baseline, z0, a0 }));
  }
  return c;
}

/**
 * Splits f(x) - f(baseline) over the inputs, exactly: the skip part is already per input; each hidden
 * unit's change is shared in proportion to each input's share of the change in that unit's pre-activation
 * (a path attribution; exact because tanh is applied to a sum). Used for "which signal earned the score".
 * Returns the parts and their sum (f(x) - f(baseline)).
 */
export function attributeNetwork(net: InfluenceNetwork, x: readonly number[], baseline: readonly number[]): { parts: number[]; total: number } {
  const { z0, a0 } = baselineOf(net, baseline);
  const z = standardize(net, x);
  const parts = z.map((v, j) => net.linear[j] * (v - z0[j]));
  let total = 0;
  for (let j = 0; j < z.length; j++) total += parts[j];
  for (let k = 0; k < net.hidden.length; k++) {
    const h = net.hidden[k];
    let a = h.b;
    for (let j = 0; j < z.length; j++) a += h.w[j] * z[j];
    const delta = h.out * (Math.tanh(a) - Math.tanh(a0[k]));
    total += delta;
    const da = a - a0[k];
    if (Math.abs(da) < 1e-12) continue;
    for (let j = 0; j < z.length; j++) parts[j] += (delta * h.w[j] * (z[j] - z0[j])) / da;
  }
  return { parts, total };
}
