/**
 * Maps audience ranks (PageRank mass, spread over orders of magnitude) to a 1-100 score inside one brand's
 * audience: log-scaled between the least and the most influential member, so a score of 50 means "halfway
 * up the audience's scale in orders of magnitude", not "half the top member's mass" (which would squash
 * everyone but the top few near 1).
 */
export function relativeScores(ranks: number[]): number[] {
  const positive = ranks.filter((r) => r > 0);
  if (positive.length === 0) return ranks.map(() => 1);
  const lo = Math.log(Math.min(...positive));
  const hi = Math.log(Math.max(...positive));
  return ranks.map((r) => {
    if (!(r > 0)) return 1;
    if (hi === lo) return 100;
    const score = 1 + (99 * (Math.log(r) - lo)) / (hi - lo);
    return Math.round(score * 10) / 10;
  });
}
