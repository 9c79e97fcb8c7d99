import type { NetworkName, NetworkPage } from '@renown/ingestion';
import type { PoliteHttpClient, RateLimitSnapshot } from '../http/polite-http-client.js';

/** A page that could not be used (not JSON, or not the shape the API documents), kept with its URL and the reason. */
export interface QuarantinedPage {
  url: string;
  reason: string;
  /** The start of the body as received (at most 64 KiB). */
  raw: string;
}

/** An account the crawl has heard of and may fetch: a Bluesky DID or handle, a Mastodon `user@host`. */
export interface Candidate {
  /** Bluesky: the DID when known, else the handle. Mastodon: `user@host`, lower case. */
  ref: string;
  handle: string | null;
  /** How it was found. */
  via: 'search' | 'tag' | 'post-search' | 'engager' | 'follower' | 'follow';
  /** The network says it must not be crawled (Bluesky `!no-unauthenticated`, Mastodon `noindex` / `discoverable: false`). */
  optedOut?: boolean;
}

export interface SeedPage {
  pages: NetworkPage[];
  candidates: Candidate[];
  /** Where the next page of this seed starts; null when the seed is exhausted. */
  cursor: string | null;
  quarantined: QuarantinedPage[];
}

export interface FetchLimits {
  /** Posts newer than this many days (default 90). */
  postsSinceDays: number;
  /** At most this many posts (default 100). */
  maxPosts: number;
  /** Engagers are read for the most engaged this-many posts (default 10). */
  maxEngagedPosts: number;
  /** At most this many followers and follows, each (default 100). */
  maxFollowers: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { postsSinceDays: 90, maxPosts: 100, maxEngagedPosts: 10, maxFollowers: 100 };

export type AccountFetch =
  | {
      status: 'fetched';
      /** The graph's key: Bluesky DID, Mastodon `user@host`. */
      externalId: string;
      handle: string;
      displayName: string | null;
      followersCount: number | null;
      /** Every page read, for the importer, in the order read. */
      pages: NetworkPage[];
      /** The texts the vertical classifier reads. */
      bio: string | null;
      posts: { text: string; hashtags: string[] }[];
      /** Accounts seen on the way (engagers, followers, follows) that the crawl may grow into. */
      neighbours: Candidate[];
      quarantined: QuarantinedPage[];
    }
  | {
      status: 'not-found' | 'suspended' | 'opted-out';
      externalId: string | null;
      handle: string | null;
      /** A plain sentence for a person: "@x@y does not exist on mastodon.social". */
      message: string;
      quarantined: QuarantinedPage[];
    };

/** One network's public API, seen as what a crawl needs from it. */
export interface NetworkConnector {
  readonly network: NetworkName;
  /** The origin answering (https://public.api.bsky.app, https://mastodon.social). */
  readonly origin: string;
  /** One page of accounts the network finds for a term (Bluesky searchActors; Mastodon account search, then the tag timeline). */
  searchAccounts(term: string, cursor: string | null): Promise<SeedPage>;
  /** Profile, recent posts with their engagement, the engagers of the most engaged posts, and a sample of the follow graph. */
  fetchAccount(ref: string, limits?: Partial<FetchLimits>): Promise<AccountFetch>;
  /** The rate limit as the last answers reported it. */
  rateLimit(): RateLimitSnapshot;
  /** Requests made so far (for the crawl's counts and the progress bar). */
  stats?(): { requests: number };
  /** Stops the connector's rate limiters. */
  close?(): Promise<void>;
}

/** What every connector shares: the polite client it reads through and the origin it reads from. */
export abstract class PoliteConnector {
  abstract readonly network: NetworkName;
  readonly origin: string;

  constructor(
    protected readonly http: PoliteHttpClient,
    url: string,
  ) {
    this.origin = new URL(url).origin;
  }

  rateLimit(): RateLimitSnapshot {
    return this.http.rateLimit(this.origin);
  }

  stats() {
    return { requests: this.http.stats().requests };
  }

  close() {
    return this.http.close();
  }
}
