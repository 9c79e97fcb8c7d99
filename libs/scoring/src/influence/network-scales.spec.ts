import { populationPercentiles } from './calibrate-score.js';
import { NETWORK_PRIOR_ACCOUNTS, networkPercentiles } from './network-scales.js';

describe('networkPercentiles: one scale across networks', () => {
  it('is the pooled ranking when there is one network', () => {
    const values = Float64Array.from([5, 1, 3, 9, 7]);
    expect([...networkPercentiles(values, new Uint8Array(5), 1)]).toEqual([...populationPercentiles(values)]);
    expect([...networkPercentiles(values, undefined, 3)]).toEqual([...populationPercentiles(values)]);
  });

  it('places the top account of each large network at the same percentile, whatever its raw scale', () => {
    const n = 2000;
    // Network 0's raw values run 0..1, network 1's run 100..200: pooled, network 1 would take the whole top half.
    const values = new Float64Array(2 * n);
    const group = new Uint8Array(2 * n);
    for (let i = 0; i < n; i++) {
      values[i] = i / n;
      values[n + i] = 100 + (100 * i) / n;
      group[n + i] = 1;
    }
    const p = networkPercentiles(values, group, 2);
    const pooled = populationPercentiles(values);
    expect(pooled[n - 1]).toBeLessThan(0.5);
    expect(p[n - 1]).toBeGreaterThan(0.98);
    expect(Math.abs(p[n - 1] - p[2 * n - 1])).toBeLessThan(0.02);
    // The medians meet too.
    expect(Math.abs(p[n / 2] - p[n + n / 2])).toBeLessThan(0.02);
  });

  it('shrinks a small network toward the pooled ranking, by the weight of NETWORK_PRIOR_ACCOUNTS accounts', () => {
    const values = Float64Array.from([1, 2, 3, 4, 50, 60]);
    const group = Uint8Array.from([0, 0, 0, 0, 1, 1]);
    const p = networkPercentiles(values, group, 2);
    const pooled = populationPercentiles(values);
    const own = populationPercentiles(Float64Array.from([50, 60]));
    expect(p[5]).toBeCloseTo((2 * own[1] + NETWORK_PRIOR_ACCOUNTS * pooled[5]) / (2 + NETWORK_PRIOR_ACCOUNTS), 10);
  });
});
