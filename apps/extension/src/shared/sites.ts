/** The sites the extension reads, and the Renown platform each one's handles belong to. */
export type SiteId = 'bluesky' | 'mastodon' | 'youtube' | 'instagram' | 'x';
export type Platform = 'bluesky' | 'mastodon' | 'youtube' | 'instagram' | 'twitter';

export const SITES: { id: SiteId; name: string; hosts: string[]; platform: Platform }[] = [
  { id: 'bluesky', name: 'Bluesky (bsky.app)', hosts: ['bsky.app'], platform: 'bluesky' },
  { id: 'mastodon', name: 'Mastodon (the instances you add)', hosts: [], platform: 'mastodon' },
  { id: 'youtube', name: 'YouTube', hosts: ['youtube.com', 'www.youtube.com', 'm.youtube.com'], platform: 'youtube' },
  { id: 'instagram', name: 'Instagram', hosts: ['instagram.com', 'www.instagram.com'], platform: 'instagram' },
  { id: 'x', name: 'X (x.com)', hosts: ['x.com', 'twitter.com', 'mobile.twitter.com'], platform: 'twitter' },
];

/** Mastodon instances the extension reads without being asked for more permissions (it still needs the site on). */
export const BUILT_IN_MASTODON_INSTANCES = ['mastodon.social'];

/** Which site a page host is, given the Mastodon instances the user enabled; null for anything else. */
export function siteOfHost(host: string, mastodonInstances: readonly string[]): SiteId | null {
  const h = host.toLowerCase();
  for (const s of SITES) if (s.hosts.includes(h)) return s.id;
  if (mastodonInstances.map((i) => i.toLowerCase()).includes(h)) return 'mastodon';
  return null;
}

/** A bare host name as a user might type it ("https://fosstodon.org/" → "fosstodon.org"), or null when it is not one. */
export function cleanInstance(input: string): string | null {
  const host = input.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}
