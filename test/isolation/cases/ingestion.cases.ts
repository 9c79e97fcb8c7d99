import { defineCases, notBrandOwned } from '../isolation-harness.js';

/**
 * Ingestion operations (ingestion core). Import runs and their quarantined records are platform-wide operations
 * data about public social data imports; no brand owns them, and only Renown operators may read them.
 */
const operatorsOnly = 'Import runs are platform-wide operations data (public social data imports); no brand owns them; operators only.';

export default defineCases({
  domain: 'ingestion',
  cases: {
    'Query.importRuns': notBrandOwned(operatorsOnly),
    'Query.importRun': notBrandOwned(operatorsOnly),
  },
});
