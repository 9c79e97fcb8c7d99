import { Worker } from 'node:worker_threads';
import type { CsrGraph } from './csr-graph.js';
import { normaliseRestart, PAGERANK_DEFAULTS, pagerank, type PageRankOptions, type PageRankResult } from './pagerank.js';

/*
 * The worker body is inline source (eval) rather than a file, so it runs the same from the compiled dist,
 * from a bench script and under Jest, without resolving a .ts/.js sibling. Each worker owns a contiguous
 * range of target nodes (balanced by edge count), reads the shared rank vector and writes its slice of the
 * next one; the main thread only sums the per-worker delta and leak.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { inOffsets, inSources, inShares, leakShare, restart, rankA, rankB, from, to, damping } = workerData;
const ro = new Int32Array(inOffsets), rs = new Int32Array(inSources), sh = new Float32Array(inShares);
const lk = new Float32Array(leakShare), rst = new Float64Array(restart);
const a = new Float64Array(rankA), b = new Float64Array(rankB);
parentPort.on('message', ({ parity, teleport }) => {
  const ranks = parity === 0 ? a : b, next = parity === 0 ? b : a;
  let delta = 0, leak = 0;
  for (let v = from; v < to; v++) {
    let sum = 0;
    const end = ro[v + 1];
    for (let e = ro[v]; e < end; e++) sum += sh[e] * ranks[rs[e]];
    const r = teleport * rst[v] + damping * sum;
    next[v] = r;
    delta += Math.abs(r - ranks[v]);
    leak += r * lk[v];
  }
  parentPort.postMessage({ delta, leak });
});
`;

function isShared(a: ArrayBufferView) {
  return a.buffer instanceof SharedArrayBuffer;
}

/**
 * The same PageRank as `pagerank`, split over worker threads (2 by default). The graph must have been built
 * with `{ shared: true }`; otherwise, or for one thread, this falls back to the single-thread version.
 */
export async function pagerankParallel(graph: CsrGraph, options: PageRankOptions & { threads?: number } = {}): Promise<PageRankResult> {
  const threads = Math.max(1, options.threads ?? 2);
  const { damping, tolerance, maxIterations } = { ...PAGERANK_DEFAULTS, ...options };
  if (threads === 1 || graph.nodeCount < 10_000 || !isShared(graph.inOffsets) || !isShared(graph.inSources)) return pagerank(graph, options);
  const n = graph.nodeCount;
  const restart = new Float64Array(new SharedArrayBuffer(8 * n));
  restart.set(normaliseRestart(n, options.restart));
  const rankA = new Float64Array(new SharedArrayBuffer(8 * n));
  const rankB = new Float64Array(new SharedArrayBuffer(8 * n));
  rankA.set(restart);
  // Split target nodes so each worker gets about the same number of incoming edges (+ nodes, for the
  // per-node work).
  const bounds = [0];
  const total = graph.edgeCount + n;
  for (let t = 1; t < threads; t++) {
    const goal = (total * t) / threads;
    let lo = bounds[t - 1];
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (graph.inOffsets[mid] + mid < goal) lo = mid + 1;
      else hi = mid;
    }
    bounds.push(lo);
  }
  bounds.push(n);
  const workers = bounds.slice(0, -1).map(
    (from, i) =>
      new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          inOffsets: graph.inOffsets.buffer,
          inSources: graph.inSources.buffer,
          inShares: graph.inShares.buffer,
          leakShare: graph.leakShare.buffer,
          restart: restart.buffer,
          rankA: rankA.buffer,
          rankB: rankB.buffer,
          from,
          to: bounds[i + 1],
          damping,
        },
      }),
  );
  try {
    let leak = 0;
    for (let v = 0; v < n; v++) leak += rankA[v] * graph.leakShare[v];
    let delta = Infinity;
    let iterations = 0;
    while (iterations < maxIterations && delta > tolerance) {
      const teleport = 1 - damping + damping * leak;
      const parity = iterations % 2;
      const parts = await Promise.all(
        workers.map(
          (w) =>
            new Promise<{ delta: number; leak: number }>((resolve, reject) => {
              w.once('message', resolve);
              w.once('error', reject);
              w.postMessage({ parity, teleport });
            }),
        ),
      );
      for (const w of workers) w.removeAllListeners('error');
      delta = parts.reduce((s, p) => s + p.delta, 0);
      leak = parts.reduce((s, p) => s + p.leak, 0);
      iterations++;
    }
    const ranks = iterations % 2 === 0 ? rankA : rankB;
    return { ranks: new Float64Array(ranks), iterations, delta, converged: delta <= tolerance };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
