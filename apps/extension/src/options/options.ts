import { ext } from '../shared/browser-api.js';
import type { ReaderHealth } from '../shared/messages.js';
import { cleanServerUrl, readSettings, writeSettings } from '../shared/settings.js';
import { BUILT_IN_MASTODON_INSTANCES, cleanInstance, SITES, type SiteId } from '../shared/sites.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function ask<T>(req: unknown): Promise<T> {
  return new Promise((resolve) => ext.runtime.sendMessage(req, (a: T) => resolve(a)));
}

async function showConnection() {
  const s = await readSettings();
  const p = $('connection');
  p.className = '';
  if (!s.serverUrl || !s.key) {
    p.textContent = 'Not connected: give the Renown server and sign in, or paste an extension key.';
    return;
  }
  p.textContent = `Checking ${s.serverUrl}…`;
  const res = await ask<{ state: string; message?: string; lists?: number }>({ type: 'status' });
  if (res.state === 'ok') {
    p.className = 'ok';
    p.textContent = `Connected to ${s.brandName ? `${s.brandName} at ` : ''}${s.serverUrl}: ${res.lists} list${res.lists === 1 ? '' : 's'} to add people to.`;
  } else {
    p.className = 'problem';
    p.textContent = res.state === 'key-refused' ? `Renown refused the key (${res.message ?? 'revoked or wrong'}). Sign in again or paste a new key.` : (res.message ?? `The Renown server at ${s.serverUrl} did not answer.`);
  }
}

async function showSites() {
  const s = await readSettings();
  const box = $('sites');
  box.querySelectorAll('label').forEach((l) => l.remove());
  for (const site of SITES) {
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', checked: s.sites[site.id], name: site.id });
    input.addEventListener('change', async () => {
      const now = await readSettings();
      await writeSettings({ sites: { ...now.sites, [site.id as SiteId]: input.checked } });
    });
    label.append(input, site.name);
    box.append(label);
  }
  const list = $('instances');
  list.replaceChildren();
  for (const host of s.mastodonInstances) {
    const li = document.createElement('li');
    li.append(host);
    if (!BUILT_IN_MASTODON_INSTANCES.includes(host)) {
      const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Remove' });
      remove.setAttribute('aria-label', `Remove ${host}`);
      remove.addEventListener('click', async () => {
        const now = await readSettings();
        await writeSettings({ mastodonInstances: now.mastodonInstances.filter((h) => h !== host) });
        await ext.permissions.remove({ origins: [`https://${host}/*`] }).catch(() => false);
        await showSites();
      });
      li.append(' ', remove);
    }
    list.append(li);
  }
}

async function showReaders() {
  const { readers } = (await ext.storage.local.get('readers')) as { readers?: Record<string, ReaderHealth> };
  const body = $('readers').querySelector('tbody')!;
  body.replaceChildren();
  for (const site of SITES) {
    const r = readers?.[site.id];
    const tr = document.createElement('tr');
    tr.dataset.site = site.id;
    const state = document.createElement('td');
    const last = document.createElement('td');
    if (!r) state.textContent = 'not used yet';
    else if (r.ok) {
      state.className = 'ok';
      state.textContent = 'working';
      last.textContent = `${r.host}, ${when(r.at)}: ${r.found} handle${r.found === 1 ? '' : 's'}`;
    } else {
      state.className = 'failed';
      state.textContent = 'failed';
      last.textContent = `${r.host}, ${when(r.at)}: ${r.problem ?? 'the page was not what it knows'}. Badges are off there until the extension is updated.`;
    }
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = site.name;
    tr.append(name, state, last);
    body.append(tr);
  }
}

async function init() {
  const s = await readSettings();
  $<HTMLInputElement>('server').value = s.serverUrl;
  $<HTMLInputElement>('key').value = s.key;

  $('connect-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const serverUrl = cleanServerUrl($<HTMLInputElement>('server').value);
    if (!serverUrl) {
      $('connection').textContent = 'The Renown server is a web address such as https://renown.example.com.';
      return;
    }
    await writeSettings({ serverUrl, key: $<HTMLInputElement>('key').value.trim() });
    await showConnection();
  });
  $('sign-in').addEventListener('click', async () => {
    const serverUrl = cleanServerUrl($<HTMLInputElement>('server').value);
    if (!serverUrl) {
      $('connection').textContent = 'Give the Renown server first, such as https://renown.example.com.';
      $<HTMLInputElement>('server').focus();
      return;
    }
    await writeSettings({ serverUrl });
    // Like OAuth's state: the connected page takes a key only for a sign-in started here, to this server.
    const state = crypto.randomUUID();
    await ext.storage.local.set({ pendingConnect: { state, serverUrl, at: Date.now() } });
    const back = ext.runtime.getURL('connected.html');
    const browser = navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium';
    await ext.tabs.create({ url: `${serverUrl}/extension/connect?return=${encodeURIComponent(back)}&browser=${browser}&state=${state}` });
  });
  $('disconnect').addEventListener('click', async () => {
    await writeSettings({ key: '', brandName: '' });
    $<HTMLInputElement>('key').value = '';
    await showConnection();
  });
  $('instance-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const host = cleanInstance($<HTMLInputElement>('instance').value);
    const note = $('instance-note');
    if (!host) {
      note.textContent = 'An instance is a host name such as fosstodon.org.';
      return;
    }
    // Reading another instance needs the browser's permission for that site, asked for here (one click).
    const granted = BUILT_IN_MASTODON_INSTANCES.includes(host) || (await ext.permissions.request({ origins: [`https://${host}/*`] }).catch(() => false));
    if (!granted) {
      note.textContent = `The browser did not allow the extension on ${host}; nothing was added.`;
      return;
    }
    const now = await readSettings();
    if (!now.mastodonInstances.includes(host)) await writeSettings({ mastodonInstances: [...now.mastodonInstances, host] });
    $<HTMLInputElement>('instance').value = '';
    note.textContent = `Added ${host}: reload its tabs to see badges.`;
    await showSites();
  });
  ext.storage.onChanged.addListener((changes) => {
    if (changes.readers) void showReaders();
    if (changes.settings) {
      const next = changes.settings.newValue as { key?: string; serverUrl?: string } | undefined;
      const before = changes.settings.oldValue as { key?: string; serverUrl?: string } | undefined;
      if (next?.key !== before?.key) {
        $<HTMLInputElement>('key').value = next?.key ?? '';
        void showConnection();
      }
    }
  });
  await Promise.all([showConnection(), showSites(), showReaders()]);
}

void init();
