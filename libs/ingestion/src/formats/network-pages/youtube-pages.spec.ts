import type { ParsedItems, ParseOutcome } from '../../model/graph-observation.js';
import { networkPagesFormat, parseNetworkPage } from '../network-pages.parser.js';
import { durationSeconds, wikipediaTitle } from './youtube-pages.js';

const CH = 'UCaaaaaaaaaaaaaaaaaaaaa1';
const CH2 = 'UCbbbbbbbbbbbbbbbbbbbbb2';
const FAN = 'UCccccccccccccccccccccc3';
const V1 = 'dQw4w9WgXcQ';
const V2 = 'abcdefghijk';
const AT = '2026-03-01T12:00:00.000Z';
const page = (method: string, body: unknown, subject?: unknown) => ({ network: 'youtube', method, url: `https://www.googleapis.com/youtube/v3/${method.split('.')[0]}?key=redacted`, fetchedAt: AT, ...(subject ? { subject } : {}), body });

function ok(outcome: ParseOutcome): ParsedItems & { rejected: { reason: string; raw: string }[] } {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return { ...outcome.items, rejected: outcome.rejected ?? [] };
}

const channel = (id: string, extra: Record<string, any> = {}) => ({
  kind: 'youtube#channel',
  etag: 'e',
  id,
  snippet: { title: 'Torque Talk', description: 'Car reviews. Shop: https://torque.example.com/shop', customUrl: '@TorqueTalk', publishedAt: '2015-04-02T10:00:00Z', defaultLanguage: 'en', country: 'GB' },
  statistics: { viewCount: '9007199254740993', subscriberCount: '1230000', hiddenSubscriberCount: false, videoCount: '412' },
  contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${id.slice(2)}` } },
  topicDetails: { topicCategories: ['https://en.wikipedia.org/wiki/Vehicle', 'https://en.wikipedia.org/wiki/Sports_car'] },
  ...extra,
});

describe('network-pages format: YouTube', () => {
  it('maps channels.list to accounts: handle from customUrl, counts as strings, details with views above 2^53', () => {
    const items = ok(parseNetworkPage(page('channels.list', { kind: 'youtube#channelListResponse', etag: 'x', pageInfo: { totalResults: 1, resultsPerPage: 5 }, items: [channel(CH)] })));
    expect(items.accounts).toEqual([
      {
        platform: 'youtube',
        externalId: CH,
        stub: false,
        handle: 'torquetalk',
        displayName: 'Torque Talk',
        bio: 'Car reviews. Shop: https://torque.example.com/shop',
        links: ['https://torque.example.com/shop'],
        language: 'en',
        location: 'GB',
        createdAt: '2015-04-02T10:00:00.000Z',
        followersCount: '1230000',
        postsCount: '412',
        details: { viewCount: '9007199254740993', country: 'GB', topicCategories: ['https://en.wikipedia.org/wiki/Vehicle', 'https://en.wikipedia.org/wiki/Sports_car'], hiddenSubscriberCount: false, uploadsPlaylistId: `UU${CH.slice(2)}` },
        observedAt: AT,
      },
    ]);
  });

  it('leaves the followers unknown (null) when the channel hides its subscriber count', () => {
    const hidden = channel(CH, { statistics: { viewCount: '5000', hiddenSubscriberCount: true, videoCount: '3' } });
    const [a] = ok(parseNetworkPage(page('channels.list', { kind: 'youtube#channelListResponse', items: [hidden] }))).accounts;
    expect(a).toMatchObject({ followersCount: null, postsCount: '3', details: { hiddenSubscriberCount: true, viewCount: '5000' } });
  });

  it('an unknown channel (no items, totalResults 0) is an empty page, not a refused one', () => {
    expect(ok(parseNetworkPage(page('channels.list', { kind: 'youtube#channelListResponse', etag: 'x', pageInfo: { totalResults: 0, resultsPerPage: 0 } }))).accounts).toEqual([]);
    expect(ok(parseNetworkPage(page('channels.list', { kind: 'youtube#channelListResponse', items: [] }))).accounts).toEqual([]);
  });

  it('maps videos.list to posts with views, likes, comments, tags and topic annotations; Shorts marked by duration', () => {
    const video = (id: string, duration: string) => ({
      kind: 'youtube#video',
      id,
      snippet: { publishedAt: '2026-02-20T08:00:00Z', channelId: CH, channelTitle: 'Torque Talk', title: 'Kia EV6 long-term review', description: 'After 20,000 miles. #EV #KiaEV6 https://torque.example.com/ev6', tags: ['Kia', 'Car Review'], defaultLanguage: 'en', defaultAudioLanguage: 'en-GB' },
      contentDetails: { duration },
      statistics: { viewCount: '18446744073709551615', likeCount: '3100', favoriteCount: '0', commentCount: '240' },
      topicDetails: { topicCategories: ['https://en.wikipedia.org/wiki/Sports_car', 'https://en.wikipedia.org/wiki/Vehicle'] },
    });
    const items = ok(parseNetworkPage(page('videos.list', { kind: 'youtube#videoListResponse', items: [video(V1, 'PT14M3S'), video(V2, 'PT45S')] })));
    expect(items.accounts).toEqual([
      { platform: 'youtube', externalId: CH, stub: true, displayName: 'Torque Talk' },
      { platform: 'youtube', externalId: CH, stub: true, displayName: 'Torque Talk' },
    ]);
    expect(items.posts[0]).toEqual({
      platform: 'youtube',
      externalId: V1,
      stub: false,
      authorExternalId: CH,
      postedAt: '2026-02-20T08:00:00.000Z',
      text: 'Kia EV6 long-term review\n\nAfter 20,000 miles. #EV #KiaEV6 https://torque.example.com/ev6',
      language: 'en-GB',
      hashtags: ['kia', 'car review', 'ev', 'kiaev6'],
      urls: ['https://torque.example.com/ev6'],
      likeCount: '3100',
      replyCount: '240',
      impressionCount: '18446744073709551615',
      annotations: [
        { domain: { id: 'youtube-topic', name: 'YouTube topic' }, entity: { name: 'Sports car' } },
        { domain: { id: 'youtube-topic', name: 'YouTube topic' }, entity: { name: 'Vehicle' } },
        { media: { kind: 'video', durationSeconds: 843, title: 'Kia EV6 long-term review' } },
      ],
      observedAt: AT,
    });
    expect(items.posts[1].annotations!.at(-1)).toEqual({ media: { kind: 'short', durationSeconds: 45, title: 'Kia EV6 long-term review' } });
  });

  it('maps commentThreads.list to replies from the commenter to the video channel, dated by the comment', () => {
    const thread = (id: string, author: string, at: string) => ({
      kind: 'youtube#commentThread',
      id,
      snippet: { channelId: CH, videoId: V1, topLevelComment: { kind: 'youtube#comment', id, snippet: { channelId: CH, videoId: V1, textDisplay: 'Great review', authorDisplayName: '@SamOkafor', authorChannelId: { value: author }, likeCount: 3, publishedAt: at } }, canReply: true, totalReplyCount: 0, isPublic: true },
    });
    const items = ok(parseNetworkPage(page('commentThreads.list', { kind: 'youtube#commentThreadListResponse', items: [thread('Ugz1', FAN, '2026-02-21T09:30:00Z'), thread('Ugz2', CH, '2026-02-21T10:00:00Z')] }, { channelId: CH })));
    expect(items.interactions).toEqual([{ platform: 'youtube', type: 'reply', actorExternalId: FAN, targetExternalId: CH, postExternalId: V1, occurredAt: '2026-02-21T09:30:00.000Z', sourceRef: 'Ugz1' }]);
    expect(items.accounts).toContainEqual({ platform: 'youtube', externalId: FAN, stub: true, handle: 'samokafor', displayName: '@SamOkafor' });
    expect(items.posts).toContainEqual({ platform: 'youtube', externalId: V1, stub: true, authorExternalId: CH });
    // The channel answering under its own video is skipped, not an edge.
    expect(items.skipped).toBe(1);
  });

  it('search and playlist pages only name channels and videos (stubs)', () => {
    const search = ok(parseNetworkPage(page('search.list', { kind: 'youtube#searchListResponse', nextPageToken: 'CAUQAA', items: [{ kind: 'youtube#searchResult', id: { kind: 'youtube#channel', channelId: CH2 }, snippet: { channelId: CH2, title: 'Volt Valley', channelTitle: 'Volt Valley' } }] })));
    expect(search.accounts).toEqual([{ platform: 'youtube', externalId: CH2, stub: true, displayName: 'Volt Valley' }]);
    const playlist = ok(parseNetworkPage(page('playlistItems.list', { kind: 'youtube#playlistItemListResponse', items: [{ kind: 'youtube#playlistItem', snippet: { channelId: CH, resourceId: { kind: 'youtube#video', videoId: V1 } }, contentDetails: { videoId: V1, videoPublishedAt: '2026-02-20T08:00:00Z' } }] }, { channelId: CH })));
    expect(playlist.accounts.every((a) => a.stub)).toBe(true);
    expect(playlist.posts).toEqual([{ platform: 'youtube', externalId: V1, stub: true, authorExternalId: CH }]);
  });

  it('sets a bad item aside with its reason and keeps the rest; refuses a page not in the documented shape', () => {
    const items = ok(parseNetworkPage(page('channels.list', { kind: 'youtube#channelListResponse', items: [channel(CH), { id: 'not-a-channel' }] })));
    expect(items.accounts.map((a) => a.externalId)).toEqual([CH]);
    expect(items.rejected).toEqual([{ reason: expect.stringMatching(/^channels\.list item is not a channel with an "id" \(UC\.\.\.\) and a "snippet" \(https:\/\/www\.googleapis\.com/), raw: '{"id":"not-a-channel"}' }]);
    for (const [body, reason] of [
      [{ kind: 'youtube#videoListResponse', items: [] }, /is not a youtube#channelListResponse/],
      [{ kind: 'youtube#channelListResponse', unexpected: true }, /without a "items" list/],
      [{ error: { code: 403, message: 'quota', errors: [{ reason: 'quotaExceeded' }] } }, /is an error answer: quota/],
      [['not', 'an', 'object'], /is not a YouTube list answer/],
    ] as const) {
      const outcome = parseNetworkPage(page('channels.list', body));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.reason).toMatch(reason);
    }
    // Every item refused: the page is refused.
    expect(parseNetworkPage(page('videos.list', { kind: 'youtube#videoListResponse', items: [{ id: 'x' }] })).ok).toBe(false);
  });

  it('keeps counts above 2^53 as strings when read from the raw record', () => {
    const raw = JSON.stringify(page('channels.list', { kind: 'youtube#channelListResponse', items: [channel(CH)] })).replace('"9007199254740993"', '9007199254740993');
    const outcome = networkPagesFormat.create({}).parse({ raw, position: { line: 1, byteOffset: 0 } });
    expect(ok(outcome as ParseOutcome).accounts[0].details).toMatchObject({ viewCount: '9007199254740993' });
  });

  it('reads ISO 8601 durations and Wikipedia topic titles', () => {
    expect([durationSeconds('PT14M3S'), durationSeconds('PT1H'), durationSeconds('P1DT2S'), durationSeconds('PT60S'), durationSeconds('P0D'), durationSeconds('PT'), durationSeconds('14:03')]).toEqual([843, 3600, 86402, 60, 0, null, null]);
    expect(wikipediaTitle('https://en.wikipedia.org/wiki/Automotive_industry')).toBe('Automotive industry');
    expect(wikipediaTitle('https://en.wikipedia.org/wiki/Caf%C3%A9_racer')).toBe('Café racer');
    expect(wikipediaTitle('not a url')).toBeNull();
  });
});
