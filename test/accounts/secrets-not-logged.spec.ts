import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { tokenFromLink } from './accounts-test-helpers.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

describe('secrets never reach the logs', () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const main = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));
    // The real API process at the most talkative level, its stdout and stderr captured.
    child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', main], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'trace', NODE_ENV: 'development', SWC_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`API did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await db?.drop();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { ...(await res.json()), headers: res.headers };
  };
  const lastMail = async (to: string) => (await db.pool.query(`SELECT text FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [to])).rows[0].text as string;

  it('logs requests and errors without passwords, session tokens, emailed tokens or API keys', async () => {
    const password = 'hunter2-correct-horse-battery';
    const email = 'secret-owner@example.test';
    await gql(`mutation($i: SignUpInput!) { signUp(input: $i) { message } }`, { i: { email, password, name: 'S', brandName: 'Secret Brand' } });
    const verifyToken = tokenFromLink(await lastMail(email));
    const verified = await gql(`mutation($t: String!) { verifyEmail(token: $t) { token } }`, { t: verifyToken });
    const session = verified.data.verifyEmail.token as string;
    const auth = { authorization: `Bearer ${session}` };
    const key = (await gql(`mutation { createApiKey(name: "k") { secret } }`, {}, auth)).data.createApiKey.secret as string;
    await gql(`{ me { brand { id } } }`, {}, { 'x-api-key': key });
    await gql(`{ me { brand { id } } }`, {}, { authorization: `Bearer ${key}` });
    await gql(`{ me { brand { id } } }`, {}, { cookie: `renown_session=${session}` });
    await gql(`mutation($i: LogInInput!) { logIn(input: $i) { token } }`, { i: { email, password: `${password}-wrong` } });
    const logged = await gql(`mutation($i: LogInInput!) { logIn(input: $i) { token } }`, { i: { email, password } });
    await gql(`mutation { inviteTeamMember(email: "secret-invitee@example.test", role: MEMBER) { id } }`, {}, auth);
    const invitationToken = tokenFromLink(await lastMail('secret-invitee@example.test'));
    await gql(`mutation($i: AcceptTeamInvitationInput!) { acceptTeamInvitation(input: $i) { role } }`, {
      i: { token: invitationToken, name: 'I', password: 'invitee-secret-words' },
    });
    const newPassword = 'brand-new-secret-words';
    await gql(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }`, { c: password, n: newPassword }, auth);
    await new Promise((r) => setTimeout(r, 300)); // let the last lines flush

    expect(output).toMatch(/"msg":"request completed"/);
    expect(output).toContain('"url":"/graphql"');
    const secrets = { password, newPassword, session, loginToken: logged.data.logIn.token, key, verifyToken, invitationToken, inviteePassword: 'invitee-secret-words' };
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, found: output.includes(secret) }).toEqual({ name, found: false });
    }
  });
});
