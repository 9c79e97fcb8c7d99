import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, pipelined } from './prepared-query.js';

const NAME = /^[a-z_]+$/;
const VALUE = /^[\w.]+$/;

/**
 * A transaction whose START also sets transaction-local settings (`SET LOCAL`, gone at its end), for hot paths
 * where a round trip of their own is a measurable share of the work (each costs both processes a socket write
 * and a wake-up). The START is not waited for: the work's statements go out right behind it, and statements the
 * work sends without awaiting one another are written together too (the connection is pipelined while the
 * transaction lasts, see `pipelined`), so a work that sends its statements at once takes one round trip. `work`
 * gets the transaction's EntityManager; the transaction commits when it returns and rolls back when it throws.
 * `work` may end the transaction itself with its last statement (preparedQuery's `commit`): nothing more is sent
 * then. A failed START (a bad setting value) is the error thrown, not the errors of the statements behind it. A
 * connection whose rollback fails is dropped from the pool rather than reused.
 */
export async function transactionWithSettings<T>(db: DataSource, settings: Record<string, string>, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const sets = Object.entries(settings).map(([name, value]) => {
    if (!NAME.test(name) || !VALUE.test(value)) throw new Error(`Not a setting: ${name} = ${value}`);
    return `SET LOCAL ${name} = ${value}`;
  });
  const runner = db.createQueryRunner();
  const drop = (err: unknown) => (runner as unknown as { releasePostgresConnection(err: unknown): Promise<void> }).releasePostgresConnection(err);
  let client: pg.PoolClient;
  try {
    client = (await runner.connect()) as pg.PoolClient;
  } catch (err) {
    await drop(err);
    throw err;
  }
  const restore = pipelined(client);
  const started = client.query(['START TRANSACTION', ...sets].join('; '));
  started.catch(() => undefined); // awaited below, after the work
  let result: T;
  try {
    result = await work(runner.manager);
    await started;
    if (inTransaction(client)) await client.query('COMMIT');
  } catch (err) {
    const cause = await started.then(
      () => err,
      (startError: unknown) => startError,
    );
    try {
      if (inTransaction(client)) await client.query('ROLLBACK');
    } catch (rollbackError) {
      restore();
      await drop(rollbackError);
      throw cause;
    }
    restore();
    await runner.release();
    throw cause;
  }
  restore();
  await runner.release();
  return result;
}
