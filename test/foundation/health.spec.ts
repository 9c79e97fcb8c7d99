import { createTestApp, type TestApp } from '../support/test-app.js';

describe('health and request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database and the job queue as up, and that billing is off without Stripe keys', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up', queue: 'up', billing: expect.stringContaining('off') });
  });

  it('echoes a sane X-Request-Id and invents one otherwise', async () => {
    const given = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const invented = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers GraphQL errors with stable codes', async () => {
    const res = await t.graphql('{ serverInfo { billingEnabled mailMode } }');
    expect(res.data).toEqual({ serverInfo: { billingEnabled: false, mailMode: 'local' } });
    const bad = await t.graphql('{ noSuchField }');
    expect(bad.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
