import type { CsrGraph } from '../../graph/csr-graph.js';
import { PAGERANK_DEFAULTS } from '../../graph/pagerank.js';

/**
 * Several topic-sensitive PageRanks in one pass over the edges: the rank vectors are interleaved (node-major,
 * `k` values per node), so each incoming edge is read once for all `k` topics instead of `k` times. Same
 * arithmetic as `pagerank()` in graph/pagerank.ts (leaked rank returns along each vector's own restart), so
 * each column equals `personalizedPagerank(graph, seeds[j])`. Memory: 3 x nodes x k doubles.
 */
export function personalizedPagerankBatch(
  graph: CsrGraph,
  seeds: Map<number, number>[],
  options: { damping?: number; tolerance?: number; maxIterations?: number } = {},
): Float64Array[] {
  const { damping, tolerance, maxIterations } = { ...PAGERANK_DEFAULTS, ...options };
  const n = graph.nodeCount;
  const k = seeds.length;
  if (!k) return [];
  const { inOffsets, inSources, inShares, leakShare } = graph;
  const restart = new Float64Array(n * k);
  seeds.forEach((s, j) => {
    let total = 0;
    for (const w of s.values()) total += w > 0 ? w : 0;
    for (const [v, w] of s) if (w > 0 && total > 0) restart[v * k + j] = w / total;
    if (total === 0) for (let v = 0; v < n; v++) restart[v * k + j] = 1 / n;
  });
  let ranks = Float64Array.from(restart);
  let next = new Float64Array(n * k);
  const leak = new Float64Array(k);
  const nextLeak = new Float64Array(k);
  const delta = new Float64Array(k).fill(Infinity);
  const teleport = new Float64Array(k);
  const sum = new Float64Array(k);
  for (let v = 0; v < n; v++) for (let j = 0; j < k; j++) leak[j] += ranks[v * k + j] * leakShare[v];
  for (let it = 0; it < maxIterations && delta.some((d) => d > tolerance); it++) {
    for (let j = 0; j < k; j++) teleport[j] = 1 - damping + damping * leak[j];
    delta.fill(0);
    nextLeak.fill(0);
    for (let v = 0; v < n; v++) {
      const end = inOffsets[v + 1];
      if (k === 4) {
        // The common case, unrolled into locals (a typed-array accumulator costs a store per edge and topic).
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let e = inOffsets[v]; e < end; e++) {
          const share = inShares[e];
          const base = inSources[e] * 4;
          s0 += share * ranks[base];
          s1 += share * ranks[base + 1];
          s2 += share * ranks[base + 2];
          s3 += share * ranks[base + 3];
        }
        sum[0] = s0;
        sum[1] = s1;
        sum[2] = s2;
        sum[3] = s3;
      } else {
        sum.fill(0);
        for (let e = inOffsets[v]; e < end; e++) {
          const share = inShares[e];
          const base = inSources[e] * k;
          for (let j = 0; j < k; j++) sum[j] += share * ranks[base + j];
        }
      }
      const at = v * k;
      for (let j = 0; j < k; j++) {
        const r = teleport[j] * restart[at + j] + damping * sum[j];
        next[at + j] = r;
        delta[j] += Math.abs(r - ranks[at + j]);
        nextLeak[j] += r * leakShare[v];
      }
    }
    leak.set(nextLeak);
    const swap = ranks;
    ranks = next;
    next = swap;
  }
  return seeds.map((_, j) => {
    const col = new Float64Array(n);
    for (let v = 0; v < n; v++) col[v] = ranks[v * k + j];
    return col;
  });
}
