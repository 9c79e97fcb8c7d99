import { seedDemoBrand } from '@renown/accounts';
import { seedDemoCampaign } from '@renown/campaigns';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, onApp } from './campaign-test-helpers.js';

describe('demo campaign (seedDemoCampaign)', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    ds = new DataSource({ type: 'postgres', url: t.db.url });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await t.close();
  });

  it('is idempotent and leaves a claim link a newcomer can follow from /dev/mail', async () => {
    const { brandId } = await seedDemoBrand(ds);
    const first = await seedDemoCampaign(ds, t.config, brandId);
    const second = await seedDemoCampaign(ds, t.config, brandId);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, campaignId: first.campaignId });
    const { rows } = await t.db.pool.query(`SELECT (SELECT count(*)::int FROM campaigns) AS campaigns, (SELECT count(*)::int FROM invitations) AS invitations`);
    expect(rows[0]).toEqual({ campaigns: 1, invitations: 3 });

    const list = await (await fetch(`${t.url}/dev/mail?format=json`)).json();
    const invitation = list.messages.find((m: any) => m.kind === 'campaigns.invitation');
    const message = await (await fetch(`${t.url}/dev/mail/${invitation.id}?format=json`)).json();
    const link = onApp(t, claimLinkIn(message.text));
    expect((await fetch(link)).status).toBe(200);
    const claimed = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept' }) });
    expect(claimed.status).toBe(201);
    expect(await claimed.text()).toMatch(/ACME-SPRING-10\d/);
  });
});
