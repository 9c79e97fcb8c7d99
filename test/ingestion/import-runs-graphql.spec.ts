import { GraphImporter } from '@renown/ingestion';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { fixture } from './support/fixtures.js';

const RUNS = `{ importRuns { id status format file readCount insertedCount quarantinedCount posts { inserted } } }`;
const RUN = `query($id: ID!) { importRun(id: $id) { id status readCount quarantinedCount accounts { inserted updated unchanged } quarantined(limit: 5) { lineOrOffset reason raw } } }`;

describe('import runs in GraphQL', () => {
  let t: TestApp;
  let operator: SignedUp;
  let brandUser: SignedUp;
  let runId: string;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signUpBrand(t);
    await t.db.pool.query(`UPDATE users SET is_operator = true WHERE id = $1`, [operator.userId]);
    await t.authChangesSeen();
    brandUser = await signUpBrand(t);
    const result = await new GraphImporter(t.db.pool).ingestFile(fixture('bluesky/golden_v1.jsonl'));
    runId = result.importRunId;
  });
  afterAll(() => t.close());

  it('shows operators each run with its counts, status and quarantined samples', async () => {
    const list = await t.graphql(RUNS, {}, operator.headers);
    expect(list.errors).toBeUndefined();
    expect(list.data.importRuns).toEqual([
      { id: runId, status: 'SUCCEEDED', format: 'bluesky-jetstream', file: fixture('bluesky/golden_v1.jsonl'), readCount: 10, insertedCount: 18, quarantinedCount: 2, posts: { inserted: 4 } },
    ]);
    const one = await t.graphql(RUN, { id: runId }, operator.headers);
    expect(one.data.importRun).toMatchObject({ id: runId, readCount: 10, quarantinedCount: 2, accounts: { inserted: 10, updated: 0, unchanged: 0 } });
    expect(one.data.importRun.quarantined.map((q: any) => [q.lineOrOffset, q.reason])).toEqual([
      ['6', 'unknown event type: collection "org.hypercerts.claim.activity"'],
      ['7', 'unknown event type: collection "place.stream.broadcast.origin"'],
    ]);
    expect(one.data.importRun.quarantined[0].raw).toContain('org.hypercerts.claim.activity');
  });

  it('answers NOT_FOUND for a run that does not exist', async () => {
    expect(codeOf(await t.graphql(RUN, { id: '999999' }, operator.headers))).toBe('NOT_FOUND');
  });

  it('refuses brand users and anonymous callers', async () => {
    expect(codeOf(await t.graphql(RUNS, {}, brandUser.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql(RUN, { id: runId }, brandUser.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql(RUNS, {}))).toBe('UNAUTHENTICATED');
  });
});
