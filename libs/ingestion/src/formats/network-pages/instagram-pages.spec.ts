import type { ParseOutcome } from '../../model/graph-observation.js';
import { networkPagesFormat, parseNetworkPage } from '../network-pages.parser.js';

const URL = 'https://graph.facebook.com/v26.0/17841400000000001?fields=business_discovery.username(ev_julia)%7B...%7D&access_token=redacted';
const IG = '17841405822304914';
const page = (body: unknown, extra: Record<string, unknown> = {}) => ({ network: 'instagram', method: 'business_discovery', url: URL, fetchedAt: '2026-12-01T10:00:00.000Z', body, ...extra });

const media = [
  { id: '18027939643230671', caption: 'Range test in the cold ❄️ #EV #WinterDriving https://link.example/x', comments_count: 41, like_count: 1204, media_type: 'VIDEO', media_product_type: 'REELS', permalink: 'https://www.instagram.com/reel/C1aaaaaaaaa/', timestamp: '2026-11-28T18:04:11+0000' },
  { id: '18027939643230672', caption: 'New wheels', comments_count: 3, media_type: 'IMAGE', media_product_type: 'FEED', permalink: 'https://www.instagram.com/p/C1bbbbbbbbb/', timestamp: '2026-11-20T09:00:00+0000' },
  { id: '18027939643230673', caption: null, comments_count: 0, like_count: 0, media_type: 'CAROUSEL_ALBUM', media_product_type: 'FEED', permalink: 'https://www.instagram.com/p/C1ccccccccc/', timestamp: '2026-11-10T09:00:00+0000' },
  { id: '18027939643230674', caption: 'Old IGTV #1', comments_count: 2, like_count: 20, media_type: 'VIDEO', media_product_type: 'FEED', permalink: 'https://www.instagram.com/p/C1ddddddddd/', timestamp: '2026-11-01T09:00:00+0000' },
];
const profile = {
  business_discovery: {
    id: IG, username: 'EV_Julia', name: 'Julia Winter', biography: 'EV road trips. Reviews: https://julia.example/reviews', website: 'https://julia.example',
    followers_count: 48210, follows_count: 312, media_count: 1290,
    media: { data: media, paging: { cursors: { before: 'QVFIUmxx', after: 'QVFIUnyy' } } },
  },
  id: '17841400000000001',
};

function ok(o: ParseOutcome) {
  if (!o.ok) throw new Error(`refused: ${o.reason}`);
  return { ...o.items, rejected: o.rejected ?? [] };
}

describe('network-pages format: Instagram Business Discovery', () => {
  it('maps the profile to an account keyed by its IG user id, with links, counts and details', () => {
    const items = ok(parseNetworkPage(page(profile)));
    expect(items.accounts).toEqual([
      {
        platform: 'instagram', externalId: IG, stub: false, handle: 'ev_julia', displayName: 'Julia Winter', bio: 'EV road trips. Reviews: https://julia.example/reviews',
        links: ['https://julia.example', 'https://julia.example/reviews'], followersCount: '48210', followingCount: '312', postsCount: '1290',
        details: { website: 'https://julia.example', mediaCount: 1290 }, observedAt: '2026-12-01T10:00:00.000Z',
      },
    ]);
    expect(items.interactions).toEqual([]);
  });

  it('maps each media to a post: caption, hashtags, counts (a hidden like count is null, never 0), permalink and kind', () => {
    const items = ok(parseNetworkPage(page(profile)));
    expect(items.posts[0]).toEqual({
      platform: 'instagram', externalId: '18027939643230671', stub: false, authorExternalId: IG, postedAt: '2026-11-28T18:04:11.000Z',
      text: 'Range test in the cold ❄️ #EV #WinterDriving https://link.example/x', hashtags: ['ev', 'winterdriving'], urls: ['https://www.instagram.com/reel/C1aaaaaaaaa/'],
      likeCount: '1204', replyCount: '41', annotations: [{ media: { kind: 'reel', permalink: 'https://www.instagram.com/reel/C1aaaaaaaaa/' } }], observedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(items.posts.map((p) => [p.likeCount, p.replyCount, (p.annotations![0] as any).media.kind, p.hashtags])).toEqual([
      ['1204', '41', 'reel', ['ev', 'winterdriving']],
      [null, '3', 'image', []],
      ['0', '0', 'carousel', []],
      ['20', '2', 'video', []],
    ]);
  });

  it('reads a media continuation page (media.after) as more posts of a stub account', () => {
    const items = ok(parseNetworkPage(page({ business_discovery: { id: IG, username: 'ev_julia', media: { data: media.slice(0, 2), paging: { cursors: { before: 'a' } } } }, id: '1' })));
    expect(items.accounts).toEqual([{ platform: 'instagram', externalId: IG, stub: true, handle: 'ev_julia' }]);
    expect(items.posts.map((p) => p.externalId)).toEqual(['18027939643230671', '18027939643230672']);
  });

  it('rejects bad media one by one with reasons, and keeps the rest', () => {
    const bad = [{ caption: 'no id', media_type: 'IMAGE', timestamp: '2026-11-01T09:00:00+0000' }, { id: '2', media_type: 'IMAGE', timestamp: 'yesterday' }, { id: '3', media_type: 'HOLOGRAM', timestamp: '2026-11-01T09:00:00+0000' }, { id: '4', media_type: 'IMAGE', like_count: 'lots', timestamp: '2026-11-01T09:00:00+0000' }];
    const body = { ...profile, business_discovery: { ...profile.business_discovery, media: { data: [...media.slice(0, 1), ...bad] } } };
    const items = ok(parseNetworkPage(page(body)));
    expect(items.posts.map((p) => p.externalId)).toEqual(['18027939643230671']);
    expect(items.rejected.map((r) => r.reason.replace(` (${URL})`, ''))).toEqual([
      'business_discovery item without a media "id"',
      'business_discovery item 2 without a valid "timestamp"',
      'business_discovery item 3 of an unknown media_type "HOLOGRAM"',
      'business_discovery item 4 with a like_count or comments_count that is not a count',
    ]);
  });

  it('refuses pages not in the documented shape', () => {
    const reason = (body: unknown) => {
      const o = parseNetworkPage(page(body));
      return o.ok ? 'accepted' : o.reason.replace(` (${URL})`, '');
    };
    expect(reason({ id: '1' })).toBe('business_discovery page without a "business_discovery" object');
    expect(reason({ business_discovery: { username: 'x' }, id: '1' })).toBe('business_discovery page without "business_discovery.id" (the IG user id)');
    expect(reason({ business_discovery: { id: IG, media: [] }, id: '1' })).toBe('business_discovery page with a "media" that is not an object { data, paging }');
    expect(reason({ business_discovery: { id: IG, media: { paging: {} } }, id: '1' })).toBe('business_discovery page without a "data" list');
    expect(reason({ error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'A1' } })).toBe(
      'business_discovery page is an error answer: Invalid OAuth access token - Cannot parse access token (code 190)',
    );
    // A continuation page whose every media is unusable has nothing to give.
    expect(reason({ business_discovery: { id: IG, media: { data: [{ id: '9' }] } }, id: '1' })).toMatch(/^business_discovery page: no usable item/);
  });

  it('is read through the network-pages format, ids kept as strings', () => {
    const parser = networkPagesFormat.create({});
    const raw = JSON.stringify(page(profile)).replace(`"id":"${IG}"`, '"id":17841405822304914');
    const o = parser.parse({ raw, position: { line: 1, byteOffset: 0 } }) as ParseOutcome;
    expect(ok(o).accounts[0].externalId).toBe('17841405822304914');
  });
});
