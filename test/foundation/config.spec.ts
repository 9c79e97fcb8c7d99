import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../libs/core/src/index.js';

describe('configuration is validated at boot', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL.*smtp:\/\//);
  });

  it('never prints secrets in its messages', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'not-a-key-hunter2' })).toThrow(/STRIPE_SECRET_KEY=\(hidden\)/);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'not-a-key-hunter2' })).not.toThrow(/hunter2/);
  });

  it('requires the webhook secret when Stripe is configured, and switches billing on', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    const c = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' });
    expect(c.billingEnabled).toBe(true);
    expect(loadConfig({}).billingEnabled).toBe(false);
  });
});

describe('an unreachable DATABASE_URL', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: the worst case for a client without a timeout.
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => silent.close(r));
  });

  it('stops the API within 10 seconds with a message naming the server', async () => {
    const port = (silent.address() as { port: number }).port;
    const main = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', main], {
      env: { ...process.env, DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/renown`, LOG_LEVEL: 'silent', SWC_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(output).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${port}/renown (from DATABASE_URL)`);
    expect(output).not.toContain('u:p@');
  }, 30_000);
});
