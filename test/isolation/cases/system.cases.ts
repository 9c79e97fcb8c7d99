import { defineCases, publicOperation } from '../isolation-harness.js';

/** apps/api/src/system: server-wide facts. See accounts.cases.ts for how cases work. */
export default defineCases({
  domain: 'system',
  cases: {
    'Query.serverInfo': publicOperation('how the server is set up (billing on/off, mail mode); holds no brand data'),
  },
});
