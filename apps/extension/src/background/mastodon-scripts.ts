import { ext } from '../shared/browser-api.js';
import { readSettings } from '../shared/settings.js';
import { BUILT_IN_MASTODON_INSTANCES } from '../shared/sites.js';

const ID = 'renown-mastodon-instances';

/**
 * Mastodon runs on thousands of hosts: the manifest names only the built-in ones. For each instance the user
 * adds on the options page (and granted access to), the content script is registered at run time.
 */
export async function syncMastodonScripts(): Promise<void> {
  const scripting = ext.scripting;
  if (!scripting?.registerContentScripts) return;
  const { mastodonInstances } = await readSettings();
  const extra = mastodonInstances.filter((h) => !BUILT_IN_MASTODON_INSTANCES.includes(h));
  const granted: string[] = [];
  for (const host of extra) {
    const origin = `https://${host}/*`;
    if (await ext.permissions.contains({ origins: [origin] }).catch(() => false)) granted.push(origin);
  }
  await scripting.unregisterContentScripts({ ids: [ID] }).catch(() => undefined);
  if (granted.length) {
    await scripting.registerContentScripts([{ id: ID, matches: granted, js: ['content.js'], runAt: 'document_idle', persistAcrossSessions: true }]);
  }
}
