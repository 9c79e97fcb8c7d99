import { type SiteReader, type Spot, textOf, within } from './site-reader.js';

const HANDLE = /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i;

/**
 * bsky.app (React Native Web): feed and thread items carry their author in `data-testid="feedItem-by-<handle>"`
 * / `postThreadItem-by-<handle>`; the badge goes after the author's name link. Follower and search lists draw
 * `profileCard-<handle>`; a profile page's header has `profileHeaderDisplayName`, its handle in the URL.
 */
export const blueskyReader: SiteReader = {
  site: 'bluesky',
  landmarks: ['[data-testid^="feedItem-by-"]', '[data-testid^="postThreadItem-by-"]', '[data-testid^="profileCard-"]', '[data-testid="profileHeaderDisplayName"]'],
  find(root, page) {
    const spots: Spot[] = [];
    for (const item of within(root, '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"], [data-testid^="profileCard-"]')) {
      const handle = (item.getAttribute('data-testid') ?? '').replace(/^(feedItem-by-|postThreadItem-by-|profileCard-)/, '');
      if (!HANDLE.test(handle)) continue;
      // The name link: a link to the author's profile that has text (the avatar link holds only an image).
      const links = [...item.querySelectorAll(`a[href="/profile/${handle}"]`)].filter((a) => textOf(a) !== '');
      const element = links[0];
      if (element) spots.push({ element, platform: 'bluesky', handle });
    }
    const header = within(root, '[data-testid="profileHeaderDisplayName"]')[0];
    const onProfile = /^\/profile\/([^/]+)\/?$/.exec(page.path);
    if (header && onProfile && HANDLE.test(decodeURIComponent(onProfile[1]))) {
      spots.push({ element: header, platform: 'bluesky', handle: decodeURIComponent(onProfile[1]) });
    }
    return spots;
  },
};
