/**
 * One answer of a network's public API, as a crawler fetched it: the unit the `network-pages` format imports.
 * The crawler (libs/sources) keeps pages whole, so what was imported can be traced to the URL it came from,
 * and the parser, not the crawler, decides what each page means for the graph.
 */
export const NETWORK_NAMES = ['bluesky', 'mastodon', 'youtube', 'instagram'] as const;
export type NetworkName = (typeof NETWORK_NAMES)[number];

/** Bluesky XRPC method ids the parser reads (the body is that method's JSON output). */
export const BLUESKY_PAGE_METHODS = [
  'app.bsky.actor.getProfile', // ProfileViewDetailed
  'app.bsky.actor.getProfiles', // { profiles: ProfileViewDetailed[] }
  'app.bsky.actor.searchActors', // { actors: ProfileView[], cursor? }
  'app.bsky.feed.getAuthorFeed', // { feed: FeedViewPost[], cursor? }
  'app.bsky.feed.searchPosts', // { posts: PostView[], cursor? }
  'app.bsky.feed.getLikes', // { uri, likes: { actor: ProfileView, createdAt, indexedAt }[], cursor? }
  'app.bsky.feed.getRepostedBy', // { uri, repostedBy: ProfileView[], cursor? }
  'app.bsky.feed.getQuotes', // { uri, posts: PostView[], cursor? }
  'app.bsky.graph.getFollowers', // { subject: ProfileView, followers: ProfileView[], cursor? }
  'app.bsky.graph.getFollows', // { subject: ProfileView, follows: ProfileView[], cursor? }
] as const;

/** Mastodon REST endpoints the parser reads, named `<resource>.<action>`. */
export const MASTODON_PAGE_METHODS = [
  'accounts.lookup', // GET /api/v1/accounts/lookup?acct= -> Account
  'accounts.get', // GET /api/v1/accounts/:id -> Account
  'accounts.statuses', // GET /api/v1/accounts/:id/statuses -> Status[]
  'accounts.followers', // GET /api/v1/accounts/:id/followers -> Account[]   (subject.acct: whose followers)
  'accounts.following', // GET /api/v1/accounts/:id/following -> Account[]   (subject.acct: who follows them)
  'statuses.favourited_by', // GET /api/v1/statuses/:id/favourited_by -> Account[] (subject.statusUri, subject.authorAcct)
  'statuses.reblogged_by', // GET /api/v1/statuses/:id/reblogged_by -> Account[]  (subject.statusUri, subject.authorAcct)
  'search', // GET /api/v2/search -> { accounts: Account[], statuses: Status[], hashtags: Tag[] }
  'timelines.tag', // GET /api/v1/timelines/tag/:tag -> Status[]
] as const;

/** YouTube Data API v3 list methods the parser reads (the body is that method's JSON answer, `kind` youtube#...ListResponse). */
export const YOUTUBE_PAGE_METHODS = [
  'search.list', // type=channel|video: { items: SearchResult[], nextPageToken? }
  'channels.list', // { items: Channel[] } (snippet, statistics, contentDetails, brandingSettings, topicDetails)
  'playlistItems.list', // the uploads playlist: { items: PlaylistItem[], nextPageToken? }   (subject.channelId)
  'videos.list', // { items: Video[] } (snippet, statistics, contentDetails)
  'commentThreads.list', // { items: CommentThread[], nextPageToken? } (who engages with a video)
] as const;

/** Instagram Graph API Business Discovery: GET /<brand ig user id>?fields=business_discovery.username(x){...}. */
export const INSTAGRAM_PAGE_METHODS = [
  'business_discovery', // { business_discovery: IGUser with media { data: Media[], paging }, id }
] as const;

export type BlueskyPageMethod = (typeof BLUESKY_PAGE_METHODS)[number];
export type MastodonPageMethod = (typeof MASTODON_PAGE_METHODS)[number];
export type YoutubePageMethod = (typeof YOUTUBE_PAGE_METHODS)[number];
export type InstagramPageMethod = (typeof INSTAGRAM_PAGE_METHODS)[number];

export interface NetworkPage {
  network: NetworkName;
  method: BlueskyPageMethod | MastodonPageMethod | YoutubePageMethod | InstagramPageMethod;
  /** The URL that answered (without credentials). */
  url: string;
  /** When it answered (ISO): the time of the counts it carries. */
  fetchedAt: string;
  /**
   * What the page is about when its body does not say it. Mastodon lists of accounts name no status or account:
   * `acct` (user@host) for followers/following, `statusUri` + `authorAcct` for favourited_by/reblogged_by.
   */
  subject?: { acct?: string; statusUri?: string; authorAcct?: string; channelId?: string; username?: string } | null;
  /** The API's JSON answer, as parsed with big integers kept as strings. */
  body: unknown;
}
