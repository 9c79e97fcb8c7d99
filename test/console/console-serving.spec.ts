import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildConsole } from './support/browser.js';

describe('the API serves the built console', () => {
  let t: TestApp;
  beforeAll(async () => {
    buildConsole();
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers / and any client route with the app shell', async () => {
    for (const path of ['/', '/campaigns/123', '/campaigns/new', '/settings', '/verify-email?token=abc', '/accounts/42', '/lists/7', '/audience', '/discover']) {
      const res = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets for a year and refuses unknown ones and path escapes', async () => {
    const asset = readdirSync(join('dist', 'console', 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await fetch(`${t.url}/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.url}/assets/missing-abc.js`, { headers: { accept: '*/*' } })).status).toBe(404);
    const escape = await fetch(`${t.url}/%2e%2e/%2e%2e/package.json`, { headers: { accept: 'text/html' } });
    expect(await escape.text()).not.toContain('"name": "renown"');
  });

  it('never shadows the API routes', async () => {
    const gql = await t.graphql('{ serverInfo { mailMode } }');
    expect(gql.data).toEqual({ serverInfo: { mailMode: 'local' } });
    const health = await fetch(`${t.url}/health`, { headers: { accept: 'text/html' } });
    expect(await health.text()).not.toContain('<div id="root">');
    const apiPaths = ['/webhooks/none', '/claim/none', '/dev/none', '/api/none', '/unsubscribe/none', '/apply/1', '/creators/none', '/campaigns/1/report.csv', '/shortlists/1/export.csv', '/api/v1/none', '/no-such-page'];
    for (const path of apiPaths) {
      const res = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
      expect(await res.text()).not.toContain('<div id="root">');
    }
  });
});
