// Public API of the topics half of scoring (discovery resolves typed terms with resolveTopicTerms).
export * from './ontology/normalize-topic-term.js';
export * from './ontology/topic-ontology-files.js';
export * from './ontology/build-topic-aliases.js';
export * from './ontology/topic-lexicon.js';
export * from './ontology/resolve-topic-terms.js';
export * from './classify/classify-post-topics.js';
export * from './classify/tweet-topic-model.js';
export * from './classify/read-tweet-topic-jsonl.js';
export * from './classify/evaluate-topic-labels.js';
export * from './classify/topic-classifier.js';
export * from './expertise/compute-account-topics.js';
export * from './influence/compute-topic-influence.js';
export * from './persistence/topics.repository.js';
export * from './scoring/topic-scoring.service.js';
export * from './scoring/topic-scoring.jobs.js';
export * from './topics.service.js';
export * from './topics.module.js';
