import { buildCsrGraph } from './csr-graph.js';
import { pagerank, personalizedPagerank } from './pagerank.js';
import { pagerankParallel } from './pagerank-parallel.js';

const edges = (pairs: [number, number, number?][]) => ({
  sources: Int32Array.from(pairs.map((p) => p[0])),
  targets: Int32Array.from(pairs.map((p) => p[1])),
  weights: Float32Array.from(pairs.map((p) => p[2] ?? 1)),
});

describe('pagerank (typed-array CSR)', () => {
  it('ranks sum to 1 and the most-pointed-at node wins', () => {
    const g = buildCsrGraph(4, edges([[0, 3], [1, 3], [2, 3], [3, 0]]));
    const r = pagerank(g);
    expect(r.converged).toBe(true);
    expect(r.ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Math.max(...r.ranks)).toBe(r.ranks[3]);
  });

  it('a selective engager passes more than one that engages with everything', () => {
    // 0 engages only with 1; 2 engages with 3 and with ten others.
    const pairs: [number, number][] = [[0, 1], [2, 3]];
    for (let k = 4; k < 14; k++) pairs.push([2, k]);
    const r = pagerank(buildCsrGraph(14, edges(pairs))).ranks;
    expect(r[1]).toBeGreaterThan(r[3]);
  });

  it('declared but unobserved out-weight dilutes what an account passes', () => {
    const plain = pagerank(buildCsrGraph(2, edges([[0, 1]]))).ranks;
    const diluted = pagerank(buildCsrGraph(2, edges([[0, 1]]), { declaredOutWeight: Float64Array.from([100, 0]) })).ranks;
    expect(diluted[1]).toBeLessThan(plain[1]);
  });

  it('personalized PageRank restarts at the seeds', () => {
    const g = buildCsrGraph(4, edges([[0, 1], [2, 3]]));
    const r = personalizedPagerank(g, [0]).ranks;
    expect(r[1]).toBeGreaterThan(r[3]);
    expect(r[2]).toBe(0);
  });

  it('two worker threads give the same ranks as one', async () => {
    const n = 20_000;
    const m = 100_000;
    const s = new Int32Array(m);
    const t = new Int32Array(m);
    let x = 12345;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let e = 0; e < m; e++) {
      s[e] = Math.floor(rand() * n);
      t[e] = Math.floor(n * rand() ** 3);
    }
    const g = buildCsrGraph(n, { sources: s, targets: t }, { shared: true });
    const one = pagerank(g);
    const two = await pagerankParallel(g, { threads: 2 });
    expect(two.iterations).toBe(one.iterations);
    let diff = 0;
    for (let v = 0; v < n; v++) diff += Math.abs(one.ranks[v] - two.ranks[v]);
    expect(diff).toBeLessThan(1e-9);
  });
});
