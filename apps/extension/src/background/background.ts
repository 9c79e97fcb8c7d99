import { ext } from '../shared/browser-api.js';
import { type Answer, type ConnectionState, type HandleRef, keyOf, type LookupAnswer, type PageAnswer, type ReaderHealth, type Request } from '../shared/messages.js';
import { readSettings } from '../shared/settings.js';
import { siteOfHost } from '../shared/sites.js';
import { AnswerCache } from './answer-cache.js';
import { RenownClient, RenownRequestError } from './renown-client.js';
import { syncMastodonScripts } from './mastodon-scripts.js';

const BATCH_MAX = 100;
const cache = new AnswerCache();
/** Look-ups in flight, so two tabs asking for the same handle make one request. */
const inFlight = new Map<string, Promise<Answer | undefined>>();

async function setConnection(state: ConnectionState, message?: string) {
  await ext.storage.local.set({ connection: { state, message: message ?? null, at: new Date().toISOString() } });
  if (state === 'key-refused') await cache.clear();
}

async function client(): Promise<RenownClient | null> {
  const s = await readSettings();
  return s.serverUrl && s.key ? new RenownClient(s.serverUrl, s.key) : null;
}

async function lookup(handles: HandleRef[]): Promise<LookupAnswer> {
  const api = await client();
  if (!api) return { state: 'not-connected', answers: [] };
  const answers: Answer[] = [];
  const missing: HandleRef[] = [];
  const waits: Promise<Answer | undefined>[] = [];
  for (const h of handles) {
    const hit = await cache.get(keyOf(h));
    if (hit) answers.push(hit);
    else if (inFlight.has(keyOf(h))) waits.push(inFlight.get(keyOf(h))!);
    else missing.push(h);
  }
  try {
    for (let i = 0; i < missing.length; i += BATCH_MAX) {
      const chunk = missing.slice(i, i + BATCH_MAX);
      const request = api.lookup(chunk);
      const byKey = request.then((rs) => new Map(rs.map((r) => [keyOf(r), r])));
      for (const h of chunk) {
        const one = byKey.then((m) => m.get(keyOf(h))).catch(() => undefined);
        inFlight.set(keyOf(h), one);
        void one.finally(() => inFlight.delete(keyOf(h)));
      }
      const results = await request;
      await cache.put(results);
      answers.push(...results);
    }
    for (const a of await Promise.all(waits)) if (a) answers.push(a);
    await setConnection('ok');
    return { state: 'ok', answers };
  } catch (e) {
    if (e instanceof RenownRequestError) {
      await setConnection(e.state, e.message);
      return { state: e.state, message: e.message, answers: [] };
    }
    throw e;
  }
}

async function fetchOne(handle: HandleRef): Promise<Answer> {
  const api = await client();
  if (!api) return { ...handle, status: 'unknown', message: 'Connect the extension to Renown on its options page.' };
  try {
    const [answer] = await api.lookup([handle], true);
    await cache.put([answer]);
    return answer;
  } catch (e) {
    if (e instanceof RenownRequestError) await setConnection(e.state, e.message);
    return { ...handle, status: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

async function handle(req: Request): Promise<unknown> {
  switch (req.type) {
    case 'page': {
      const s = await readSettings();
      const site = siteOfHost(req.host, s.mastodonInstances);
      const answer: PageAnswer = { site, enabled: !!site && s.sites[site] && !!s.serverUrl && !!s.key, serverUrl: s.serverUrl };
      return answer;
    }
    case 'lookup':
      return lookup(req.handles.slice(0, 1000));
    case 'fetch':
      return fetchOne(req.handle);
    case 'lists': {
      const api = await client();
      if (!api) return { error: 'Connect the extension to Renown on its options page.' };
      try {
        return { lists: await api.lists() };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    }
    case 'add-to-list': {
      const api = await client();
      if (!api) return { ok: false, message: 'Connect the extension to Renown on its options page.' };
      try {
        const res = await api.addToList(req.listId, req.accountId);
        return { ok: true, message: res.added ? 'Added to “{list}”.' : 'Already on “{list}”.' };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
    }
    case 'reader-report': {
      const { readers } = (await ext.storage.local.get('readers')) as { readers?: Record<string, ReaderHealth> };
      const next = { ...(readers ?? {}), [req.site]: { site: req.site, host: req.host, ok: req.ok, found: req.found, problem: req.problem, at: new Date().toISOString() } };
      await ext.storage.local.set({ readers: next });
      return { ok: true };
    }
    case 'status': {
      const api = await client();
      if (!api) {
        await setConnection('not-connected');
        return { state: 'not-connected' };
      }
      try {
        const lists = await api.lists();
        await setConnection('ok');
        return { state: 'ok', lists: lists.length };
      } catch (e) {
        const state = e instanceof RenownRequestError ? e.state : 'server-down';
        const message = e instanceof Error ? e.message : String(e);
        await setConnection(state, message);
        return { state, message };
      }
    }
  }
}

ext.runtime.onMessage.addListener((req: Request, _sender, reply) => {
  handle(req).then(reply, (e) => reply({ error: e instanceof Error ? e.message : String(e) }));
  return true; // the answer comes asynchronously
});

ext.action?.onClicked.addListener(() => void ext.runtime.openOptionsPage());

// Settings changed (a new key, another server, Mastodon instances): old answers and scripts go.
ext.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes.settings) return;
  const before = changes.settings.oldValue as { serverUrl?: string; key?: string } | undefined;
  const after = changes.settings.newValue as { serverUrl?: string; key?: string } | undefined;
  if (before?.serverUrl !== after?.serverUrl || before?.key !== after?.key) void cache.clear();
  void syncMastodonScripts();
});
ext.runtime.onStartup?.addListener(() => void syncMastodonScripts());
ext.runtime.onInstalled?.addListener(() => void syncMastodonScripts());
