/**
 * What a parser makes of one source record: platform-neutral observations of accounts, posts and
 * interactions, keyed by platform ids (strings). The writer turns them into rows; internal ids never appear here.
 */

export type Platform = 'twitter' | 'bluesky' | 'mastodon' | 'youtube' | 'instagram' | 'snap' | (string & {});
export type InteractionType = 'reply' | 'repost' | 'quote' | 'mention' | 'like' | 'follow';

/** An account as seen in a payload. `stub: true` when it is only referenced (an author id, a mention). */
export interface AccountObservation {
  platform: Platform;
  externalId: string;
  stub: boolean;
  handle?: string | null;
  displayName?: string | null;
  bio?: string | null;
  links?: string[] | null;
  language?: string | null;
  location?: string | null;
  verified?: boolean | null;
  createdAt?: string | null;
  followersCount?: string | number | null;
  followingCount?: string | number | null;
  listedCount?: string | number | null;
  postsCount?: string | number | null;
  /**
   * What one network says of an account that the shared columns have no place for (YouTube: total views, country,
   * topic categories; Instagram: website, media count seen), kept as the `social_accounts.details` JSON. Null or
   * absent keeps what is stored.
   */
  details?: Record<string, unknown> | null;
  /** When these values were true; newer observations replace current values, older ones only add history. */
  observedAt?: string | null;
}

export interface PostObservation {
  platform: Platform;
  externalId: string;
  stub: boolean;
  authorExternalId?: string | null;
  postedAt?: string | null;
  text?: string | null;
  language?: string | null;
  hashtags?: string[] | null;
  mentionedExternalIds?: string[] | null;
  urls?: string[] | null;
  replyToExternalId?: string | null;
  quoteOfExternalId?: string | null;
  repostOfExternalId?: string | null;
  likeCount?: string | number | null;
  repostCount?: string | number | null;
  replyCount?: string | number | null;
  quoteCount?: string | number | null;
  impressionCount?: string | number | null;
  observedAt?: string | null;
  annotations?: unknown[] | null;
}

/**
 * A direct edge. Replies, quotes and reposts that are posts need not be emitted: the writer derives them from
 * the posts' references once both authors are known (which also resolves references that arrive later).
 */
export interface InteractionObservation {
  platform: Platform;
  type: InteractionType;
  actorExternalId: string;
  targetExternalId: string;
  postExternalId?: string | null;
  occurredAt?: string | null;
  /** The platform's own id of the edge record (e.g. Bluesky like at-uri), used to apply deletes. */
  sourceRef?: string | null;
  weight?: number;
}

/** A platform-side deletion (Bluesky delete commit, Mastodon delete event). */
export interface DeletionObservation {
  platform: Platform;
  what: 'post' | 'interaction';
  /** post external id, or the interaction's sourceRef */
  ref: string;
  deletedAt: string;
}

export interface ParsedItems {
  accounts: AccountObservation[];
  posts: PostObservation[];
  interactions: InteractionObservation[];
  deletions: DeletionObservation[];
  /** Records understood but deliberately not imported (e.g. Bluesky blocks), counted as skipped. */
  skipped: number;
}

export function emptyItems(): ParsedItems {
  return { accounts: [], posts: [], interactions: [], deletions: [], skipped: 0 };
}

/** Where a record sits in its source: 1-based line, byte offset of the line start (in the decompressed stream). */
export interface RecordPosition {
  line: number;
  byteOffset: number;
  /** An opaque resume token from a live source (e.g. Jetstream time_us), stored in the run checkpoint. */
  cursor?: string;
}

/** One unit of raw input: a line of JSONL / an edge list, or a whole JSON document. */
export interface RawRecord {
  raw: string;
  position: RecordPosition;
  /** true when this is the last line of a file and it had no newline (probably cut short). */
  unterminated?: boolean;
}

/** The outcome of parsing one record: graph items, or a reason to quarantine it. */
export type ParseOutcome =
  | { ok: true; items: ParsedItems; /** parts of a multi-item record (a JSON array) that were refused */ rejected?: RejectedPart[] }
  | { ok: false; reason: string };

export interface RejectedPart {
  reason: string;
  raw: string;
}
