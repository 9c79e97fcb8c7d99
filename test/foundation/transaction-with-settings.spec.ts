import { DataSource } from 'typeorm';
import { dataSourceOptions, preparedQuery, transactionWithSettings } from '../../libs/core/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('transactionWithSettings (and a last statement sent with the COMMIT)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 1 } }).initialize();
    await db.pool.query(`CREATE TABLE tws_probe (n int)`);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('applies its settings inside the transaction only, and commits what the work wrote', async () => {
    const inside = await transactionWithSettings(ds, { synchronous_commit: 'off', max_parallel_workers_per_gather: '0' }, async (em) => {
      await em.query(`INSERT INTO tws_probe VALUES (1)`);
      return (await em.query(`SELECT current_setting('synchronous_commit') AS s, current_setting('max_parallel_workers_per_gather') AS w`))[0];
    });
    expect(inside).toEqual({ s: 'off', w: '0' });
    // The pool has one connection: the same one, back to its own settings.
    expect((await ds.query(`SELECT current_setting('synchronous_commit') AS s`))[0].s).toBe('on');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM tws_probe WHERE n = 1`)).rows[0].n).toBe(1);
  });

  it('rolls back everything when the work fails, and the connection is usable afterwards', async () => {
    await expect(
      transactionWithSettings(ds, { synchronous_commit: 'off' }, async (em) => {
        await em.query(`INSERT INTO tws_probe VALUES (2)`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM tws_probe WHERE n = 2`)).rows[0].n).toBe(0);
    expect((await ds.query(`SELECT 1 AS ok`))[0].ok).toBe(1);
  });

  it('ends with a statement sent together with its COMMIT: what the work wrote is committed, the rows come back', async () => {
    const rows = await transactionWithSettings(ds, { synchronous_commit: 'off' }, async (em) => {
      await em.query(`INSERT INTO tws_probe VALUES (3)`);
      return preparedQuery<{ n: number }>(em, `INSERT INTO tws_probe VALUES ($1) RETURNING n`, [4], { commit: true });
    });
    expect(rows).toEqual([{ n: 4 }]);
    expect((await db.pool.query(`SELECT array_agg(n ORDER BY n) AS ns FROM tws_probe WHERE n IN (3, 4)`)).rows[0].ns).toEqual([3, 4]);
    // Committed once: the connection is out of any transaction and back to its own settings.
    expect((await ds.query(`SELECT current_setting('synchronous_commit') AS s`))[0].s).toBe('on');
  });

  it('rolls back the whole transaction when the statement sent with the COMMIT fails, with that statement\'s error', async () => {
    await expect(
      transactionWithSettings(ds, {}, async (em) => {
        await em.query(`INSERT INTO tws_probe VALUES (5)`);
        return preparedQuery(em, `INSERT INTO tws_probe VALUES ($1::int / 0)`, [6], { commit: true });
      }),
    ).rejects.toThrow(/division by zero/);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM tws_probe WHERE n IN (5, 6)`)).rows[0].n).toBe(0);
    expect((await ds.query(`SELECT 1 AS ok`))[0].ok).toBe(1);
  });

  it('sends what the work does not await at once, answers in order; a bad setting is the error reported, and nothing is kept', async () => {
    const both = await transactionWithSettings(ds, { synchronous_commit: 'off' }, async (em) =>
      Promise.all([em.query(`INSERT INTO tws_probe VALUES (7) RETURNING n`), preparedQuery<{ n: number }>(em, `INSERT INTO tws_probe VALUES ($1) RETURNING n`, [8], { commit: true })]),
    );
    expect(both).toEqual([[{ n: 7 }], [{ n: 8 }]]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM tws_probe WHERE n IN (7, 8)`)).rows[0].n).toBe(2);

    await expect(
      transactionWithSettings(ds, { plan_cache_mode: 'sometimes' }, async (em) => {
        await preparedQuery(em, `INSERT INTO tws_probe VALUES ($1)`, [9]);
      }),
    ).rejects.toThrow(/invalid value for parameter "plan_cache_mode"/);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM tws_probe WHERE n = 9`)).rows[0].n).toBe(0);
    expect((await ds.query(`SELECT 1 AS ok`))[0].ok).toBe(1);
  });

  it('refuses a statement sent with a COMMIT outside a transaction', async () => {
    await expect(preparedQuery(ds, `SELECT 1`, [], { commit: true })).rejects.toThrow(/needs the EntityManager of an open transaction/);
  });

  it('refuses anything that is not a setting name and a plain value', async () => {
    await expect(transactionWithSettings(ds, { 'work_mem; DROP TABLE tws_probe': '1' }, async () => 1)).rejects.toThrow(/Not a setting/);
    await expect(transactionWithSettings(ds, { work_mem: "1'; DROP TABLE tws_probe; --" }, async () => 1)).rejects.toThrow(/Not a setting/);
  });
});
