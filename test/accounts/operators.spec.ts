import { DataSource } from 'typeorm';
import { setOperator } from '../../libs/accounts/src/index.js';
import { dataSourceOptions } from '../../libs/core/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { signUpBrand } from './accounts-test-helpers.js';

describe('Renown operators', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await new DataSource(dataSourceOptions(t.db.url)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await t.close();
  });

  it('are made (and unmade) outside the API, by email', async () => {
    const owner = await signUpBrand(t);
    const isOperator = async () => (await t.graphql('{ me { user { isOperator } } }', {}, owner.headers)).data.me.user.isOperator;
    expect(await isOperator()).toBe(false);
    await setOperator(ds, owner.email.toUpperCase(), true);
    expect(await isOperator()).toBe(true);
    await setOperator(ds, owner.email, false);
    expect(await isOperator()).toBe(false);
    await expect(setOperator(ds, 'nobody@example.test', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
