import { ext } from './browser-api.js';
import { BUILT_IN_MASTODON_INSTANCES, type SiteId } from './sites.js';

/** What the user set on the options page, kept in the extension's local storage (never synced). */
export interface Settings {
  serverUrl: string;
  key: string;
  /** The brand the key belongs to, as the console named it when it handed the key over. */
  brandName: string;
  sites: Record<SiteId, boolean>;
  mastodonInstances: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  key: '',
  brandName: '',
  sites: { bluesky: true, mastodon: true, youtube: true, instagram: true, x: true },
  mastodonInstances: [...BUILT_IN_MASTODON_INSTANCES],
};

export async function readSettings(): Promise<Settings> {
  const stored = (await ext.storage.local.get('settings')) as { settings?: Partial<Settings> };
  const s = stored.settings ?? {};
  return { ...DEFAULT_SETTINGS, ...s, sites: { ...DEFAULT_SETTINGS.sites, ...(s.sites ?? {}) } };
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings()), ...patch };
  await ext.storage.local.set({ settings: next });
  return next;
}

/** "https://renown.example.com/" → "https://renown.example.com"; null when it is not an http(s) URL. */
export function cleanServerUrl(input: string): string | null {
  try {
    const u = new URL(input.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin;
  } catch {
    return null;
  }
}
