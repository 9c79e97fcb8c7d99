import { type SiteReader, type Spot, textOf, within } from './site-reader.js';

const SCREEN_NAME = /^@([A-Za-z0-9_]{1,15})$/;

/**
 * x.com: every name block is `data-testid="User-Name"` (posts, replies, quoted posts) or `UserName` (a
 * profile's header), holding the display name and a span "@handle"; follower lists and search results draw
 * `UserCell`s with the same "@handle" span. Renown keeps X accounts under the platform `twitter`.
 */
export const xReader: SiteReader = {
  site: 'x',
  landmarks: ['[data-testid="primaryColumn"]', '[data-testid="User-Name"]', '[data-testid="UserCell"]'],
  find(root) {
    const spots: Spot[] = [];
    for (const block of within(root, '[data-testid="User-Name"], [data-testid="UserName"], [data-testid="UserCell"]')) {
      if (block.matches('[data-testid="UserCell"]') && block.querySelector('[data-testid="User-Name"]')) continue; // read as its User-Name
      const at = [...block.querySelectorAll('span')].find((s) => SCREEN_NAME.test(textOf(s)) && s.children.length === 0);
      if (!at) continue;
      // After the block's first line (the display name) when there is one, else after the "@handle".
      const element = block.matches('[data-testid="UserCell"]') ? (at.closest('a') ?? at) : (block.firstElementChild ?? at);
      spots.push({ element, platform: 'twitter', handle: SCREEN_NAME.exec(textOf(at))![1] });
    }
    return spots;
  },
};
