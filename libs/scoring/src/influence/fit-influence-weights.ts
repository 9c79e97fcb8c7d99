import { computeRawInfluence, INFLUENCE_PARAMETERS_V1, type InfluenceParameters } from './compute-influence-score.js';
import { evaluatePairwise } from './evaluate-pairwise.js';
import type { PairwiseJudgment } from './peerindex-judgments.js';

/*
 * Tuning only (`eval-score --kfold`): never called when scoring. Fits the term weights as a Bradley-Terry
 * model, P(A beats B) = logistic(w · (termsA - termsB)), by Newton's method with a small L2 penalty, keeping
 * weights non-negative (a negative weight would mean "more followers, lower score", which nobody could
 * defend) by dropping any term that goes negative and refitting. Weights named in `fixed` are not fitted.
 */
type WeightName = keyof InfluenceParameters['weights'];
const NAMES: WeightName[] = ['followers', 'listed', 'amplificationPerPost', 'distinctEngagers', 'networkStanding'];

function unitTerms(s: PairwiseJudgment['a']) {
  const unit = { ...INFLUENCE_PARAMETERS_V1, weights: { followers: 1, listed: 1, amplificationPerPost: 1, distinctEngagers: 1, networkStanding: 1 } };
  const c = computeRawInfluence(s, unit as unknown as InfluenceParameters).contributions;
  return NAMES.map((n) => c[n]);
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let k = i + 1; k < n; k++) if (Math.abs(m[k][i]) > Math.abs(m[p][i])) p = k;
    [m[i], m[p]] = [m[p], m[i]];
    for (let k = i + 1; k < n; k++) {
      const f = m[k][i] / m[i][i];
      for (let j = i; j <= n; j++) m[k][j] -= f * m[i][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  return x;
}

function logistic(x: number[][], offset: number[], y: number[], l2: number): number[] {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < 30 && d > 0; it++) {
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const g = new Array<number>(d).fill(0);
    for (let i = 0; i < x.length; i++) {
      let z = offset[i];
      for (let k = 0; k < d; k++) z += w[k] * x[i][k];
      const p = 1 / (1 + Math.exp(-z));
      for (let k = 0; k < d; k++) {
        g[k] += (p - y[i]) * x[i][k];
        for (let j = 0; j < d; j++) h[k][j] += p * (1 - p) * x[i][k] * x[i][j];
      }
    }
    for (let k = 0; k < d; k++) {
      g[k] += l2 * w[k];
      h[k][k] += l2;
    }
    const step = solve(h, g);
    for (let k = 0; k < d; k++) w[k] -= step[k];
  }
  return w;
}

export function fitInfluenceWeights(judgments: PairwiseJudgment[], fixed: Partial<Record<WeightName, number>> = {}, l2 = 3): InfluenceParameters {
  const diffs = judgments.map((j) => {
    const a = unitTerms(j.a);
    const b = unitTerms(j.b);
    return a.map((v, k) => v - b[k]);
  });
  const y = judgments.map((j) => j.choice);
  let active = NAMES.filter((n) => fixed[n] === undefined);
  const offset = diffs.map((d) => NAMES.reduce((s, n, k) => s + (fixed[n] ?? 0) * d[k], 0));
  for (;;) {
    const cols = active.map((n) => NAMES.indexOf(n));
    const w = logistic(
      diffs.map((d) => cols.map((k) => d[k])),
      offset,
      y,
      l2,
    );
    const negative = w.findIndex((v) => v < 0);
    if (negative >= 0) {
      active = active.filter((_, i) => i !== negative);
      continue;
    }
    const weights = Object.fromEntries(NAMES.map((n) => [n, fixed[n] ?? (active.includes(n) ? w[active.indexOf(n)] : 0)]));
    return { ...INFLUENCE_PARAMETERS_V1, weights } as unknown as InfluenceParameters;
  }
}

/** k-fold: fit on k-1 folds, score the held-out fold with the full score function; mean held-out AUC. */
export function kFoldAuc(judgments: PairwiseJudgment[], k = 5, fixed: Partial<Record<WeightName, number>> = {}) {
  const folds: number[] = [];
  const weights: InfluenceParameters['weights'][] = [];
  for (let f = 0; f < k; f++) {
    const train = judgments.filter((_, i) => i % k !== f);
    const test = judgments.filter((_, i) => i % k === f);
    const params = fitInfluenceWeights(train, fixed);
    weights.push(params.weights);
    folds.push(evaluatePairwise(test, params).auc);
  }
  return { mean: folds.reduce((a, b) => a + b, 0) / k, folds, weights, full: fitInfluenceWeights(judgments, fixed).weights };
}
