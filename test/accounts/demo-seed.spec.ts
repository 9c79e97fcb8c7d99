import { DataSource } from 'typeorm';
import { DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, seedDemoBrand } from '../../libs/accounts/src/index.js';
import { dataSourceOptions } from '../../libs/core/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { logIn } from './accounts-test-helpers.js';

describe('demo brand seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates Acme Motors with a confirmed owner once, and the documented login works', async () => {
    const ds = new DataSource(dataSourceOptions(t.db.url));
    await ds.initialize();
    try {
      const [first, second] = await Promise.all([seedDemoBrand(ds), seedDemoBrand(ds)]);
      expect(first.brandId).toBe(second.brandId);
      expect([first.created, second.created].filter(Boolean)).toHaveLength(1);
      expect((await seedDemoBrand(ds)).created).toBe(false);
    } finally {
      await ds.destroy();
    }
    const res = await logIn(t, DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD);
    expect(res.data.logIn.viewer).toMatchObject({ role: 'OWNER', brand: { name: 'Acme Motors' } });
  });

  // The whole first start (graph, scores, campaign, and the printed lines) is test/foundation/demo-dataset.spec.ts.
});
