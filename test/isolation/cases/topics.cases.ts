import { defineCases, notBrandOwned } from '../isolation-harness.js';

/**
 * Topic operations (scoring-topics). The topic ontology, account topics, topic evidence and topic influence are
 * global data computed from public social activity for every account; no brand owns them. Corrections (hide,
 * endorse) are Renown-operator operations on that global data, not on any brand's rows.
 */
const global = 'Topic data is global (the ontology and topics computed from public activity); no brand owns it.';
const operatorOnly = 'An operator correction to global topic data (hide/endorse); no brand owns the rows, and only Renown operators may call it.';

export default defineCases({
  domain: 'topics',
  cases: {
    'Query.topic': notBrandOwned(global),
    'Query.topicSearch': notBrandOwned(global),
    'Query.accountTopics': notBrandOwned(global),
    'Query.hiddenAccountTopics': notBrandOwned(operatorOnly),
    'Mutation.hideAccountTopic': notBrandOwned(operatorOnly),
    'Mutation.unhideAccountTopic': notBrandOwned(operatorOnly),
    'Mutation.endorseAccountTopic': notBrandOwned(operatorOnly),
  },
});
