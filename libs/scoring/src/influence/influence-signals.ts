/**
 * What the influence score is computed from, per account, over the rolling window (90 days). The scoring run
 * fills these from the database and the engagement graph; the eval fills them from the Kaggle columns.
 * Every count here is already cleaned of gaming by the run (see gaming-discounts.ts): self-engagement and
 * score-announcement posts removed, ring and burst engagement damped, engagers weighted by their quality.
 */
export interface InfluenceSignals {
  /** Followers as the platform reports them. */
  followers: number;
  /** Accounts it follows (for the follow-for-follow discount). */
  following: number;
  /** Lists the account is a member of (platform count). */
  listed: number;
  /** Share (0..1) of the followers we observed that look like bots (new, no posts, following thousands). */
  botFollowerShare: number;
  /** The account's own posts in the window (not reposts), recency-weighted. */
  postsInWindow: number;
  /** Engagement its posts received in the window, recency-, quality- and burst-weighted. */
  engagementsReceived: { reposts: number; quotes: number; replies: number; likes: number };
  /** How many distinct accounts engaged with it in the window, each weighted by its quality (0..1). */
  distinctEngagers: number;
  /**
   * Weighted PageRank over the engagement graph times the number of accounts in it, so 1 = an average
   * account, 10 = ten times the average share of attention.
   */
  networkStanding: number;
}

export const EMPTY_SIGNALS: InfluenceSignals = {
  followers: 0,
  following: 0,
  listed: 0,
  botFollowerShare: 0,
  postsInWindow: 0,
  engagementsReceived: { reposts: 0, quotes: 0, replies: 0, likes: 0 },
  distinctEngagers: 0,
  networkStanding: 0,
};
