// Influence score (scoring-influence)
export * from './graph/csr-graph.js';
export * from './graph/pagerank.js';
export * from './graph/pagerank-parallel.js';
export * from './influence/influence-signals.js';
export * from './influence/calibrate-score.js';
export * from './influence/compute-influence-score.js';
export * from './influence/pairwise-auc.js';
export * from './influence/peerindex-judgments.js';
export * from './influence/evaluate-pairwise.js';
export * from './influence/fit-influence-weights.js';
export * from './influence/gaming-discounts.js';
export * from './influence/compute-influence-run.js';
export * from './influence/influence-score.store.js';
export * from './influence/influence-scoring-run.js';
export * from './influence/scoring-run.service.js';
export * from './influence/scoring-run.jobs.js';
// Topics (scoring-topics)
