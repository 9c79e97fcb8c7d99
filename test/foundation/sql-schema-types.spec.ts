import { readFileSync } from 'node:fs';
import { generateSqlSchemaTypes, SQL_SCHEMA_TYPES_PATH } from '@renown/core';
import { createTestDatabase } from '../support/test-database.js';

describe('libs/core/src/database/schema.generated.ts', () => {
  it('is exactly what kysely-codegen gives for the migrated database (run `npm run schema:sql` after changing a migration)', async () => {
    const db = await createTestDatabase();
    try {
      const generated = await generateSqlSchemaTypes(db.url);
      expect(readFileSync(SQL_SCHEMA_TYPES_PATH, 'utf8')).toBe(generated);
    } finally {
      await db.drop();
    }
  });
});
