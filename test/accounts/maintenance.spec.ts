import { DataSource } from 'typeorm';
import { AccountsMaintenanceJobs } from '../../libs/accounts/src/index.js';
import { dataSourceOptions } from '../../libs/core/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { logIn, signUpBrand } from './accounts-test-helpers.js';

describe('accounts clean-up job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('deletes old login attempts and long-dead sessions, keeps live ones', async () => {
    const owner = await signUpBrand(t);
    await logIn(t, owner.email, 'wrong password');
    const old = await logIn(t, owner.email, owner.password);
    await t.db.pool.query(`UPDATE login_attempts SET attempted_at = now() - interval '2 days'`);
    await t.db.pool.query(`UPDATE sessions SET expires_at = now() - interval '31 days' WHERE token_hash = sha256($1::bytea)`, [old.data.logIn.token]);
    const ds = new DataSource(dataSourceOptions(t.db.url));
    await ds.initialize();
    try {
      await new AccountsMaintenanceJobs(ds).prune();
    } finally {
      await ds.destroy();
    }
    const count = async (sql: string) => (await t.db.pool.query(sql)).rows[0].n;
    expect(await count(`SELECT count(*)::int AS n FROM login_attempts`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM sessions`)).toBe(1);
    expect((await t.graphql('{ me { user { email } } }', {}, owner.headers)).data.me.user.email).toBe(owner.email);
  });
});
