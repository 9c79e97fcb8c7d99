import type { INestApplicationContext } from '@nestjs/common';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.js';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { runMigrations, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../libs/core/src/index.js';
import { listenApi, testConfig, type ApiOn } from '../support/test-app.js';

/**
 * The API and the worker keep going when PostgreSQL restarts under them: no crash, /health and requests answer
 * again once the server is back, and jobs queued before and after the restart all get done. This file runs its
 * own PostgreSQL (the shared test server is not restarted under the other files).
 */
async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await attempt().catch(() => undefined);
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { message } }`;

describe('a database restart under the API and the worker', () => {
  let dir: string;
  let port: number;
  let server: EmbeddedPostgresHandle;
  let api: ApiOn;
  let worker: INestApplicationContext;
  let rows: pg.Pool;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'renown-restart-'));
    chmodSync(dir, 0o755);
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port });
    await runMigrations(server.url);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const config = testConfig();
    api = await listenApi(config, server.url);
    worker = await createWorkerApp(config, server.url);
    rows = new pg.Pool({ connectionString: server.url, max: 1 });
    rows.on('error', () => undefined); // this pool loses its connection in the restart too
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.app.close();
    await rows?.end();
    await server?.stop();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    rmSync(dir, { recursive: true, force: true });
  });

  const signUp = (email: string) =>
    api.graphql(SIGN_UP, { i: { email, password: 'a long enough password', name: 'Restart Test', brandName: `Brand ${email}` } });
  const mailStatus = (to: string) => rows.query<{ status: string }>('SELECT status FROM mail_outbox WHERE to_address = $1', [to]).then((r) => r.rows[0]?.status);

  it('answers again, loses no job and does not crash', async () => {
    const before = await signUp('before@restart.test');
    expect(before.errors).toBeUndefined();
    // The worker delivers the confirmation mail (kept locally: no SMTP_URL).
    await until('the first mail to be delivered', async () => ((await mailStatus('before@restart.test')) === 'kept' ? true : undefined));

    // A mail queued just before the server goes away: its job must still run afterwards.
    const queued = await signUp('queued@restart.test');
    expect(queued.errors).toBeUndefined();
    await server.stop();
    const down = await fetch(`${api.url}/health`);
    expect(down.status).toBe(503);
    server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port });

    const health = await until('/health to say the database is up', async () => {
      const res = await fetch(`${api.url}/health`);
      const body = await res.json();
      return res.status === 200 && body.database === 'up' && body.queue === 'up' ? body : undefined;
    });
    expect(health.database).toBe('up');

    const after = await until('a request that writes to answer', async () => {
      const res = await signUp('after@restart.test');
      return res.errors ? undefined : res;
    });
    expect(after.data.signUp.message).toBeTruthy();
    await until('the mails queued before and after the restart to be delivered', async () =>
      (await mailStatus('queued@restart.test')) === 'kept' && (await mailStatus('after@restart.test')) === 'kept' ? true : undefined,
    );
    expect(crashes).toEqual([]);
  }, 120_000);
});
