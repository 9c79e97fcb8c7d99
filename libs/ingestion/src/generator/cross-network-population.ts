import type { NetworkName, NetworkPage } from '../model/network-page.js';
import { SeededRandom } from './seeded-random.js';

/**
 * A population of automotive creators spread over Bluesky, Mastodon, YouTube and Instagram, as the four APIs would
 * answer for them (`network-pages` records), for `npm run eval:networks`. Each person has one hidden influence
 * z ~ N(0, 1); every account's counts follow z through its network's own scale (a YouTube channel's subscribers and
 * views run orders of magnitude above a Mastodon account's followers and favourites) with noise of its own, and a
 * third of the people have a second account on another network, the two linked by their profile links as real
 * creators link them. If one scale holds, a person's two accounts get similar scores (rank correlation), and each
 * network's scores spread alike.
 */
export interface CrossNetworkOptions {
  people: number;
  seed: number;
  /** The window's end: posts fall in the 60 days before it. */
  asOf: Date;
  /** Share of people with a second account on another network. */
  secondNetworkShare?: number;
}

export interface CrossNetworkPerson {
  index: number;
  z: number;
  /** Each account's own standing, 0.8 z + 0.6 noise: what its counts follow (the best any score could track). */
  accounts: { network: NetworkName; handle: string; externalId: string; standing: number }[];
}

export interface CrossNetworkPopulation {
  people: CrossNetworkPerson[];
  pages: NetworkPage[];
}

const NETWORKS: NetworkName[] = ['bluesky', 'mastodon', 'youtube', 'instagram'];

/** Median follower count and engagement per post (share of followers), per network. */
const SCALE: Record<NetworkName, { followers: number; likeRate: number; commentRate: number; viewRate: number }> = {
  bluesky: { followers: 400, likeRate: 0.03, commentRate: 0.004, viewRate: 0 },
  mastodon: { followers: 180, likeRate: 0.02, commentRate: 0.003, viewRate: 0 },
  youtube: { followers: 9_000, likeRate: 0.012, commentRate: 0.0012, viewRate: 0.3 },
  instagram: { followers: 6_000, likeRate: 0.035, commentRate: 0.002, viewRate: 0 },
};

const CAPTIONS = [
  'Long-term review of the new EV after 10,000 km: range, charging and what broke',
  'Track day in the hot hatch, tyre pressures and lap times',
  'Which used car to buy under 10k? Reliability, running costs, resale',
  'Restoring a 1972 roadster: the engine is back together',
  'Road trip in the electric SUV, every charging stop logged',
  'Detailing a black car properly: wash, clay, polish, ceramic coat',
  'Comparison test: two family cars, fuel economy and boot space',
];

function normal(rng: SeededRandom): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const profileUrl = (network: NetworkName, handle: string) =>
  network === 'bluesky' ? `https://bsky.app/profile/${handle}` : network === 'mastodon' ? `https://mastodon.social/@${handle.split('@')[0]}` : network === 'youtube' ? `https://www.youtube.com/@${handle}` : `https://www.instagram.com/${handle}/`;

/** A channel id: "UC" and 22 characters of the URL-safe alphabet, from the person's index (fixed width, so unique). */
const channelId = (i: number) => `UCcars${String(i).padStart(10, '0')}RenownFx`;
/** A post's number within the population: the person's index and the post's, fixed width (unique). */
const postNo = (person: number, k: number) => `${person}${String(k).padStart(2, '0')}`;

