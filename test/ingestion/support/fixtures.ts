import { GraphImporter } from '@renown/ingestion';
import type { TestDatabase } from '../../support/test-database.js';

export const fixture = (p: string) => new URL(`../../fixtures/ingestion/${p}`, import.meta.url).pathname;

export function importerFor(db: TestDatabase, jobs = null) {
  return new GraphImporter(db.pool, jobs);
}
