import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('topic ontology in the database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('holds all 8,033 Klout topics with ids beyond 2^53 kept exactly', async () => {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM topics`);
    expect(rows[0].n).toBe(8033);
    const hobbies = await db.pool.query(`SELECT display_name FROM topics WHERE id = '10000000000000016631'`);
    expect(hobbies.rows[0].display_name).toBe('Hobbies');
  });

  it('links Cars under its parents and names it in every shipped locale', async () => {
    const names = await db.pool.query(`SELECT locale, name FROM topic_names WHERE topic_id = '6986158486011427614' ORDER BY locale`);
    expect(names.rows.map((r) => r.locale)).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it']);
    const children = await db.pool.query(
      `SELECT t.slug FROM topic_edges e JOIN topics t ON t.id = e.child_id WHERE e.parent_id = '6986158486011427614'`,
    );
    expect(children.rows.map((r) => r.slug)).toEqual(expect.arrayContaining(['hybrid-cars', 'luxury-cars']));
  });

  it('stores "automotive" as an alias of Cars and Auto Industry, and IAB names as aliases', async () => {
    const { rows } = await db.pool.query(
      `SELECT t.slug, a.source FROM topic_aliases a JOIN topics t ON t.id = a.topic_id WHERE a.alias = 'automotive' ORDER BY t.slug`,
    );
    expect(rows.map((r) => r.slug)).toEqual(['auto-industry', 'cars']);
    const iab = await db.pool.query(`SELECT count(*)::int AS n FROM topic_aliases WHERE source = 'iab'`);
    expect(iab.rows[0].n).toBeGreaterThan(300);
  });
});