export function generateCrossNetworkPopulation(options: CrossNetworkOptions): CrossNetworkPopulation {
  const rng = new SeededRandom(options.seed, 7);
  const second = options.secondNetworkShare ?? 1 / 3;
  const people: CrossNetworkPerson[] = [];
  for (let i = 0; i < options.people; i++) {
    const z = normal(rng);
    const first = NETWORKS[i % NETWORKS.length];
    const nets = [first];
    if (rng.next() < second) nets.push(NETWORKS.filter((n) => n !== first)[Math.floor(rng.next() * 3)]);
    const accounts = [...new Set(nets)].map((network) => {
      const name = `carfan${i}`;
      const handle = network === 'bluesky' ? `${name}.bsky.social` : network === 'mastodon' ? `${name}@mastodon.social` : name;
      const externalId = network === 'bluesky' ? `did:plc:carfan${i.toString(36).padStart(8, '0')}` : network === 'youtube' ? channelId(i) : network === 'instagram' ? String(17_841_400_000_000_000n + BigInt(i)) : handle;
      return { network, handle, externalId, standing: 0.8 * z + 0.6 * normal(rng) };
    });
    people.push({ index: i, z, accounts });
  }
  const byNetwork = new Map<NetworkName, { person: CrossNetworkPerson; account: CrossNetworkPerson['accounts'][number] }[]>();
  for (const person of people) for (const account of person.accounts) (byNetwork.get(account.network) ?? byNetwork.set(account.network, []).get(account.network)!).push({ person, account });
  const pages: NetworkPage[] = [];
  const fetchedAt = options.asOf.toISOString();
  for (const person of people) {
    for (const account of person.accounts) {
      const others = linksOf(person, account);
      const scale = SCALE[account.network];
      const followers = Math.round(scale.followers * Math.exp(1.4 * account.standing));
      const posts = Array.from({ length: 4 + Math.floor(rng.next() * 8) }, (_, k) => {
        const reach = followers * Math.exp(0.3 * person.z + 0.5 * normal(rng));
        return {
          k,
          at: new Date(options.asOf.getTime() - (1 + rng.next() * 59) * 86_400_000).toISOString(),
          text: CAPTIONS[(person.index + k) % CAPTIONS.length],
          views: Math.round(reach * scale.viewRate),
          likes: Math.round(reach * scale.likeRate),
          comments: Math.round(reach * scale.commentRate),
        };
      });
      const engagers = (n: number) => {
        const pool = byNetwork.get(account.network)!.filter((x) => x.person !== person);
        return Array.from({ length: Math.min(n, 15, pool.length) }, () => pool[Math.floor(rng.next() * pool.length)]);
      };
      const render = { person, account, others, followers, posts, engagers, fetchedAt };
      if (account.network === 'bluesky') pages.push(...blueskyPages(render));
      else if (account.network === 'mastodon') pages.push(...mastodonPages(render));
      else if (account.network === 'youtube') pages.push(...youtubePages(render));
      else pages.push(...instagramPages(render));
    }
  }
  return { people, pages };
}

/** The profile URLs of a person's other accounts, as their bio or description lists them. */
const linksOf = (person: CrossNetworkPerson, account: CrossNetworkPerson['accounts'][number]) =>
  person.accounts.filter((a) => a !== account).map((a) => profileUrl(a.network, a.handle));

interface Render {
  person: CrossNetworkPerson;
  account: { network: NetworkName; handle: string; externalId: string };
  others: string[];
  followers: number;
  posts: { k: number; at: string; text: string; views: number; likes: number; comments: number }[];
  engagers(n: number): { person: CrossNetworkPerson; account: CrossNetworkPerson['accounts'][number] }[];
  fetchedAt: string;
}

const topPosts = (r: Render) => [...r.posts].sort((a, b) => b.likes - a.likes).slice(0, 3);

function blueskyPages(r: Render): NetworkPage[] {
  const { account: a, fetchedAt } = r;
  const base = 'https://public.api.bsky.app/xrpc';
  const uri = (k: number) => `at://${a.externalId}/app.bsky.feed.post/3lcar${postNo(r.person.index, k)}`;
  const author = { did: a.externalId, handle: a.handle };
  const pages: NetworkPage[] = [
    {
      network: 'bluesky', method: 'app.bsky.actor.getProfile', url: `${base}/app.bsky.actor.getProfile?actor=${a.externalId}`, fetchedAt,
      body: { ...author, displayName: `Car fan ${r.person.index}`, description: ['Cars, EVs and road trips.', ...r.others].join(' '), followersCount: r.followers, followsCount: 150, postsCount: 300, createdAt: '2023-05-01T00:00:00.000Z' },
    },
    {
      network: 'bluesky', method: 'app.bsky.feed.getAuthorFeed', url: `${base}/app.bsky.feed.getAuthorFeed?actor=${a.externalId}`, fetchedAt,
      body: { feed: r.posts.map((p) => ({ post: { uri: uri(p.k), cid: `bafy${p.k}`, author, record: { $type: 'app.bsky.feed.post', text: p.text, createdAt: p.at, langs: ['en'] }, likeCount: p.likes, repostCount: Math.round(p.likes / 8), replyCount: p.comments, quoteCount: 0, indexedAt: p.at } })) },
    },
  ];
  for (const p of topPosts(r)) {
    pages.push({
      network: 'bluesky', method: 'app.bsky.feed.getLikes', url: `${base}/app.bsky.feed.getLikes?uri=${encodeURIComponent(uri(p.k))}`, fetchedAt,
      body: { uri: uri(p.k), likes: r.engagers(p.likes).map(({ account: e }) => ({ actor: { did: e.externalId, handle: e.handle }, createdAt: p.at, indexedAt: p.at })) },
    });
  }
  return pages;
}

