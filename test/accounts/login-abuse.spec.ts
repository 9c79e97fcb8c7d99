import { createTestApp, type TestApp } from '../support/test-app.js';
import { codeOf, lastMailTo, logIn, signUpBrand, uniqueEmail } from './accounts-test-helpers.js';

describe('no user enumeration, and login rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signUp = (email: string) =>
    t.graphql(`mutation($i: SignUpInput!) { signUp(input: $i) { message } }`, {
      i: { email, password: 'another long password', name: 'Someone', brandName: 'Some brand' },
    });

  it('answers sign-up identically for a known email, and mails its owner instead', async () => {
    const existing = await signUpBrand(t);
    const fresh = uniqueEmail('fresh');
    const forNew = await signUp(fresh);
    const forKnown = await signUp(existing.email);
    expect(forKnown.status).toBe(forNew.status);
    expect(forKnown.data).toEqual(forNew.data);
    expect(forKnown.errors).toBeUndefined();
    const mail = await lastMailTo(t, existing.email);
    expect(mail!.kind).toBe('accounts.already-registered');
    expect(mail!.text).toMatch(/already has an account/);
    // No second user or brand for the known address.
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [existing.email]);
    expect(rows[0].n).toBe(1);
    // Case does not matter either.
    expect((await signUp(existing.email.toUpperCase())).data).toEqual(forNew.data);
  });

  it('gives one generic error for an unknown email and for a wrong password', async () => {
    const owner = await signUpBrand(t);
    const headers = { 'x-forwarded-for': '10.0.0.1' };
    const unknown = await logIn(t, uniqueEmail('nobody'), 'whatever password', headers);
    const wrong = await logIn(t, owner.email, 'not the password', headers);
    expect(unknown.errors).toEqual(wrong.errors);
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0].message).toBe('Email or password is incorrect.');
    expect(unknown.status).toBe(wrong.status);
  });

  it('limits failed logins per email (across IPs) with RATE_LIMITED and a retry-after', async () => {
    const owner = await signUpBrand(t);
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await logIn(t, owner.email, `wrong ${i}`, { 'x-forwarded-for': `10.1.0.${i}` }))).toBe('UNAUTHENTICATED');
    }
    const limited = await logIn(t, owner.email, owner.password, { 'x-forwarded-for': '10.1.0.99' });
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(800);
    expect(limited.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(Number(limited.headers.get('retry-after'))).toBe(limited.errors![0].extensions.retryAfterSeconds);
    // Once the window has passed (moved back in the database) the right password works again.
    await t.db.pool.query(`UPDATE login_attempts SET attempted_at = attempted_at - interval '16 minutes' WHERE email = $1`, [owner.email]);
    expect((await logIn(t, owner.email, owner.password)).data.logIn.token).toMatch(/^rns_/);
  });

  it('limits failed logins per IP across many emails', async () => {
    const ip = { 'x-forwarded-for': '10.2.0.1' };
    for (let i = 0; i < 30; i++) expect(codeOf(await logIn(t, uniqueEmail('spray'), 'password123', ip))).toBe('UNAUTHENTICATED');
    const owner = await signUpBrand(t);
    expect(codeOf(await logIn(t, owner.email, owner.password, ip))).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect((await logIn(t, owner.email, owner.password, { 'x-forwarded-for': '10.2.0.2' })).data.logIn.token).toBeTruthy();
  });

  it('counts attempts in PostgreSQL, so a second API process sees the same limit', async () => {
    const owner = await signUpBrand(t);
    const { createApiApp } = await import('../../apps/api/src/create-api-app.js');
    const second = await createApiApp(t.config, t.db.url);
    await second.listen(0, '127.0.0.1');
    const url = (await second.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
    try {
      for (let i = 0; i < 5; i++) await logIn(t, owner.email, `wrong ${i}`);
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($i: LogInInput!) { logIn(input: $i) { token } }', variables: { i: { email: owner.email, password: owner.password } } }),
      });
      expect(codeOf(await res.json())).toBe('RATE_LIMITED');
    } finally {
      await second.close();
    }
  });

  it('does not reveal existence through a mail count either: both paths queue exactly one mail', async () => {
    const existing = await signUpBrand(t);
    const fresh = uniqueEmail('count');
    const count = async (email: string) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [email])).rows[0].n;
    const before = await count(existing.email);
    await signUp(existing.email);
    await signUp(fresh);
    expect(await count(existing.email)).toBe(before + 1);
    expect(await count(fresh)).toBe(1);
  });
});
