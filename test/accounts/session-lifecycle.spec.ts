import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, codeOf, lastMailTo, logIn, signUpBrand, tokenFromLink, uniqueEmail } from './accounts-test-helpers.js';

const ME = '{ me { actorType role user { email emailVerified } brand { name } memberships { role brand { name } } } }';

describe('sign-up, email confirmation, log-in, log-out and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs up a brand with its owner; the emailed link confirms the address and logs in', async () => {
    const email = uniqueEmail('signup');
    const res = await t.graphql(`mutation($i: SignUpInput!) { signUp(input: $i) { message } }`, {
      i: { email, password: 'correct horse battery', name: 'Ana', brandName: 'Acme Motors' },
    });
    expect(res.data.signUp.message).toMatch(/Check your inbox/);
    const mail = await lastMailTo(t, email, 'accounts.verify-email');
    expect(mail!.html).toContain('/verify-email?token=');
    expect(mail!.text).toContain('/verify-email?token=');
    const token = tokenFromLink(mail!.text);

    // Not confirmed yet: the right password is told to confirm first.
    expect(codeOf(await logIn(t, email, 'correct horse battery'))).toBe('FORBIDDEN');

    const verified = await t.graphql(`mutation($t: String!) { verifyEmail(token: $t) { token viewer { role user { emailVerified } brand { name } } } }`, { t: token });
    expect(verified.data.verifyEmail.viewer).toEqual({ role: 'OWNER', user: { emailVerified: true }, brand: { name: 'Acme Motors' } });
    expect(verified.headers.get('set-cookie')).toMatch(/renown_session=rns_[\w-]+;.*HttpOnly.*SameSite=Lax/i);

    const reused = await t.graphql(`mutation($t: String!) { verifyEmail(token: $t) { token } }`, { t: token });
    expect(codeOf(reused)).toBe('BAD_USER_INPUT');

    // Only the hash of the link's token is stored.
    const { rows } = await t.db.pool.query(`SELECT token_hash, used_at FROM email_verifications`);
    expect(rows.every((r) => !r.token_hash.toString('utf8').includes(token))).toBe(true);
    expect(rows.some((r) => r.used_at)).toBe(true);
  });

  it('requires authentication for every non-public operation', async () => {
    const res = await t.graphql(ME);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql(ME, {}, bearer('rns_not-a-real-token')))).toBe('UNAUTHENTICATED');
    const pub = await t.graphql('{ serverInfo { mailMode } }');
    expect(pub.data.serverInfo.mailMode).toBe('local');
  });

  it('logs in with a session cookie or a bearer token, and logs out', async () => {
    const owner = await signUpBrand(t, { brandName: 'Cookie Brand' });
    const res = await logIn(t, owner.email, owner.password);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const viaCookie = await t.graphql(ME, {}, { cookie });
    expect(viaCookie.data.me).toMatchObject({ actorType: 'USER', role: 'OWNER', brand: { name: 'Cookie Brand' } });
    const viaBearer = await t.graphql(ME, {}, bearer(res.data.logIn.token));
    expect(viaBearer.data.me.user.email).toBe(owner.email);

    const out = await t.graphql('mutation { logOut }', {}, { cookie });
    expect(out.data.logOut).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/renown_session=;/);
    expect(codeOf(await t.graphql(ME, {}, { cookie }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql(ME, {}, bearer(res.data.logIn.token)))).toBe('UNAUTHENTICATED');
    // Another session of the same person (from the email confirmation) is untouched.
    expect((await t.graphql(ME, {}, owner.headers)).data.me.user.email).toBe(owner.email);
  });

  it('refuses an expired session', async () => {
    const owner = await signUpBrand(t);
    expect((await t.graphql(ME, {}, owner.headers)).data.me).toBeTruthy();
    await t.db.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [owner.userId]);
    await t.authChangesSeen();
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
  });

  it('sets session expiry from SESSION_TTL_SECONDS', async () => {
    const owner = await signUpBrand(t);
    const { rows } = await t.db.pool.query(`SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM sessions WHERE user_id = $1`, [owner.userId]);
    expect(rows[0].ttl).toBe(t.config.SESSION_TTL_SECONDS);
  });

  it('lists sessions and revokes one, but not somebody else\'s', async () => {
    const owner = await signUpBrand(t);
    const other = await logIn(t, owner.email, owner.password);
    const list = await t.graphql('{ sessions { id current } }', {}, owner.headers);
    expect(list.data.sessions).toHaveLength(2);
    const otherSession = list.data.sessions.find((s: { current: boolean }) => !s.current);
    const stranger = await signUpBrand(t);
    expect(codeOf(await t.graphql('mutation($id: ID!) { revokeSession(id: $id) }', { id: otherSession.id }, stranger.headers))).toBe('NOT_FOUND');
    expect((await t.graphql('mutation($id: ID!) { revokeSession(id: $id) }', { id: otherSession.id }, owner.headers)).data.revokeSession).toBe(true);
    expect(codeOf(await t.graphql(ME, {}, bearer(other.data.logIn.token)))).toBe('UNAUTHENTICATED');
    expect((await t.graphql(ME, {}, owner.headers)).data.me).toBeTruthy();
  });

  it('ends every session when the password changes', async () => {
    const owner = await signUpBrand(t);
    const second = await logIn(t, owner.email, owner.password);
    const changed = await t.graphql(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
      { c: owner.password, n: 'a brand new password' },
      owner.headers,
    );
    expect(changed.data.changePassword.token).toMatch(/^rns_/);
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql(ME, {}, bearer(second.data.logIn.token)))).toBe('UNAUTHENTICATED');
    expect((await t.graphql(ME, {}, bearer(changed.data.changePassword.token))).data.me.user.email).toBe(owner.email);
    expect(codeOf(await logIn(t, owner.email, owner.password))).toBe('UNAUTHENTICATED');
    expect((await logIn(t, owner.email, 'a brand new password')).data.logIn.token).toBeTruthy();
  });

  it('stores passwords as scrypt hashes with their parameters', async () => {
    const owner = await signUpBrand(t, { password: 'my secret words 42' });
    const { rows } = await t.db.pool.query(`SELECT password_hash FROM users WHERE id = $1`, [owner.userId]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain('my secret words 42');
  });
});
