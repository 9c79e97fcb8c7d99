import type { CsrGraph } from './csr-graph.js';

export interface PageRankOptions {
  /** Probability of following an edge rather than restarting (0.85 in the original paper). */
  damping?: number;
  /** Stop when the L1 change of the rank vector falls below this. */
  tolerance?: number;
  maxIterations?: number;
  /**
   * Restart (teleport) distribution, any non-negative weights (normalised here). Uniform when omitted.
   * A topic-sensitive or "relative to a brand" PageRank passes the seed accounts here; scoring passes
   * account quality so bot-like accounts start with little rank to hand out.
   */
  restart?: Float64Array | Float32Array;
}

export interface PageRankResult {
  /** Sums to 1. */
  ranks: Float64Array;
  iterations: number;
  /** L1 change of the last iteration. */
  delta: number;
  converged: boolean;
}

export const PAGERANK_DEFAULTS = { damping: 0.85, tolerance: 1e-6, maxIterations: 100 } as const;

/** Normalises a restart vector to sum 1 (uniform when absent or all zero). */
export function normaliseRestart(n: number, restart?: Float64Array | Float32Array): Float64Array {
  const out = new Float64Array(n);
  let sum = 0;
  if (restart) {
    if (restart.length !== n) throw new RangeError(`restart vector has ${restart.length} entries for ${n} nodes`);
    for (let i = 0; i < n; i++) {
      const x = restart[i] > 0 ? restart[i] : 0;
      out[i] = x;
      sum += x;
    }
  }
  if (sum === 0) return out.fill(n > 0 ? 1 / n : 0);
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

/**
 * Weighted PageRank, pull-based over the incoming-edge CSR, one thread. Rank that a node does not hand to
 * a known neighbour (dangling nodes, declared-but-unobserved out-weight) is redistributed along the restart
 * vector, so the ranks always sum to 1 and a personalised run stays personalised.
 */
export function pagerank(graph: CsrGraph, options: PageRankOptions = {}): PageRankResult {
  const { damping, tolerance, maxIterations } = { ...PAGERANK_DEFAULTS, ...options };
  const n = graph.nodeCount;
  const restart = normaliseRestart(n, options.restart);
  const { inOffsets, inSources, inShares, leakShare } = graph;
  let ranks = new Float64Array(restart);
  let next = new Float64Array(n);
  let leak = 0;
  for (let v = 0; v < n; v++) leak += ranks[v] * leakShare[v];
  let delta = Infinity;
  let iterations = 0;
  while (iterations < maxIterations && delta > tolerance) {
    const teleport = 1 - damping + damping * leak;
    delta = 0;
    leak = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      const end = inOffsets[v + 1];
      for (let e = inOffsets[v]; e < end; e++) sum += inShares[e] * ranks[inSources[e]];
      const r = teleport * restart[v] + damping * sum;
      next[v] = r;
      delta += Math.abs(r - ranks[v]);
      leak += r * leakShare[v];
    }
    const swap = ranks;
    ranks = next;
    next = swap;
    iterations++;
  }
  return { ranks, iterations, delta, converged: delta <= tolerance };
}

/**
 * Topic-sensitive / personalised PageRank: the walk restarts only at the seed nodes (weighted), so the
 * ranks measure standing relative to those seeds (a topic's known authorities, a brand's own accounts).
 */
export function personalizedPagerank(graph: CsrGraph, seeds: Map<number, number> | number[], options: Omit<PageRankOptions, 'restart'> = {}): PageRankResult {
  const restart = new Float64Array(graph.nodeCount);
  if (Array.isArray(seeds)) for (const s of seeds) restart[s] = 1;
  else for (const [s, w] of seeds) restart[s] = w;
  return pagerank(graph, { ...options, restart });
}
