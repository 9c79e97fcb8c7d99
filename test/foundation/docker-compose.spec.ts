import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

// No Docker engine runs on the development machines, so the production-like set-up is checked as data:
// the services exist, wait for a healthy database, and get every variable the config validation knows.
describe('docker-compose.yml', () => {
  const compose = resolveMergeKeys(load(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'))) as any;

  it('describes postgres, api, worker and an SMTP catcher', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'api', 'worker', 'mailpit']));
    expect(compose.services.api.ports).toContain('3000:3000');
    expect(compose.services.api.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.worker.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('points the API and the worker at the compose database and mail catcher', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name].environment;
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\/renown$/);
      expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'PUBLIC_URL']));
    }
  });
});

/** Compose honours YAML 1.1 merge keys (`<<: *anchor`); js-yaml 5 reads YAML 1.2, so apply them here. */
function resolveMergeKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveMergeKeys);
  if (!node || typeof node !== 'object') return node;
  const { '<<': base, ...own } = node as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...((resolveMergeKeys(base) as object) ?? {}) };
  for (const [k, v] of Object.entries(own)) merged[k] = resolveMergeKeys(v);
  return merged;
}
