/*
 * Child process of bench:score: graphology + graphology-metrics pagerank on the same edge list, graph
 * building included, under a time cap (the parent sets the memory cap with --max-old-space-size).
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import Graph from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';

const [file, nodesArg, capArg] = process.argv.slice(2);
const nodeCount = Number(nodesArg);
const capMs = Number(capArg);
const buf = readFileSync(file);
const ints = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const m = ints.length / 2;
const started = performance.now();
const graph = new (Graph as any)({ type: 'directed', multi: false, allowSelfLoops: true });
for (let v = 0; v < nodeCount; v++) graph.addNode(v);
let added = 0;
for (let e = 0; e < m; e++) {
  graph.mergeEdgeWithKey(e, ints[2 * e], ints[2 * e + 1], { weight: 1 });
  added++;
  if ((e & 0xffff) === 0 && performance.now() - started > capMs) {
    const s = (performance.now() - started) / 1000;
    const c = process.cpuUsage();
    console.log(JSON.stringify({ capHit: 'time', cpuSeconds: (c.user + c.system) / 1e6, seconds: s, edgesAdded: added, edgesPerSecond: Math.round(added / s), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }));
    process.exit(0);
  }
}
const built = performance.now();
const pagerank = (pagerankModule as any).default ?? pagerankModule;
const ranks = pagerank(graph, { alpha: 0.85, tolerance: 1e-6, maxIterations: 100, getEdgeWeight: 'weight' });
const done = performance.now();
const cpu = process.cpuUsage();
console.log(JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, buildSeconds: (built - started) / 1000, pagerankSeconds: (done - built) / 1000, totalSeconds: (done - started) / 1000, nodes: Object.keys(ranks).length, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
