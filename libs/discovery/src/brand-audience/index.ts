/**
 * Brand audience: a brand's own social accounts, "who matters to us" (personalized PageRank seeded on those
 * accounts, stored by a worker job), and alerts (email digest + signed webhook) when an influential account
 * newly mentions or follows the brand. Public parts: the module, the ranking math, and the webhook
 * signature helpers (a receiver can use `verifySignatureHeader`).
 */
export * from './brand-audience.module.js';
export * from './brand-audience.queues.js';
export * from './who-matters/brand-audience-graph.js';
export * from './who-matters/relative-score.js';
export * from './webhooks/webhook-signature.js';
