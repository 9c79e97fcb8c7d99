import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { generate } from 'selfsigned';
import { findBrowser } from '../../support/find-browser.mjs';

export const EXTENSION_DIR = join(process.cwd(), 'dist', 'extension', 'chromium');
export const SITE_HOSTS = ['bsky.app', 'mastodon.social', 'www.youtube.com', 'www.instagram.com', 'x.com'];

// The console tests' flags (root, no network), plus the extension and the site hosts mapped to loopback.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `npm run build:extension` as the tests need it (a no-op when dist/extension is up to date). */
export function buildExtension(): void {
  execFileSync(process.execPath, ['apps/extension/build.mjs', '--quiet'], { stdio: 'pipe' });
}

export interface SiteServer {
  port: number;
  /** Serves `html` at https://<host><path>. */
  set(host: string, path: string, html: string): void;
  close(): Promise<void>;
}

/** One HTTPS server for every site host, with a certificate made for the run (the browser is told to accept it). */
export async function startSites(): Promise<SiteServer> {
  const pems = await generate([{ name: 'commonName', value: 'renown-test-sites' }], { keySize: 2048 });
  const pages = new Map<string, string>();
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const html = pages.get(`${host}${(req.url ?? '/').split('?')[0]}`);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? '<!doctype html><title>Not found</title><p>Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    set: (host, path, html) => void pages.set(`${host}${path}`, html),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SeenRequest {
  method: string;
  path: string;
  handles: number;
  authorization: string | undefined;
  cookie: string | undefined;
  status: number;
}

export interface RenownProxy {
  url: string;
  seen: SeenRequest[];
  lookups(): SeenRequest[];
  /** While down, every connection is dropped, as a server that is off would. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** A pass-through to the real Renown API that records what the extension sends (and can play a server that is down). */
export async function startRenownProxy(target: string): Promise<RenownProxy> {
  const seen: SeenRequest[] = [];
  let down = false;
  const server = http.createServer((req, res) => {
    if (down) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let handles = 0;
      try {
        handles = JSON.parse(body.toString() || '{}').handles?.length ?? 0;
      } catch {
        handles = 0;
      }
      const headers = { ...req.headers };
      delete headers.host;
      const forward = http.request(`${target}${req.url}`, { method: req.method, headers }, (up) => {
        const entry: SeenRequest = { method: req.method!, path: req.url!, handles, authorization: req.headers.authorization, cookie: req.headers.cookie, status: up.statusCode ?? 0 };
        if (req.url?.startsWith('/v1/')) seen.push(entry);
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    lookups: () => seen.filter((s) => s.method === 'POST' && s.path === '/v1/lookup'),
    setDown: (d) => void (down = d),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Writes the extension's settings as its options page would. */
  configure(settings: Record<string, unknown>): Promise<void>;
  /** Empties the extension's storage (settings, cache, reader reports) so a test starts from nothing. */
  reset(): Promise<void>;
  optionsPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium (headless, new mode) with the built extension loaded and the five sites' hosts served by `sites`. */
export async function launchWithExtension(sites: SiteServer): Promise<ExtensionBrowser> {
  const found = await findBrowser();
  if (!found?.path) throw new Error(`${found?.missing ?? 'No Chromium or Chrome found'}: run the tests with \`npm test\`, which finds or installs one, or set CHROMIUM_PATH`);
  const profile = mkdtempSync(join(tmpdir(), 'renown-extension-'));
  const rules = [...SITE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${sites.port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: found.path,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [...FLAGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, `--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    configure: (settings) => worker.evaluate(async (s) => (globalThis as any).chrome.storage.local.set({ settings: s }), settings),
    reset: () =>
      worker.evaluate(async () => {
        const chrome = (globalThis as any).chrome;
        await chrome.storage.local.clear();
        await chrome.storage.session.clear();
      }),
    async optionsPage() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface ExtensionHarness {
  sites: SiteServer;
  proxy: RenownProxy;
  browser: ExtensionBrowser;
  close(): Promise<void>;
}

/** The built extension in Chromium, the five sites' pages, and a counting proxy in front of the API at `apiUrl`. */
export async function startExtensionHarness(apiUrl: string): Promise<ExtensionHarness> {
  buildExtension();
  const sites = await startSites();
  const proxy = await startRenownProxy(apiUrl);
  const browser = await launchWithExtension(sites);
  return {
    sites,
    proxy,
    browser,
    async close() {
      await browser.close();
      await proxy.close();
      await sites.close();
    },
  };
}
