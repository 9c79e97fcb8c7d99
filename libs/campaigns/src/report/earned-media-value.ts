/**
 * Earned media value (EMV): what the attention a post earned would have cost as paid media. There is no
 * industry standard, so the formula is versioned and every report names the version it used.
 *
 * emv-v1 (USD cents, integers so sums are exact):
 *   reach       = impression_count when the platform reports it, otherwise followers x 0.10
 *                 (a typical organic reach rate for a feed post)
 *   EMV         = reach / 1000 x CPM 500 (a $5.00 CPM, social display average)
 *               + likes x 5 + replies x 40 + reposts x 30 + quotes x 40
 *                 (cost-per-engagement equivalents: a reply or quote is worth more than a like, because it
 *                 carries the message further and costs more to buy)
 */
export const EMV_FORMULA_VERSION = 'emv-v1';

export const EMV_V1 = {
  organicReachRate: 0.1,
  cpmCents: 500,
  likeCents: 5,
  replyCents: 40,
  repostCents: 30,
  quoteCents: 40,
} as const;

export interface PostMetricsForEmv {
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  impressions: number | null;
  authorFollowers: number | null;
}

export interface PostEmv {
  engagements: number;
  reach: number;
  emvCents: number;
}

export function estimateReach(post: PostMetricsForEmv): number {
  if (post.impressions !== null && post.impressions !== undefined) return post.impressions;
  return Math.round((post.authorFollowers ?? 0) * EMV_V1.organicReachRate);
}

export function earnedMediaValue(post: PostMetricsForEmv): PostEmv {
  const reach = estimateReach(post);
  const engagements = post.likes + post.replies + post.reposts + post.quotes;
  const emvCents = Math.round(
    (reach * EMV_V1.cpmCents) / 1000 +
      post.likes * EMV_V1.likeCents +
      post.replies * EMV_V1.replyCents +
      post.reposts * EMV_V1.repostCents +
      post.quotes * EMV_V1.quoteCents,
  );
  return { engagements, reach, emvCents };
}
