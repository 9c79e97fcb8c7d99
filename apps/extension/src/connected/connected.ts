import { ext } from '../shared/browser-api.js';
import { cleanServerUrl, writeSettings } from '../shared/settings.js';

const PENDING_MAX_MS = 30 * 60 * 1000;

/**
 * Where the console sends the browser after a signed-in user said "Connect": the key comes in the URL's
 * fragment (never sent to any server), is stored, and the fragment is wiped from the address bar and history.
 * A key is taken only for a sign-in the options page started (its `state`, as in OAuth), from that server, in
 * the last 30 minutes: a page that sends the browser here with a key of its own changes nothing.
 */
async function main() {
  const params = new URLSearchParams(location.hash.slice(1));
  history.replaceState(null, '', location.pathname);
  const title = document.getElementById('title')!;
  const message = document.getElementById('message')!;
  const key = params.get('key') ?? '';
  const server = cleanServerUrl(params.get('server') ?? '');
  const { pendingConnect: pending } = (await ext.storage.local.get('pendingConnect')) as { pendingConnect?: { state: string; serverUrl: string; at: number } };
  if (!key || !server) {
    title.textContent = 'Not connected';
    message.textContent = 'This page did not receive a key. Open the extension’s options and choose “Sign in through Renown” again.';
    return;
  }
  if (!pending || pending.state !== params.get('state') || pending.serverUrl !== server || Date.now() - pending.at > PENDING_MAX_MS) {
    title.textContent = 'Not connected';
    message.textContent = 'This key was not asked for from the extension’s options page (or the sign-in took over 30 minutes), so it was not taken. Choose “Sign in through Renown” there again.';
    return;
  }
  await ext.storage.local.remove('pendingConnect');
  const brandName = params.get('brand') ?? '';
  await writeSettings({ serverUrl: server, key, brandName });
  title.textContent = 'Connected';
  message.textContent = `The extension now shows ${brandName || 'your brand'}’s Renown scores from ${server}. You can close this tab.`;
}

void main();
