import { readFileSync } from 'node:fs';
import { printApiSchema, SCHEMA_PATH } from '../../apps/api/src/print-schema.js';
import { testConfig } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

describe('apps/api/schema.gql', () => {
  it('is exactly what the code generates (run `npm run schema` after changing the API)', async () => {
    const db = await createTestDatabase();
    try {
      const generated = await printApiSchema(testConfig(), db.url);
      expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generated);
    } finally {
      await db.drop();
    }
  });
});
