import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('all revert with down, leaving no table behind, and apply again', async () => {
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    try {
      const applied = ds.migrations.length;
      for (let i = 0; i < applied; i++) await ds.undoLastMigration({ transaction: 'each' });
      const left = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
      );
      expect(left).toEqual([]);
      const again = await ds.runMigrations({ transaction: 'each' });
      expect(again).toHaveLength(applied);
    } finally {
      await ds.destroy();
    }
  });
});
