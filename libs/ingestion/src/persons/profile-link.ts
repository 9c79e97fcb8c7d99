/** An account another profile points to: a platform and a handle or id as the graph stores it. */
export interface ProfileRef {
  platform: 'twitter' | 'bluesky' | 'mastodon' | 'youtube' | 'instagram';
  /** lower-case handle (twitter, bluesky, youtube, instagram), did (bluesky), channel id (youtube) or user@host (mastodon, as its external id) */
  key: string;
  by: 'handle' | 'external_id';
}

const TWITTER_HOSTS = new Set(['twitter.com', 'www.twitter.com', 'mobile.twitter.com', 'x.com', 'www.x.com']);
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com']);
const INSTAGRAM_HOSTS = new Set(['instagram.com', 'www.instagram.com']);
const INSTAGRAM_RESERVED = new Set(['p', 'reel', 'reels', 'explore', 'stories', 'accounts', 'tv', 'direct']);
const TWITTER_RESERVED = new Set(['home', 'i', 'intent', 'search', 'hashtag', 'share', 'explore', 'settings', 'login', 'signup']);

/** The profile a URL points to, when it is the profile page of an account on a platform we import. */
export function profileRefFromUrl(link: string): ProfileRef | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  const host = url.host.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  if (TWITTER_HOSTS.has(host)) {
    if (parts.length !== 1 || TWITTER_RESERVED.has(parts[0].toLowerCase()) || !/^\w{1,15}$/.test(parts[0])) return null;
    return { platform: 'twitter', key: parts[0].toLowerCase(), by: 'handle' };
  }
  if (YOUTUBE_HOSTS.has(host)) {
    if (parts.length === 1 && /^@[\w.-]{3,30}$/.test(parts[0])) return { platform: 'youtube', key: parts[0].slice(1).toLowerCase(), by: 'handle' };
    // Channel ids are case-sensitive: kept as they are.
    if (parts.length === 2 && parts[0] === 'channel' && /^UC[\w-]{22}$/.test(parts[1])) return { platform: 'youtube', key: parts[1], by: 'external_id' };
    return null;
  }
  if (INSTAGRAM_HOSTS.has(host)) {
    if (parts.length !== 1 || INSTAGRAM_RESERVED.has(parts[0].toLowerCase()) || !/^[\w.]{1,30}$/.test(parts[0])) return null;
    return { platform: 'instagram', key: parts[0].toLowerCase(), by: 'handle' };
  }
  if (host === 'bsky.app' && parts[0] === 'profile' && parts.length === 2) {
    const id = parts[1].toLowerCase();
    return id.startsWith('did:') ? { platform: 'bluesky', key: id, by: 'external_id' } : { platform: 'bluesky', key: id, by: 'handle' };
  }
  if (parts.length === 1 && /^@[\w.-]+$/.test(parts[0])) {
    const user = parts[0].slice(1);
    return { platform: 'mastodon', key: (user.includes('@') ? user : `${user}@${host}`).toLowerCase(), by: 'external_id' };
  }
  return null;
}
