import { defineCases, notBrandOwned } from '../isolation-harness.js';

/**
 * Influencer profiles (discovery). A profile is assembled from global data computed from public social
 * activity (accounts, influence and audience quality scores, topics, posts, engagement, follower history);
 * nothing in it belongs to a brand (no contacts, notes, lists or campaign state), so any signed-in actor reads it.
 */
export default defineCases({
  domain: 'discovery-profiles',
  cases: {
    'Query.influencerProfile': notBrandOwned('a profile shows global data computed from public activity; no brand-owned rows are read'),
  },
});
