import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

// No Docker engine runs on the development machines, so the production-like set-up is checked as data:
// the services exist, wait for a healthy database, and get every variable the config validation knows.
describe('docker-compose.yml', () => {
  const compose = load(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as any;

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
