/**
 * The load generators' shared part (http-load-client.ts, sql-load-client.ts): one client sending requests one
 * after the other, or `clients` of them sending for `seconds`, each request timed; and the IPC loop that runs a
 * phase per message and answers with { done, latencies, cpuSeconds } (this process's CPU) or { error }.
 */
export interface Phase {
  phase: 'single' | 'many';
  requests?: number;
  clients?: number;
  seconds?: number;
}

/** `request(concurrent)`: `concurrent` is true in the many-clients phase. */
export async function runPhase(p: Phase, request: (concurrent: boolean) => Promise<void>): Promise<{ done: number; latencies: number[] }> {
  const latencies: number[] = [];
  if (p.phase !== 'many') {
    for (let i = 0; i < (p.requests ?? 1); i++) {
      const t0 = performance.now();
      await request(false);
      latencies.push(performance.now() - t0);
    }
    return { done: latencies.length, latencies };
  }
  const until = performance.now() + (p.seconds ?? 10) * 1000;
  await Promise.all(
    Array.from({ length: p.clients ?? 16 }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await request(true);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { done: latencies.length, latencies };
}

/** Answers the parent: the first message is the set-up (`isSetup`), every later one a phase. */
export function serveLoad<S extends object, P extends Phase>(
  isSetup: (msg: S | P) => msg is S,
  onSetup: (setup: S) => Promise<void>,
  request: (phase: P, concurrent: boolean) => Promise<void>,
): void {
  process.on('message', (msg: S | P) => {
    if (isSetup(msg)) {
      onSetup(msg).then(
        () => process.send!({ ready: true }),
        (err: Error) => process.send!({ error: err.message }),
      );
      return;
    }
    const cpu0 = process.cpuUsage();
    runPhase(msg, (concurrent) => request(msg, concurrent)).then(
      (r) => {
        const c = process.cpuUsage(cpu0);
        process.send!({ ...r, cpuSeconds: (c.user + c.system) / 1e6 });
      },
      (err: Error) => process.send!({ error: err.message }),
    );
  });
}