function mastodonPages(r: Render): NetworkPage[] {
  const { account: a, fetchedAt } = r;
  const user = a.handle.split('@')[0];
  const base = 'https://mastodon.social/api/v1';
  const view = (acct: string) => ({ id: `10${acct.replace(/\D/g, '') || '0'}`, username: acct.split('@')[0], acct, url: `https://mastodon.social/@${acct.split('@')[0]}` });
  // Mastodon answers favourited_by with whole Account objects, notes and their links included.
  const noteOf = (links: string[]) => `<p>Cars, EVs and road trips. ${links.map((u) => `<a href="${u}">${u}</a>`).join(' ')}</p>`;
  const me = { ...view(a.handle), display_name: `Car fan ${r.person.index}`, note: noteOf(r.others), followers_count: r.followers, following_count: 120, statuses_count: 250, created_at: '2022-11-01T00:00:00.000Z', bot: false, fields: [] };
  const statusUri = (k: number) => `https://mastodon.social/users/${user}/statuses/11${postNo(r.person.index, k)}`;
  const pages: NetworkPage[] = [
    { network: 'mastodon', method: 'accounts.lookup', url: `${base}/accounts/lookup?acct=${user}`, fetchedAt, body: me },
    {
      network: 'mastodon', method: 'accounts.statuses', url: `${base}/accounts/${me.id}/statuses`, fetchedAt,
      body: r.posts.map((p) => ({ id: `11${postNo(r.person.index, p.k)}`, uri: statusUri(p.k), url: statusUri(p.k), created_at: p.at, content: `<p>${p.text}</p>`, account: me, favourites_count: p.likes, reblogs_count: Math.round(p.likes / 6), replies_count: p.comments, tags: [], mentions: [], language: 'en' })),
    },
  ];
  for (const p of topPosts(r)) {
    pages.push({
      network: 'mastodon', method: 'statuses.favourited_by', url: `${base}/statuses/11${postNo(r.person.index, p.k)}/favourited_by`, fetchedAt,
      subject: { statusUri: statusUri(p.k), authorAcct: a.handle },
      body: r.engagers(p.likes).map((e) => ({ ...view(e.account.handle), display_name: `Car fan ${e.person.index}`, note: noteOf(linksOf(e.person, e.account)) })),
    });
  }
  return pages;
}

