import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from './prepared-query.js';

const NAME = /^[a-z_]+$/;
const VALUE = /^[\w.]+$/;

/**
 * A transaction whose first round trip also sets transaction-local settings (`SET LOCAL`, gone at its end), for
 * hot paths where a statement of their own is a measurable share of the work (each round trip to PostgreSQL
 * costs the Node process a socket write and a wake-up). `work` gets the transaction's EntityManager; the
 * transaction commits when it returns and rolls back when it throws. `work` may end the transaction itself
 * with its last statement (preparedQuery's `commit`): nothing more is sent then. A connection whose rollback
 * fails is dropped from the pool rather than reused.
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
    await runner.query(['START TRANSACTION', ...sets].join('; '));
  } catch (err) {
    await drop(err);
    throw err;
  }
  let result: T;
  try {
    result = await work(runner.manager);
    if (inTransaction(client)) await runner.query('COMMIT');
  } catch (err) {
    try {
      if (inTransaction(client)) await runner.query('ROLLBACK');
    } catch (rollbackError) {
      await drop(rollbackError);
      throw err;
    }
    await runner.release();
    throw err;
  }
  await runner.release();
  return result;
}
