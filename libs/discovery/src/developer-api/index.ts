/**
 * Developer REST API (/v1): DeveloperApiModule. Its pure parts (score band, deltas, influence-link ranking)
 * are exported for reuse, e.g. by a profile page that wants the same deltas.
 */
export { DeveloperApiModule } from './developer-api.module.js';
export { developerApiCors } from './http/developer-api-cors.js';
export { scoreBand } from './score/score-band.js';
export { computeScoreDeltas, type DailyScore, type ScoreDelta } from './score/score-deltas.js';
export { rankInfluenceLinks, type InfluenceLink, type InfluenceLinks } from './influence/rank-influence-links.js';
export type { AccountResponse, IdentityResponse, InfluenceEntry, InfluenceResponse, ScoreResponse, TopicsResponse, UsageResponse } from './http/developer-api.responses.js';
