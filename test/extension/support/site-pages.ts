/*
 * Local copies of the five sites' page structure, hand-made to follow the real sites' markup where it carries
 * handles (the parts each reader in apps/extension/src/sites relies on), with text and layout around them so a
 * page looks and scrolls like the real one. Served over HTTPS under the real host names (the browser maps them
 * to loopback), so the extension's content script runs on them exactly as it would on the site.
 */

export interface PagePerson {
  handle: string;
  name: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const shell = (title: string, css: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{margin:0;font:15px/20px system-ui,sans-serif;color:#0f1419}${css}</style></head>
<body>${body}</body></html>`;

const POST_CSS = `.post{display:flex;gap:10px;padding:12px 16px;border-bottom:1px solid #e5e7eb;max-width:600px}
.avatar{width:40px;height:40px;border-radius:50%;background:#cbd5e1;flex:none}.meta{white-space:nowrap}.text{margin-top:2px}`;

/** bsky.app: a home timeline (feedItem-by-<handle>) or a profile (profileHeaderDisplayName + the author's posts). */
export function blueskyPage(people: PagePerson[], opts: { profile?: PagePerson } = {}): string {
  const items = people
    .map(
      (p, i) => `<div data-testid="feedItem-by-${esc(p.handle)}" class="post" role="link" tabindex="0">
  <a href="/profile/${esc(p.handle)}" aria-label="${esc(p.name)}"><div class="avatar"></div></a>
  <div><div class="meta"><a href="/profile/${esc(p.handle)}" style="font-weight:700;color:inherit;text-decoration:none"><span>${esc(p.name)}</span></a>
  <span style="color:#687684">@${esc(p.handle)} · ${i + 1}h</span></div>
  <div data-testid="postText" class="text">Post ${i + 1}: test drive notes, charging stops and a photo of the dashboard.</div></div></div>`,
    )
    .join('\n');
  const header = opts.profile
    ? `<div data-testid="profileView"><div data-testid="profileHeaderDisplayName" style="font-size:28px;line-height:34px;font-weight:800">${esc(opts.profile.name)}</div><div>@${esc(opts.profile.handle)}</div></div>`
    : '';
  return shell('Bluesky', POST_CSS, `<div id="root"><main style="margin:0 auto;max-width:600px">${header}${items}</main></div>`);
}

/** A Mastodon web UI column of statuses; `person.handle` is user@instance, shown as @user when local. */
export function mastodonPage(host: string, people: PagePerson[], opts: { profile?: PagePerson } = {}): string {
  const acct = (handle: string) => {
    const [user, instance] = handle.split('@');
    return instance === host ? `@${user}` : `@${handle}`;
  };
  const statuses = people
    .map(
      (p, i) => `<article class="status" style="padding:12px 16px;border-bottom:1px solid #393f4f">
  <div class="status__info"><a href="https://${esc(host)}/${esc(acct(p.handle))}" class="status__display-name" title="${esc(acct(p.handle))}">
  <div class="status__avatar"><div class="account__avatar" style="width:46px;height:46px;background:#666;border-radius:4px"></div></div>
  <span class="display-name"><bdi><strong class="display-name__html">${esc(p.name)}</strong></bdi> <span class="display-name__account">${esc(acct(p.handle))}</span></span></a></div>
  <div class="status__content"><p>Toot ${i + 1}: a long weekend with the new EV and its charging map.</p></div></article>`,
    )
    .join('\n');
  const header = opts.profile
    ? `<div class="account__header"><div class="account__header__tabs__name"><h1><bdi><span class="emojify">${esc(opts.profile.name)}</span></bdi> <small>${esc(acct(opts.profile.handle))}</small></h1></div></div>`
    : '';
  return shell('Mastodon', '.status{max-width:600px}.display-name__account{color:#8c8dff}', `<div id="mastodon" class="app-holder"><div class="columns-area"><div class="column">${header}${statuses}</div></div></div>`);
}

/** youtube.com: a watch page's owner, related videos (ytd-channel-name) and comments (a#author-text). */
export function youtubePage(owner: PagePerson, related: PagePerson[], commenters: PagePerson[], opts: { channelHeader?: PagePerson } = {}): string {
  const channelName = (p: PagePerson) =>
    `<ytd-channel-name id="channel-name"><div id="container"><div id="text-container"><yt-formatted-string id="text" class="ytd-channel-name"><a class="yt-simple-endpoint" href="/@${esc(p.handle)}">${esc(p.name)}</a></yt-formatted-string></div></div></ytd-channel-name>`;
  const header = opts.channelHeader
    ? `<yt-page-header-view-model><h1>${esc(opts.channelHeader.name)}</h1><yt-content-metadata-view-model><div><span>@${esc(opts.channelHeader.handle)}</span><span> • 1.2M subscribers</span></div></yt-content-metadata-view-model></yt-page-header-view-model>`
    : '';
  return shell(
    'YouTube',
    'ytd-channel-name,yt-formatted-string{display:inline}.video{padding:8px 0}a{color:inherit;text-decoration:none}',
    `<ytd-app><div id="content">${header}
  <ytd-watch-metadata><div id="owner"><ytd-video-owner-renderer>${channelName(owner)}<div id="owner-sub-count">812K subscribers</div></ytd-video-owner-renderer></div></ytd-watch-metadata>
  <div id="related">${related.map((p, i) => `<ytd-compact-video-renderer class="video"><h3>Video ${i + 1}: 1,000 km in an EV</h3>${channelName(p)}</ytd-compact-video-renderer>`).join('\n')}</div>
  <ytd-comments id="comments">${commenters
    .map((p) => `<ytd-comment-view-model><div id="header-author"><h3><a id="author-text" class="yt-simple-endpoint" href="/@${esc(p.handle)}"><span>@${esc(p.handle)}</span></a></h3></div><div id="content-text">Great review.</div></ytd-comment-view-model>`)
    .join('\n')}</ytd-comments></div></ytd-app>`,
  );
}

/** instagram.com: a profile header (header section h2) and a post's comments (links to /<username>/). */
export function instagramPage(profile: PagePerson, commenters: PagePerson[]): string {
  return shell(
    'Instagram',
    'a{color:inherit;text-decoration:none;font-weight:600}li{padding:6px 0}',
    `<div id="mount_0_0_x1"><div><section><main class="x78zum5" role="main"><div class="xvbhtw8">
  <header class="x1qjc9v5"><section class="x1xdureb"><div><h2 class="x1lliihq" dir="auto">${esc(profile.handle)}</h2></div><div><span>1,234 posts</span> <span>98.1K followers</span></div></section></header>
  <article><div><ul class="x78zum5">${commenters
    .map((p) => `<li><div class="x9f619"><span class="xt0psk2"><a class="x1i10hfl" href="/${esc(p.handle)}/" role="link" tabindex="0">${esc(p.handle)}</a></span> <span>Love this build!</span></div></li>`)
    .join('\n')}</ul></div>
  <a href="/explore/">explore</a> <a href="/p/C1abc/">post</a></article></div></main></section></div></div>`,
  );
}

/** x.com: a timeline of posts (User-Name blocks) and a follower list (UserCell). */
export function xPage(posters: PagePerson[], followers: PagePerson[] = []): string {
  const userName = (p: PagePerson) =>
    `<div data-testid="User-Name" style="display:flex;gap:4px"><div><a href="/${esc(p.handle)}" role="link"><span>${esc(p.name)}</span></a></div><div><a href="/${esc(p.handle)}" role="link" tabindex="-1"><span>@${esc(p.handle)}</span></a><span>·</span><time>2h</time></div></div>`;
  return shell(
    'X',
    'article{padding:12px 16px;border-bottom:1px solid #eff3f4;max-width:600px}a{color:inherit;text-decoration:none}',
    `<div id="react-root"><main role="main"><div data-testid="primaryColumn">
  ${posters.map((p, i) => `<article data-testid="tweet" role="article">${userName(p)}<div data-testid="tweetText">Post ${i + 1} about the new hatchback.</div></article>`).join('\n')}
  ${followers.map((p) => `<div data-testid="UserCell" role="button" style="padding:12px 16px"><a href="/${esc(p.handle)}" role="link"><span>${esc(p.name)}</span></a><div><a href="/${esc(p.handle)}" role="link" tabindex="-1"><span>@${esc(p.handle)}</span></a></div></div>`).join('\n')}
  </div></main></div>`,
  );
}

/** A bsky.app page after a redesign the reader does not know: no feedItem-by-, no profileHeaderDisplayName. */
export function changedBlueskyPage(people: PagePerson[]): string {
  return shell(
    'Bluesky',
    POST_CSS,
    `<div id="root"><main>${people.map((p) => `<section class="post-card" data-author="${esc(p.handle)}"><a href="/u/${esc(p.handle)}">${esc(p.name)}</a><p>New look, same posts.</p></section>`).join('')}</main></div>`,
  );
}
