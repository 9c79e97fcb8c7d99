/**
 * A directed, weighted graph in compressed sparse row form, indexed by TARGET (incoming edges), which is
 * what a pull-based PageRank reads: node v's new rank is a sum over `inSources[inOffsets[v] .. inOffsets[v+1])`.
 * Typed arrays keep 10M edges in about 80 MB and let worker threads share them without copying.
 */
export interface CsrGraph {
  nodeCount: number;
  edgeCount: number;
  /** Length nodeCount + 1; incoming edges of v are at [inOffsets[v], inOffsets[v + 1]). */
  inOffsets: Int32Array;
  /** Source node of each incoming edge. */
  inSources: Int32Array;
  /** Share of the source's outgoing weight that this edge carries (weight / source's total out-weight). */
  inShares: Float32Array;
  /** Per node: 1 - (sum of its out-shares): rank it does not hand to a known node (dangling or unobserved). */
  leakShare: Float32Array;
}

export interface EdgeList {
  /** Source (actor) node index per edge. */
  sources: Int32Array;
  /** Target node index per edge. */
  targets: Int32Array;
  /** Weight per edge (> 0). Omit for weight 1. */
  weights?: Float32Array | Float64Array;
  /** Number of edges used from the arrays (they may be over-allocated). Defaults to sources.length. */
  length?: number;
}

export interface BuildCsrOptions {
  /**
   * Per node, the total out-weight to split over its edges, when it is more than the observed edges carry
   * (e.g. an account that follows 5,000 but we saw only 3 of those follows). The part not observed leaks
   * to the restart vector, so an account that engages with everything passes little to each.
   */
  declaredOutWeight?: Float64Array | Float32Array;
  /** Allocate the arrays on SharedArrayBuffers so `pagerankParallel` can hand them to workers without copying. */
  shared?: boolean;
}

/**
 * Builds the incoming-edge CSR with each edge's share of its source's outgoing weight. Duplicate
 * (source, target) pairs are allowed and simply add up. Two counting passes, no sort: O(nodes + edges).
 */
export function buildCsrGraph(nodeCount: number, edges: EdgeList, options: BuildCsrOptions = {}): CsrGraph {
  const m = edges.length ?? edges.sources.length;
  const { sources, targets, weights } = edges;
  const outWeight = new Float64Array(nodeCount);
  const inOffsets = options.shared ? new Int32Array(new SharedArrayBuffer(4 * (nodeCount + 1))) : new Int32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) {
    const s = sources[e];
    const t = targets[e];
    if (s < 0 || s >= nodeCount || t < 0 || t >= nodeCount) throw new RangeError(`edge ${e} (${s} -> ${t}) is outside 0..${nodeCount - 1}`);
    outWeight[s] += weights ? weights[e] : 1;
    inOffsets[t + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) inOffsets[v + 1] += inOffsets[v];
  const declared = options.declaredOutWeight;
  const leakShare = options.shared ? new Float32Array(new SharedArrayBuffer(4 * nodeCount)) : new Float32Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    const total = declared && declared[v] > outWeight[v] ? declared[v] : outWeight[v];
    leakShare[v] = total > 0 ? 1 - outWeight[v] / total : 1;
    outWeight[v] = total;
  }
  const cursor = inOffsets.slice(0, nodeCount);
  const inSources = options.shared ? new Int32Array(new SharedArrayBuffer(4 * m)) : new Int32Array(m);
  const inShares = options.shared ? new Float32Array(new SharedArrayBuffer(4 * m)) : new Float32Array(m);
  for (let e = 0; e < m; e++) {
    const s = sources[e];
    const slot = cursor[targets[e]]++;
    inSources[slot] = s;
    inShares[slot] = (weights ? weights[e] : 1) / outWeight[s];
  }
  return { nodeCount, edgeCount: m, inOffsets, inSources, inShares, leakShare };
}
