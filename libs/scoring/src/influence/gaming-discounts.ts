/**
 * The anti-gaming rules, as numbers, in one place (they are part of the model version).
 *
 * - Self-engagement: an account engaging with itself, or with another account of the same person, is dropped.
 * - Rings: engagement between two accounts that both engage each other counts RECIPROCAL_FACTOR of itself,
 *   and one engager's repeated engagement saturates at PAIR_CAP (recency-weighted) per kind, so twenty
 *   accounts reposting each other daily look like twenty mutual fans, not 20 x 90 reposts.
 * - Selectivity: in the PageRank an engager's outgoing weight is split over everything it engages with
 *   (and over all the accounts it follows, even those we have not seen), so a repost from an account that
 *   reposts everything passes almost nothing.
 * - Bot-like accounts (new, no posts, following thousands) have quality BOT_QUALITY: they start the PageRank
 *   walk with little rank, their engagement counts that little, and followers that look like them count
 *   botFollowerWeight (see compute-influence-score.ts) of an ordinary follower.
 * - Follow-for-follow: reach discounted when following ~ followers (followBackFactor).
 * - Bursts: a target's engagement on one day above BURST_CAP (max of a floor and a multiple of its average
 *   day) counts only as the square root of the excess.
 * - A post announcing one's own Renown score (SCORE_ANNOUNCEMENT) is invisible to scoring: it is not
 *   counted as a post and nothing done to it (or to its reposts/quotes/replies) counts.
 */
export const ENGAGEMENT_TYPE_GRAPH_WEIGHT = { repost: 2, quote: 2, reply: 1, mention: 0.5, like: 0.25 } as const;
export const FOLLOW_GRAPH_WEIGHT = 0.2;
export const PAIR_CAP = 3;
export const RECIPROCAL_FACTOR = 0.25;
export const BOT_QUALITY = 0.05;
export const BOT_RULE = { maxAgeDays: 30, maxPosts: 0, minFollowing: 1000 } as const;
export const BURST_RULE = { floorPerDay: 25, multipleOfAverageDay: 5 } as const;
export const RECENCY_HALF_LIFE_DAYS = 30;
export const WINDOW_DAYS = 90;
/** Postgres regex (case-insensitive) for "my Renown score is 72", "Renown: 72", "#renownscore", ... */
export const SCORE_ANNOUNCEMENT_PATTERN = String.raw`renown\W{0,3}(score|rank|rating|influence)|#renownscore|renown\s*[:=]\s*\d`;

/** Quality 0..1 of an account as an engager / follower. */
export function accountQuality(ageDays: number, postsCount: number, followingCount: number): number {
  const isNew = Number.isFinite(ageDays) && ageDays < BOT_RULE.maxAgeDays;
  return isNew && postsCount <= BOT_RULE.maxPosts && followingCount >= BOT_RULE.minFollowing ? BOT_QUALITY : 1;
}

/** Counted engagement of a target given its per-day counts (bursts damped). */
export function burstDampedTotal(dailyCounts: number[], windowDays = WINDOW_DAYS): number {
  const total = dailyCounts.reduce((a, b) => a + b, 0);
  const cap = Math.max(BURST_RULE.floorPerDay, (BURST_RULE.multipleOfAverageDay * total) / windowDays);
  return dailyCounts.reduce((s, c) => s + Math.min(c, cap) + Math.sqrt(Math.max(0, c - cap)), 0);
}

