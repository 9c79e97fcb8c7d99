/**
 * Discovery: who to work with. Topic search with an explained interpretation, influencer profiles, audience
 * quality, influence relative to a brand's own audience, shortlists and lookalikes, and the developer REST API.
 * Each feature is its own Nest module under this folder; this file exports their public parts.
 */
export * from './discovery.error.js';
export * from './search/index.js';
export * from './developer-api/index.js';
export * from './brand-audience/index.js';
export * from './lists/index.js';
export * from './audience/index.js';
export * from './profiles/index.js';