function youtubePages(r: Render): NetworkPage[] {
  const { account: a, fetchedAt } = r;
  const base = 'https://www.googleapis.com/youtube/v3';
  const videoId = (k: number) => `v${r.person.index.toString(36).padStart(6, '0')}${k}`.padEnd(11, 'x').slice(0, 11);
  const uploads = `UU${a.externalId.slice(2)}`;
  const subscribers = Number(r.followers.toPrecision(3));
  const pages: NetworkPage[] = [
    {
      network: 'youtube', method: 'channels.list', url: `${base}/channels?part=snippet,statistics,contentDetails,topicDetails&id=${a.externalId}`, fetchedAt,
      body: {
        kind: 'youtube#channelListResponse', etag: 'e', pageInfo: { totalResults: 1, resultsPerPage: 5 },
        items: [{
          kind: 'youtube#channel', etag: 'e', id: a.externalId,
          snippet: { title: `Car fan ${r.person.index}`, description: ['Car reviews and road trips.', ...r.others].join('\n'), customUrl: `@${a.handle}`, publishedAt: '2019-03-01T00:00:00Z', country: 'GB', defaultLanguage: 'en' },
          contentDetails: { relatedPlaylists: { likes: '', uploads } },
          statistics: { viewCount: String(r.posts.reduce((s, p) => s + p.views, 0) * 20), subscriberCount: String(subscribers), hiddenSubscriberCount: false, videoCount: String(r.posts.length * 10) },
          topicDetails: { topicCategories: ['https://en.wikipedia.org/wiki/Vehicle'] },
        }],
      },
    },
    {
      network: 'youtube', method: 'videos.list', url: `${base}/videos?part=snippet,statistics,contentDetails,topicDetails&id=${r.posts.map((p) => videoId(p.k)).join(',')}`, fetchedAt,
      body: {
        kind: 'youtube#videoListResponse', etag: 'e', pageInfo: { totalResults: r.posts.length, resultsPerPage: 50 },
        items: r.posts.map((p) => ({
          kind: 'youtube#video', etag: 'e', id: videoId(p.k),
          snippet: { publishedAt: p.at, channelId: a.externalId, title: p.text, description: 'Full review in the video. #cars', channelTitle: `Car fan ${r.person.index}`, tags: ['cars', 'car review'], defaultAudioLanguage: 'en' },
          contentDetails: { duration: 'PT12M30S' },
          statistics: { viewCount: String(p.views), likeCount: String(p.likes), favoriteCount: '0', commentCount: String(p.comments) },
          topicDetails: { topicCategories: ['https://en.wikipedia.org/wiki/Vehicle'] },
        })),
      },
    },
  ];
  for (const p of topPosts(r)) {
    pages.push({
      network: 'youtube', method: 'commentThreads.list', url: `${base}/commentThreads?part=snippet&videoId=${videoId(p.k)}`, fetchedAt,
      body: {
        kind: 'youtube#commentThreadListResponse', etag: 'e', pageInfo: { totalResults: 1, resultsPerPage: 20 },
        items: r.engagers(p.comments).map(({ account: e }, n) => ({
          kind: 'youtube#commentThread', etag: 'e', id: `Ug${videoId(p.k)}${n}`,
          snippet: {
            channelId: a.externalId, videoId: videoId(p.k), canReply: true, totalReplyCount: 0, isPublic: true,
            topLevelComment: { kind: 'youtube#comment', etag: 'e', id: `Ug${videoId(p.k)}${n}`, snippet: { channelId: a.externalId, videoId: videoId(p.k), textDisplay: 'Great review', textOriginal: 'Great review', authorDisplayName: `@${e.handle}`, authorChannelUrl: `http://www.youtube.com/@${e.handle}`, authorChannelId: { value: e.externalId }, canRate: true, viewerRating: 'none', likeCount: 0, publishedAt: p.at, updatedAt: p.at } },
          },
        })),
      },
    });
  }
  return pages;
}

function instagramPages(r: Render): NetworkPage[] {
  const { account: a, fetchedAt } = r;
  const brandIgUser = '17841400999999999';
  return [{
    network: 'instagram', method: 'business_discovery', url: `https://graph.facebook.com/v24.0/${brandIgUser}?fields=business_discovery.username(${a.handle})`, fetchedAt,
    subject: { username: a.handle },
    body: {
      business_discovery: {
        id: a.externalId, username: a.handle, name: `Car fan ${r.person.index}`, biography: ['Cars, EVs and road trips.', ...r.others].join(' '), website: r.others[0] ?? null,
        followers_count: r.followers, follows_count: 300, media_count: r.posts.length * 20,
        media: {
          data: r.posts.map((p) => ({ id: `18${postNo(r.person.index, p.k).padStart(12, '0')}000`, caption: `${p.text} #cars`, comments_count: p.comments, like_count: p.likes, media_type: p.k % 3 === 0 ? 'VIDEO' : p.k % 3 === 1 ? 'IMAGE' : 'CAROUSEL_ALBUM', media_product_type: p.k % 3 === 0 ? 'REELS' : 'FEED', permalink: `https://www.instagram.com/p/C${r.person.index}x${p.k}/`, timestamp: p.at.replace(/\.\d{3}Z$/, '+0000') })),
          paging: { cursors: { after: 'QVFIU' } },
        },
      },
      id: brandIgUser,
    },
  }];
}
