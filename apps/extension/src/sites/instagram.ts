import { type SiteReader, type Spot, textOf, within } from './site-reader.js';

const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
/** First path segments that are Instagram's own pages, never usernames. */
const RESERVED = new Set(['explore', 'reels', 'reel', 'p', 'accounts', 'direct', 'stories', 'about', 'legal', 'developer', 'tv', 'web', 'emails', 'challenge', 'privacy']);

/**
 * instagram.com (class names are generated, so the reader goes by structure): a username is a link to
 * `/<username>/` whose text is that username, in posts, comments, follower lists and search results under
 * `main`; a profile page's header shows it as the `h2` (or `h1`) in `header section`.
 */
export const instagramReader: SiteReader = {
  site: 'instagram',
  landmarks: ['main[role="main"]', 'main header section'],
  find(root, page) {
    const spots: Spot[] = [];
    for (const a of within(root, 'main a[href^="/"]')) {
      const m = /^\/([^/?#]+)\/$/.exec(a.getAttribute('href') ?? '');
      const name = m?.[1];
      if (!name || !USERNAME.test(name) || RESERVED.has(name.toLowerCase()) || textOf(a) !== name) continue;
      spots.push({ element: a, platform: 'instagram', handle: name });
    }
    const onProfile = /^\/([^/]+)\/?$/.exec(page.path)?.[1];
    for (const title of within(root, 'main header section h2, main header section h1')) {
      const name = textOf(title);
      if (onProfile && name === onProfile && USERNAME.test(name)) spots.push({ element: title, platform: 'instagram', handle: name });
    }
    return spots;
  },
};
