import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../libs/core/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `renown ingest` run as a user runs it: its own process, on a directory. A good run exits 0 with nothing on
 * stderr that looks like a stack; a failure is one line and exit 1.
 */
const FIXTURES = new URL('../fixtures/ingestion', import.meta.url).pathname;
const CLI = new URL('../../apps/cli/src/main.ts', import.meta.url).pathname;
const STACK_LINE = /^\s+at .+[:(]/m;

interface Run { code: number | null; stdout: string; stderr: string }

function renown(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', CLI, ...args], {
      // LOG_LEVEL info: what a user sees, so a logged object dump would show here too
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'renown-cli-'));
  chmodSync(dir, 0o755);
  return dir;
}

describe('renown ingest as a process', () => {
  it('imports a directory into DATABASE_URL, prints the counts, and exits 0 with no stack', async () => {
    const db: TestDatabase = await createTestDatabase();
    try {
      const run = await renown(['ingest', FIXTURES, '--no-progress'], { DATABASE_URL: db.url });
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^total: read \d+, inserted [1-9]\d*, .* quarantined [1-9]\d*$/m);
      expect(run.stdout).toContain('touched accounts queued for scoring');
      const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM import_runs');
      expect(Number(rows[0].n)).toBeGreaterThan(10);
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('on the embedded PostgreSQL it starts for itself: imports, stops its server, exits 0 with no stack', async () => {
    const dataDir = tempDataDir();
    try {
      const run = await renown(['ingest', FIXTURES, '--no-progress'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stderr).not.toMatch(/terminating connection/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^total: read \d+/m);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('beside a running Renown (npm start) it uses that embedded server and leaves it running', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    let server: EmbeddedPostgresHandle | undefined;
    try {
      // This test process stands for `npm start`: it started the server on DATA_DIR/postgres and keeps using it.
      server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port });
      const own = new pg.Client({ connectionString: server.url });
      await own.connect();
      try {
        const run = await renown(['ingest', FIXTURES, '--no-progress'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(run.code).toBe(0);
        // The connection that was open all along still works, and sees what the CLI imported.
        const { rows } = await own.query<{ n: string }>('SELECT count(*) AS n FROM social_accounts');
        expect(Number(rows[0].n)).toBeGreaterThan(0);
      } finally {
        await own.end();
      }
    } finally {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a database that cannot be reached is one line naming it, and exit 1', async () => {
    const run = await renown(['ingest', FIXTURES, '--no-progress'], { DATABASE_URL: `postgres://renown:renown@127.0.0.1:${await freePort()}/renown` });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^renown: .*DATABASE_URL/);
  }, 60_000);
});
