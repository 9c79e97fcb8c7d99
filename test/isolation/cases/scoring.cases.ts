/**
 * Brand-isolation cases for the influence-score operations. Influence scores, explanations, history,
 * person scores and scoring runs are computed from public social data for every account; no brand owns
 * them, so any signed-in actor of any brand may read them. (Topic operations are in topics.cases.ts.)
 */
import { defineCases, notBrandOwned } from '../isolation-harness.js';

export default defineCases({
  domain: 'scoring',
  cases: {
    'Query.accountInfluence': notBrandOwned('an account influence score is computed from public activity; no brand owns it'),
    'Query.personInfluence': notBrandOwned("a person score aggregates the global scores of the person's public accounts"),
    'Query.scoringRuns': notBrandOwned('scoring runs are platform-wide jobs over all accounts, not brand data'),
  },
});
