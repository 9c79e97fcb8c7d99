import type { SiteId } from '../shared/sites.js';
import { blueskyReader } from './bluesky.js';
import { instagramReader } from './instagram.js';
import { mastodonReader } from './mastodon.js';
import type { SiteReader } from './site-reader.js';
import { xReader } from './x.js';
import { youtubeReader } from './youtube.js';

export const READERS: Record<SiteId, SiteReader> = {
  bluesky: blueskyReader,
  mastodon: mastodonReader,
  youtube: youtubeReader,
  instagram: instagramReader,
  x: xReader,
};
export type { SiteReader, Spot } from './site-reader.js';
