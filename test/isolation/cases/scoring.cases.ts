/*
 * Brand-isolation cases for the influence-score operations (scoring-influence). Influence scores,
 * explanations, history, person scores and scoring runs are computed from public social data for every
 * account, not owned by any brand, so they are readable by any signed-in actor of any brand. The accounts
 * helper defines how test/isolation reads these files; the shape below names each operation, its class and
 * the reason. (Topic operations are listed by scoring-topics.)
 */
export const scoringInfluenceCases = [
  {
    operation: 'accountInfluence',
    kind: 'not-brand-owned',
    query: 'query($id: ID!) { accountInfluence(accountId: $id) { score } }',
    reason: 'An account influence score is global data computed from public activity; no brand owns it.',
  },
  {
    operation: 'personInfluence',
    kind: 'not-brand-owned',
    query: 'query($id: ID!) { personInfluence(personId: $id) { score } }',
    reason: 'A person score aggregates the global scores of their linked public accounts; no brand owns it.',
  },
  {
    operation: 'scoringRuns',
    kind: 'not-brand-owned',
    query: '{ scoringRuns { id stage progress } }',
    reason: 'Scoring runs are platform-wide jobs over all accounts; their progress is not brand data.',
  },
] as const;

export default scoringInfluenceCases;
