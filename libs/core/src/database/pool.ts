import pg from 'pg';
import { logger } from '../logging/logger.js';

/**
 * A node-postgres pool that survives losing its server: an idle connection that the server ends (a restart,
 * `pg_terminate_backend`, the embedded server stopping at exit) is logged and replaced on next use, instead of
 * an unhandled 'error' event that kills the process. A query in flight still fails, with its own error.
 */
export function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', (err) => logger.warn({ pool: config.application_name, reason: err.message }, 'database connection lost; the pool reconnects on next use'));
  return pool;
}

/** Runs `work` in one transaction on a connection of its own: committed when it returns, rolled back when it throws. */
export async function withPoolTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
