/**
 * The JSON bodies of the developer API (v1). Ids are strings everywhere: account and person ids are
 * PostgreSQL bigints and platform ids can pass 2^53, which JavaScript numbers would round.
 */
export interface IdentityResponse {
  /** The Renown account id (Klout's kloutId): use it with /v1/accounts/{id}/... */
  id: string;
  platform: string;
  handle: string | null;
  externalId: string;
  /** The person behind this account, when Renown has linked accounts to one. */
  personId: string | null;
}

export interface ScoreSummary {
  score: number;
  band: string;
  percentile: number;
  /** YYYY-MM-DD: the day the score was computed for. */
  day: string;
}

export interface AccountResponse extends IdentityResponse {
  displayName: string | null;
  followers: number | null;
  following: number | null;
  /** Null until the account's first scoring run. */
  score: ScoreSummary | null;
}

export interface ScoreResponse {
  accountId: string;
  score: number;
  band: string;
  percentile: number;
  day: string;
  modelVersion: string;
  scoreDelta: { dayChange: number | null; weekChange: number | null; monthChange: number | null };
  subScores: { reach: number; amplification: number; network: number };
}

export interface TopicResponse {
  id: string;
  slug: string;
  displayName: string;
  /** 'super' for broad topics (e.g. Automotive), 'sub' for narrower ones. */
  topicType: 'super' | 'sub';
  /** 1 = the account's strongest topic. */
  rank: number;
  /** The account's 1-100 influence within the topic; null until topic scoring has run for it. */
  score: number | null;
  percentile: number | null;
}

export interface TopicsResponse {
  accountId: string;
  topics: TopicResponse[];
}

export interface LinkedAccount {
  id: string;
  platform: string;
  handle: string | null;
  displayName: string | null;
  score: number | null;
  band: string | null;
}

export interface InfluenceEntry {
  account: LinkedAccount;
  /** Strength of the link in scoring's units (capped, recency-weighted engagement; a repost is 2). */
  strength: number;
  interactions: { reposts: number; quotes: number; replies: number; mentions: number; likes: number; follows: boolean };
}

export interface InfluenceResponse {
  accountId: string;
  /** Accounts this one engages with: they influence it. */
  myInfluencers: InfluenceEntry[];
  /** Accounts that engage with this one: it influences them. */
  myInfluencees: InfluenceEntry[];
  myInfluencersCount: number;
  myInfluenceesCount: number;
  /**
   * The interaction window (the last scoring run's); follows count whenever they happened. `complete` is
   * false for very large accounts, where only the 50,000 most recent interactions each way were read.
   */
  window: { from: string; to: string; complete: boolean };
}

export interface UsageResponse {
  /** This calendar month (UTC), for the brand that owns the API key. */
  period: string;
  apiCalls: { used: number; limit: number | null };
}

/** One handle of a batch lookup (`POST /v1/lookup`), in the order asked. */
export interface BatchLookupResult {
  platform: string;
  /** The handle as it was sent. */
  handle: string;
  /**
   * known: `account` is filled; fetching: Renown is reading it from its network (ask again in a few seconds);
   * unknown: not known and not fetched (send `fetch: true`, Bluesky and Mastodon only); not-found, suspended,
   * opted-out, unavailable, failed: what the network said; invalid: the entry itself was wrong (see `message`).
   */
  status: 'known' | 'fetching' | 'unknown' | 'not-found' | 'suspended' | 'opted-out' | 'unavailable' | 'failed' | 'invalid';
  message?: string;
  account?: {
    id: string;
    handle: string | null;
    displayName: string | null;
    followers: number | null;
    score: { score: number; band: string; percentile: number; day: string } | null;
    topTopics: { slug: string; name: string; score: number | null }[];
    lastFetchedAt: string | null;
    /** The account's latest audience quality, as its profile shows it; null until computed. */
    audienceQuality: AudienceQualitySummary | null;
    /** One line on why it scores what it does (discovery's why-line), e.g. "4 posts on Cars in 30 days, 12k reposts; 48k followers". */
    why: string;
    /** Path of the account's page in the console (on the same host as the API): `/accounts/<id>`. */
    url: string;
  };
}

export interface AudienceQualitySummary {
  /** 1-100: how much of the audience is genuine, against accounts of a similar size. */
  score: number;
  /** low (under 30 followers and engagers observed), medium, high (300+). */
  confidence: string | null;
  /** The size band benchmarked against, e.g. "1k-3k followers". */
  sizeBand: string | null;
  computedAt: string;
}

/** One of the brand's shortlists (`GET /v1/lists`). */
export interface ListSummary {
  id: string;
  name: string;
  /** Accounts on the list. */
  size: number;
  updatedAt: string;
  /** Only with `?accountId=`: whether that account is on this list. */
  containsAccount?: boolean;
}

export interface ListsResponse {
  lists: ListSummary[];
}

/** `POST /v1/lists/{id}/accounts`: adding twice changes nothing and says so. */
export interface AddToListResponse {
  accountId: string;
  added: boolean;
  alreadyOnList: boolean;
  message: string;
  list: ListSummary;
}

export interface BatchLookupResponse {
  results: BatchLookupResult[];
}
