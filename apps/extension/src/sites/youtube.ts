import { type SiteReader, type Spot, textOf, within } from './site-reader.js';

const AT_HANDLE = /^\/@([A-Za-z0-9._-]{3,30})\/?$/;

/**
 * youtube.com (Polymer custom elements): channel names under videos, in search results and on watch pages are
 * `ytd-channel-name` with a link to `/@handle`; commenters are `a#author-text` to `/@handle`; a channel page's
 * header (`yt-page-header-view-model`) shows "@handle" as text. Handles are sent with their "@".
 */
export const youtubeReader: SiteReader = {
  site: 'youtube',
  landmarks: ['ytd-app', 'ytd-channel-name', 'yt-page-header-view-model'],
  find(root) {
    const spots: Spot[] = [];
    const seen = new Set<Element>();
    for (const a of within(root, 'ytd-channel-name a[href^="/@"], a#author-text[href^="/@"]')) {
      const m = AT_HANDLE.exec(a.getAttribute('href') ?? '');
      if (!m || seen.has(a)) continue;
      seen.add(a);
      spots.push({ element: a, platform: 'youtube', handle: `@${m[1]}` });
    }
    for (const header of within(root, 'yt-page-header-view-model')) {
      const span = [...header.querySelectorAll('yt-content-metadata-view-model span')].find((s) => /^@[A-Za-z0-9._-]{3,30}$/.test(textOf(s)));
      if (span) spots.push({ element: span, platform: 'youtube', handle: textOf(span) });
    }
    return spots;
  },
};
