import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { SessionsService } from '../../libs/accounts/src/index.js';
import { SessionCache } from '../../libs/accounts/src/sessions/session-cache.js';
import { createTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { addTeamMember, codeOf, logIn, signUpBrand } from './accounts-test-helpers.js';

const ME = '{ me { role user { email } brand { name } } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a condition of the process itself (not a speed target): fails after 10 s. */
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await sleep(50);
  if (!ok()) throw new Error(`timed out waiting until ${what}`);
}

/**
 * API processes remember sessions for SESSION_CACHE_SECONDS; a change that ends or narrows a session must
 * still take effect in every process, whichever made it. Two API apps on one database stand for two
 * processes; plain SQL on the test's own connection stands for psql or the CLI.
 */
describe('sessions remembered between requests', () => {
  let t: TestApp;
  let other: NestExpressApplication;
  let otherUrl: string;
  const otherGraphql = async (query: string, headers: Record<string, string>) => {
    const res = await fetch(`${otherUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return { ...(await res.json()), status: res.status };
  };
  const cacheOf = (app: NestExpressApplication) => app.get(SessionCache);

  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: '3' });
    other = await createApiApp(testConfig({ SESSION_CACHE_SECONDS: '3' }), t.db.url);
    await other.listen(0, '127.0.0.1');
    otherUrl = (await other.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  /** A session both processes have used, and so remember. */
  async function sessionKnownToBoth() {
    const owner = await signUpBrand(t);
    expect((await t.graphql(ME, {}, owner.headers)).data.me.user.email).toBe(owner.email);
    expect((await otherGraphql(ME, owner.headers)).data.me.user.email).toBe(owner.email);
    await until('both processes listen for changes', () => cacheOf(t.app).listening && cacheOf(other).listening);
    expect((await t.graphql(ME, {}, owner.headers)).data.me).toBeTruthy();
    expect((await otherGraphql(ME, owner.headers)).data.me).toBeTruthy();
    return owner;
  }

  it('a log-out in one process ends the session in the other', async () => {
    const owner = await sessionKnownToBoth();
    expect((await t.graphql('mutation { logOut }', {}, owner.headers)).data.logOut).toBe(true);
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
    await other.get(SessionsService).changesSeen();
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');
  });

  it('a removed member loses the brand, and a demoted one the role, in the other process too', async () => {
    const owner = await sessionKnownToBoth();
    const admin = await addTeamMember(t, owner.headers, 'ADMIN');
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    // What the session may do comes from the role and brand remembered with it.
    const API_KEYS = '{ apiKeys { id } }';
    const CAMPAIGNS = '{ campaigns { id } }';
    expect((await otherGraphql(API_KEYS, admin.headers)).data.apiKeys).toEqual([]);
    expect((await otherGraphql(CAMPAIGNS, member.headers)).data.campaigns).toEqual([]);

    await t.graphql('mutation($u: ID!, $r: BrandRole!) { changeMemberRole(userId: $u, role: $r) { role } }', { u: admin.userId, r: 'MEMBER' }, owner.headers);
    expect((await t.graphql('mutation($u: ID!) { removeMember(userId: $u) }', { u: member.userId }, owner.headers)).data.removeMember).toBe(true);
    await other.get(SessionsService).changesSeen();
    expect(codeOf(await otherGraphql(API_KEYS, admin.headers))).toBe('FORBIDDEN');
    expect((await otherGraphql(CAMPAIGNS, member.headers)).errors).toBeDefined();
    expect((await otherGraphql(ME, member.headers)).data.me).toMatchObject({ role: null, brand: null });
  });

  it('a password changed in one process logs the old sessions out of the other', async () => {
    const owner = await sessionKnownToBoth();
    const changed = await t.graphql(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
      { c: owner.password, n: 'another long enough password' },
      owner.headers,
    );
    expect(changed.errors).toBeUndefined();
    await other.get(SessionsService).changesSeen();
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');
    expect((await otherGraphql(ME, { authorization: `Bearer ${changed.data.changePassword.token}` })).data.me.user.email).toBe(owner.email);
  });

  it('a revocation or an operator grant made with plain SQL reaches both processes', async () => {
    const owner = await sessionKnownToBoth();
    const second = await logIn(t, owner.email, owner.password);
    const secondHeaders = { authorization: `Bearer ${second.data.logIn.token}` };
    expect((await otherGraphql(ME, secondHeaders)).data.me).toBeTruthy();

    await t.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = sha256($1::bytea)`, [second.data.logIn.token]);
    await t.db.pool.query(`UPDATE users SET is_operator = true WHERE id = $1`, [owner.userId]);
    await t.authChangesSeen();
    await other.get(SessionsService).changesSeen();
    for (const ask of [(h: Record<string, string>) => t.graphql(ME, {}, h), (h: Record<string, string>) => otherGraphql(ME, h)]) {
      expect(codeOf(await ask(secondHeaders))).toBe('UNAUTHENTICATED');
      expect((await ask(owner.headers)).data.me.user.email).toBe(owner.email);
    }
    const RUNS = '{ importRuns(limit: 1) { id } }';
    expect((await otherGraphql(RUNS, owner.headers)).errors).toBeUndefined();
  });

  it('misses no change made while its listening connection is down, and remembers again once it is back', async () => {
    const owner = await sessionKnownToBoth();
    await t.db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'renown-auth-listener' AND datname = current_database()`);
    await until('both processes notice the lost connection', () => !cacheOf(t.app).listening && !cacheOf(other).listening);
    // Announced while nobody listens: both must still refuse the session.
    await t.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [owner.userId]);
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');

    await until('both processes listen again', () => cacheOf(t.app).listening && cacheOf(other).listening);
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');
    const again = await logIn(t, owner.email, owner.password);
    const headers = { authorization: `Bearer ${again.data.logIn.token}` };
    expect((await otherGraphql(ME, headers)).data.me.user.email).toBe(owner.email);
    expect((await t.graphql('mutation { logOut }', {}, headers)).data.logOut).toBe(true);
    await other.get(SessionsService).changesSeen();
    expect(codeOf(await otherGraphql(ME, headers))).toBe('UNAUTHENTICATED');
  });

  it('remembers a session no longer than SESSION_CACHE_SECONDS, nor past its expiry', async () => {
    const owner = await sessionKnownToBoth();
    // A change PostgreSQL does not announce (triggers off, as a restore or replica would): remembered for a
    // while, which shows the memory is in play, but no longer than SESSION_CACHE_SECONDS.
    const client = await t.db.pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [owner.userId]);
      await client.query(`RESET session_replication_role`);
    } finally {
      client.release();
    }
    expect((await otherGraphql(ME, owner.headers)).data.me).toBeTruthy();
    await sleep(3_100);
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');

    // A session that expires in two seconds is not served from memory after it expired.
    const soon = await logIn(t, owner.email, owner.password);
    await t.db.pool.query(`UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE token_hash = sha256($1::bytea)`, [soon.data.logIn.token]);
    const headers = { authorization: `Bearer ${soon.data.logIn.token}` };
    await other.get(SessionsService).changesSeen();
    expect((await otherGraphql(ME, headers)).data.me).toBeTruthy();
    await sleep(2_100);
    expect(codeOf(await otherGraphql(ME, headers))).toBe('UNAUTHENTICATED');
  });
});
