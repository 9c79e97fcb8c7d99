import { jest } from '@jest/globals';
import { BrandRole, SessionsService, type UserActor } from '../../libs/accounts/src/index.js';
import { SessionCache } from '../../libs/accounts/src/sessions/session-cache.js';
import { eventually } from '../support/eventually.js';
import { type ApiOn, createTestApp, listenApi, testConfig, type TestApp } from '../support/test-app.js';
import { addTeamMember, codeOf, logIn, signUpBrand } from './accounts-test-helpers.js';

const ME = '{ me { role user { email } brand { name } } }';
const NO_BRAND_CODE = 'FORBIDDEN';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/**
 * API processes remember sessions for SESSION_CACHE_SECONDS; a change that ends or narrows a session must
 * still take effect in every process, whichever made it. Two API apps on one database stand for two
 * processes; plain SQL on the test's own connection stands for psql or the CLI.
 */
describe('sessions remembered between requests', () => {
  let t: TestApp;
  let other: ApiOn;
  const otherGraphql = (query: string, headers: Record<string, string>) => other.graphql(query, {}, headers);
  const cacheOf = (api: Pick<ApiOn, 'app'>) => api.app.get(SessionCache);

  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: '60' });
    other = await listenApi(testConfig({ SESSION_CACHE_SECONDS: '60' }), t.db.url);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await other.app.close();
    await t.close();
  });

  /** A session both processes have used, and so remember. */
  async function sessionKnownToBoth() {
    const owner = await signUpBrand(t);
    expect((await t.graphql(ME, {}, owner.headers)).data.me.user.email).toBe(owner.email);
    expect((await otherGraphql(ME, owner.headers)).data.me.user.email).toBe(owner.email);
    await eventually(() => cacheOf(t).listening && cacheOf(other).listening, 'both processes listen for changes', 10_000);
    expect((await t.graphql(ME, {}, owner.headers)).data.me).toBeTruthy();
    expect((await otherGraphql(ME, owner.headers)).data.me).toBeTruthy();
    return owner;
  }

  it('a log-out in one process ends the session in the other', async () => {
    const owner = await sessionKnownToBoth();
    expect((await t.graphql('mutation { logOut }', {}, owner.headers)).data.logOut).toBe(true);
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
    await other.app.get(SessionsService).changesSeen();
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

    const demoted = await t.graphql('mutation($u: ID!, $r: BrandRole!) { changeMemberRole(userId: $u, role: $r) { role } }', { u: admin.userId, r: 'MEMBER' }, owner.headers);
    expect(demoted.data.changeMemberRole.role).toBe('MEMBER');
    expect((await t.graphql('mutation($u: ID!) { removeMember(userId: $u) }', { u: member.userId }, owner.headers)).data.removeMember).toBe(true);
    await other.app.get(SessionsService).changesSeen();
    expect(codeOf(await otherGraphql(API_KEYS, admin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await otherGraphql(CAMPAIGNS, member.headers))).toBe(NO_BRAND_CODE);
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
    await other.app.get(SessionsService).changesSeen();
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
    await other.app.get(SessionsService).changesSeen();
    for (const ask of [(h: Record<string, string>) => t.graphql(ME, {}, h), (h: Record<string, string>) => otherGraphql(ME, h)]) {
      expect(codeOf(await ask(secondHeaders))).toBe('UNAUTHENTICATED');
      expect((await ask(owner.headers)).data.me.user.email).toBe(owner.email);
    }
    const RUNS = '{ importRuns(limit: 1) { id } }';
    expect((await otherGraphql(RUNS, owner.headers)).errors).toBeUndefined();
  });

  it('the process that makes a change forgets at once, before any announcement arrives', async () => {
    const owner = await sessionKnownToBoth();
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    expect((await t.graphql('{ campaigns { id } }', {}, member.headers)).data.campaigns).toEqual([]);
    // This process now ignores announcements: only its own forgetting can make the next answers right.
    jest.spyOn(cacheOf(t) as any, 'received').mockImplementation(() => undefined);
    expect((await t.graphql('mutation($u: ID!) { removeMember(userId: $u) }', { u: member.userId }, owner.headers)).data.removeMember).toBe(true);
    expect(codeOf(await t.graphql('{ campaigns { id } }', {}, member.headers))).toBe(NO_BRAND_CODE);
    expect((await t.graphql('mutation { logOut }', {}, owner.headers)).data.logOut).toBe(true);
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
  });

  it('does not remember a lookup that was in flight when the user was forgotten', async () => {
    const cache = cacheOf(t);
    await sessionKnownToBoth();
    const actor: UserActor = { kind: 'user', userId: 'u-1', email: 'a@example.test', sessionId: 's-1', brandId: null, role: BrandRole.MEMBER, isOperator: false };
    const since = cache.begin();
    cache.forgetUser('someone else'); // any forgetting while the lookup ran
    cache.set('key-1', since, actor, 60_000);
    expect(cache.get('key-1')).toBeUndefined();
    cache.set('key-1', cache.begin(), actor, 60_000);
    expect(cache.get('key-1')).toMatchObject({ userId: 'u-1' });
    cache.set('key-2', cache.begin(), actor, 0); // a session with no life left
    expect(cache.get('key-2')).toBeUndefined();
  });

  it('misses no change made while its listening connection is down, and remembers again once it is back', async () => {
    const owner = await sessionKnownToBoth();
    // Hold the reconnection until the change has been made, so it happens with nobody listening.
    let reconnect: (() => void) | undefined;
    for (const api of [t, other]) {
      const cache = cacheOf(api) as any;
      const connect = cache.connect.bind(cache);
      jest.spyOn(cache, 'connect').mockImplementationOnce(() => {
        const previous = reconnect;
        reconnect = () => {
          previous?.();
          connect();
        };
      });
    }
    await t.db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'renown-auth-listener' AND datname = current_database()`);
    await eventually(() => !cacheOf(t).listening && !cacheOf(other).listening && reconnect !== undefined, 'both processes notice the lost connection and try to reconnect', 10_000);
    await sleep(300);
    await t.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [owner.userId]);
    expect(codeOf(await t.graphql(ME, {}, owner.headers))).toBe('UNAUTHENTICATED');
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');

    reconnect!();
    await eventually(() => cacheOf(t).listening && cacheOf(other).listening, 'both processes listen again', 10_000);
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');
    const again = await logIn(t, owner.email, owner.password);
    const headers = { authorization: `Bearer ${again.data.logIn.token}` };
    expect((await otherGraphql(ME, headers)).data.me.user.email).toBe(owner.email);
    expect((await t.graphql('mutation { logOut }', {}, headers)).data.logOut).toBe(true);
    await other.app.get(SessionsService).changesSeen();
    expect(codeOf(await otherGraphql(ME, headers))).toBe('UNAUTHENTICATED');
  });

  it('stops remembering when announcements stop arriving on a connection that still looks open', async () => {
    const owner = await sessionKnownToBoth();
    // As behind a pooler that accepts LISTEN and never delivers: the other process hears nothing any more.
    jest.spyOn(cacheOf(other) as any, 'received').mockImplementation(() => undefined);
    await t.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [owner.userId]);
    await other.app.get(SessionsService).changesSeen(); // its marker does not come back within 2 s: the listener counts as lost
    expect(cacheOf(other).listening).toBe(false);
    expect(codeOf(await otherGraphql(ME, owner.headers))).toBe('UNAUTHENTICATED');
  });

  it('remembers a session no longer than SESSION_CACHE_SECONDS, nor past its expiry', async () => {
    const third = await listenApi(testConfig({ SESSION_CACHE_SECONDS: '2' }), t.db.url);
    const ask = (headers: Record<string, string>) => third.graphql(ME, {}, headers);
    try {
      const owner = await signUpBrand(t);
      expect((await ask(owner.headers)).data.me).toBeTruthy();
      await eventually(() => cacheOf(third).listening, 'the process listens for changes', 10_000);
      expect((await ask(owner.headers)).data.me).toBeTruthy();
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
      expect((await ask(owner.headers)).data.me).toBeTruthy();
      await sleep(2_100);
      expect(codeOf(await ask(owner.headers))).toBe('UNAUTHENTICATED');

      // A session that expires in one second is not served from memory after it expired.
      const soon = await logIn(t, owner.email, owner.password);
      await t.db.pool.query(`UPDATE sessions SET expires_at = now() + interval '1 second' WHERE token_hash = sha256($1::bytea)`, [soon.data.logIn.token]);
      await third.app.get(SessionsService).changesSeen();
      const headers = { authorization: `Bearer ${soon.data.logIn.token}` };
      expect((await ask(headers)).data.me).toBeTruthy();
      await sleep(1_100);
      expect(codeOf(await ask(headers))).toBe('UNAUTHENTICATED');
    } finally {
      await third.app.close();
    }
  });
});
