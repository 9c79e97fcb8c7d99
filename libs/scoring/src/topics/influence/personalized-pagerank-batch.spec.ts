import { buildCsrGraph } from '../../graph/csr-graph.js';
import { personalizedPagerank } from '../../graph/pagerank.js';
import { personalizedPagerankBatch } from './personalized-pagerank-batch.js';

describe('personalizedPagerankBatch', () => {
  it('gives, column by column, the same ranks as one personalized PageRank per seed set', () => {
    // A fixed pseudo-random graph with dangling nodes and declared (unobserved) out-weight.
    let x = 7;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 200;
    const m = 1500;
    const sources = new Int32Array(m);
    const targets = new Int32Array(m);
    const weights = new Float32Array(m);
    for (let e = 0; e < m; e++) {
      sources[e] = Math.floor(rand() * (n - 20));
      targets[e] = Math.floor(rand() * n);
      weights[e] = 0.2 + rand();
    }
    const declared = new Float64Array(n).map(() => 10 * rand());
    const graph = buildCsrGraph(n, { sources, targets, weights }, { declaredOutWeight: declared });
    const all = [new Map([[1, 1], [5, 2]]), new Map([[7, 1]]), new Map([[150, 1], [199, 1], [3, 0.5]]), new Map([[42, 1]])];
    // 4 seed sets take the unrolled path, 3 the general one.
    for (const seeds of [all, all.slice(0, 3)]) {
      const batch = personalizedPagerankBatch(graph, seeds, { tolerance: 1e-12, maxIterations: 200 });
      seeds.forEach((s, j) => {
        const single = personalizedPagerank(graph, s, { tolerance: 1e-12, maxIterations: 200 }).ranks;
        for (let v = 0; v < n; v++) expect(batch[j][v]).toBeCloseTo(single[v], 9);
      });
    }
  });
});
