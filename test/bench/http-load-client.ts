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

interface Setup {
  url: string;
  body: string;
  headers: Record<string, string>;
  expectEdges: number;
}
interface Phase {
  phase: 'single' | 'many';
  requests?: number;
  clients?: number;
  seconds?: number;
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

async function run(p: Phase): Promise<{ done: number; latencies: number[] }> {
  const latencies: number[] = [];
  if (p.phase !== 'many') {
    for (let i = 0; i < (p.requests ?? 1); i++) {
      const t0 = performance.now();
      await post();
      latencies.push(performance.now() - t0);
    }
    return { done: latencies.length, latencies };
  }
  const until = performance.now() + (p.seconds ?? 10) * 1000;
  await Promise.all(
    Array.from({ length: p.clients ?? 16 }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await post();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { done: latencies.length, latencies };
}

process.on('message', (msg: Setup | Phase) => {
  if ('url' in msg) {
    setup = msg;
    agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    process.send!({ ready: true });
    return;
  }
  const cpu0 = process.cpuUsage();
  run(msg).then(
    (r) => {
      const c = process.cpuUsage(cpu0);
      process.send!({ ...r, cpuSeconds: (c.user + c.system) / 1e6 });
    },
    (err: Error) => process.send!({ error: err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
