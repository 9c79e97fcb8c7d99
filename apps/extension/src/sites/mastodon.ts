import { type SiteReader, type Spot, textOf, within } from './site-reader.js';

const ACCT = /^@([a-z0-9_]+)(?:@([a-z0-9.-]+\.[a-z]{2,}))?$/i;

/**
 * Mastodon's web UI (the same on every instance): each name is a `.display-name` with the account in
 * `.display-name__account` ("@alice" for this instance's people, "@alice@other.example" for others), in
 * statuses, replies, account lists and search results; a profile's header shows it in
 * `.account__header__tabs__name small`. Handles are always sent as user@instance.
 */
export const mastodonReader: SiteReader = {
  site: 'mastodon',
  landmarks: ['#mastodon', '.columns-area', '.status__display-name', '.account__header'],
  find(root, page) {
    const spots: Spot[] = [];
    const acctOf = (text: string) => {
      const m = ACCT.exec(text.trim());
      return m ? `${m[1]}@${(m[2] ?? page.host).toLowerCase()}` : null;
    };
    for (const name of within(root, '.display-name')) {
      const handle = acctOf(textOf(name.querySelector('.display-name__account')));
      if (handle) spots.push({ element: name, platform: 'mastodon', handle });
    }
    for (const small of within(root, '.account__header__tabs__name small')) {
      const handle = acctOf(textOf(small).split(/\s/)[0] ?? '');
      if (handle) spots.push({ element: small, platform: 'mastodon', handle });
    }
    return spots;
  },
};
