/**
 * Calibration: a raw composite means nothing on its own, and its spread drifts as the data grows. So the
 * score is a fixed function of the account's PERCENTILE among all accounts scored that day. The same score
 * therefore means the same percentile every day and across model versions:
 *
 *   score  1..40  the bottom half, linear in percentile (40 = the median account)
 *   score 40      better than 50% of accounts
 *   score 50      top 16%   (linear in log10 of the tail share between the anchors)
 *   score 60      top 5%
 *   score 80      top 0.1% (one account in a thousand)
 *   score 100     top 0.0001% (one in a million) and above
 */
export const SCORE_ANCHORS: ReadonlyArray<{ tailShare: number; score: number }> = [
  { tailShare: 0.5, score: 40 },
  { tailShare: 0.05, score: 60 },
  { tailShare: 0.001, score: 80 },
  { tailShare: 0.000001, score: 100 },
];

/** Percentile (0..1, share of accounts below) → score 1..100, rounded to one decimal. */
export function scoreFromPercentile(percentile: number): number {
  const p = Math.min(1, Math.max(0, percentile));
  let score: number;
  if (p <= 0.5) score = 1 + 39 * (p / 0.5);
  else {
    const t = -Math.log10(Math.max(1 - p, 1e-12));
    score = 100;
    for (let i = 0; i + 1 < SCORE_ANCHORS.length; i++) {
      const a = SCORE_ANCHORS[i];
      const b = SCORE_ANCHORS[i + 1];
      const ta = -Math.log10(a.tailShare);
      const tb = -Math.log10(b.tailShare);
      if (t <= tb) {
        score = a.score + ((t - ta) / (tb - ta)) * (b.score - a.score);
        break;
      }
    }
  }
  return Math.round(Math.min(100, Math.max(1, score)) * 10) / 10;
}

/** Inverse of scoreFromPercentile: the share of accounts below a given score. */
export function percentileFromScore(score: number): number {
  const s = Math.min(100, Math.max(1, score));
  if (s <= 40) return ((s - 1) / 39) * 0.5;
  for (let i = 0; i + 1 < SCORE_ANCHORS.length; i++) {
    const a = SCORE_ANCHORS[i];
    const b = SCORE_ANCHORS[i + 1];
    if (s <= b.score) {
      const ta = -Math.log10(a.tailShare);
      const tb = -Math.log10(b.tailShare);
      return 1 - 10 ** -(ta + ((s - a.score) / (b.score - a.score)) * (tb - ta));
    }
  }
  return 1;
}

/**
 * The distribution of one raw value over the day's population, stored with the scoring run so any later
 * reader can place a value on it. `values` are sorted ascending quantile values at `probabilities`.
 */
export interface Calibration {
  probabilities: number[];
  values: number[];
  population: number;
}

/** Quantile grid: dense in the upper tail, where the anchors 60/80/100 live. */
export function calibrationGrid(): number[] {
  const grid: number[] = [];
  for (let i = 0; i <= 98; i++) grid.push(i / 100);
  for (let i = 990; i <= 998; i++) grid.push(i / 1000);
  for (let i = 9990; i <= 9998; i++) grid.push(i / 10000);
  for (let i = 99990; i <= 99999; i++) grid.push(i / 100000);
  grid.push(0.999999, 1);
  return grid;
}

/** Builds a calibration from the day's raw values (any order; not modified). */
export function buildCalibration(raw: ArrayLike<number>): Calibration {
  const sorted = Float64Array.from(raw).sort();
  const n = sorted.length;
  const probabilities = calibrationGrid();
  const values = probabilities.map((p) => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))]));
  return { probabilities, values, population: n };
}

/**
 * Percentile of a raw value on a stored calibration (interpolated between grid points; ties get the
 * middle of their range, so an account with no signal at all sits mid-way in the no-signal block).
 */
export function percentileOnCalibration(raw: number, calibration: Calibration): number {
  const { values, probabilities } = calibration;
  if (values.length === 0) return 0.5;
  let lo = 0;
  while (lo < values.length && values[lo] < raw) lo++;
  let hi = lo;
  while (hi < values.length && values[hi] === raw) hi++;
  if (hi > lo) return (probabilities[lo] + probabilities[hi - 1]) / 2;
  if (lo === 0) return 0;
  if (lo === values.length) return 1;
  const v0 = values[lo - 1];
  const v1 = values[lo];
  return probabilities[lo - 1] + ((raw - v0) / (v1 - v0)) * (probabilities[lo] - probabilities[lo - 1]);
}

/**
 * Exact mid-rank percentiles of a whole population at once (the daily run uses these, the stored
 * Calibration serves readers). O(n log n).
 */
export function populationPercentiles(raw: ArrayLike<number>): Float64Array {
  const n = raw.length;
  // Native typed-array sort, then each value's tie block by binary search: much faster than sorting an
  // index array with a comparator at a million accounts.
  const sorted = Float64Array.from(raw).sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = n === 1 ? 0.5 : ((first + lo - 1) / 2 + 0.5) / n;
  }
  return out;
}
