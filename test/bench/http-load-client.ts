/*
 * Child process of bench:search: the GraphQL clients, in a process of their own, as a load generator (wrk,
 * autocannon) would be, so the server's event loop does not also build the requests and parse the ~40 KB
 * answers. The parent measures the server's and PostgreSQL's CPU around each phase; this process reports
 * its own CPU so the whole machine's cost of a request stays visible.
 *
 * Protocol (IPC): the parent sends { url, body, headers, expectEdges } once, then phases
 * { phase: 'single' | 'many', requests?, clients?, seconds? }; each answer is
 * { done, latencies, cpuSeconds } or { error }.
 */
import http from 'node:http';
import { type Phase, serveLoad } from './load-phases.js';

interface Setup {
  url: string;
  body: string;
  headers: Record<string, string>;
  expectEdges: number;
}

let setup: Setup | undefined;
let agent: http.Agent | undefined;

function post(): Promise<void> {
  const s = setup!;
  return new Promise((resolvePost, reject) => {
    const req = http.request(
      s.url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(s.body)), ...s.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (answer.errors || answer.data?.influencers?.edges?.length !== s.expectEdges) reject(new Error(JSON.stringify(answer.errors ?? 'short page')));
            else resolvePost();
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(s.body);
  });
}

serveLoad<Setup, Phase>(
  (msg): msg is Setup => 'url' in msg,
  async (msg) => {
    setup = msg;
    agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  },
  () => post(),
);
process.on('disconnect', () => process.exit(0));
