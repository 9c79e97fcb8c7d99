/**
 * The band of a 1-100 score, ten points wide like Klout's `bucket` ("40-49"); the top band is "90-100" so a
 * perfect score has a band of its own kind rather than a band of one.
 */
export function scoreBand(score: number): string {
  if (!Number.isFinite(score)) throw new RangeError(`score must be a number, got ${score}`);
  const clamped = Math.min(100, Math.max(1, score));
  const tens = Math.min(9, Math.floor(clamped / 10));
  if (tens === 0) return '1-9';
  if (tens === 9) return '90-100';
  return `${tens * 10}-${tens * 10 + 9}`;
}
