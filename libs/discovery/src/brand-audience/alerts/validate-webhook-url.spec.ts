import { webhookUrlProblem } from './validate-webhook-url.js';

describe('webhookUrlProblem', () => {
  it('allows local http receivers outside production only', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', true)).toMatch(/https/);
    expect(webhookUrlProblem('https://127.0.0.1/hook', true)).toMatch(/public address/);
    expect(webhookUrlProblem('https://10.1.2.3/hook', true)).toMatch(/public address/);
    expect(webhookUrlProblem('https://localhost/hook', true)).toMatch(/public host/);
    expect(webhookUrlProblem('https://hooks.example.com/renown', true)).toBeNull();
  });
  it('names what is wrong with a malformed URL', () => {
    expect(webhookUrlProblem('not a url', false)).toMatch(/not a URL/);
    expect(webhookUrlProblem('ftp://example.com/x', false)).toMatch(/https/);
    expect(webhookUrlProblem('https://user:pw@example.com/x', false)).toMatch(/user name/);
  });
});
