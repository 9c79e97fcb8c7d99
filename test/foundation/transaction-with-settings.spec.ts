import { DataSource } from 'typeorm';
import { dataSourceOptions, transactionWithSettings } from '../../libs/core/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('transactionWithSettings', () => {
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

  it('refuses anything that is not a setting name and a plain value', async () => {
    await expect(transactionWithSettings(ds, { 'work_mem; DROP TABLE tws_probe': '1' }, async () => 1)).rejects.toThrow(/Not a setting/);
    await expect(transactionWithSettings(ds, { work_mem: "1'; DROP TABLE tws_probe; --" }, async () => 1)).rejects.toThrow(/Not a setting/);
  });
});
