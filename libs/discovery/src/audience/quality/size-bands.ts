/**
 * Accounts are benchmarked against accounts of a similar size: bands of reported followers, about half a
 * decade wide (what is normal for an account with 200 followers, say a few bots, is not normal at 200k).
 * Lower bounds; the last band is open. The SQL of the job uses the same bounds (width_bucket).
 */
export const SIZE_BAND_BOUNDS = [0, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000] as const;

export function sizeBandOf(followers: number): number {
  let band = 0;
  for (let b = 1; b < SIZE_BAND_BOUNDS.length; b++) if (followers >= SIZE_BAND_BOUNDS[b]) band = b;
  return band;
}

const short = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n));

/** "1k-3k followers", "10M+ followers". */
export function sizeBandLabel(band: number): string {
  const lo = SIZE_BAND_BOUNDS[band];
  const hi = SIZE_BAND_BOUNDS[band + 1];
  return hi === undefined ? `${short(lo)}+ followers` : `${short(lo)}-${short(hi)} followers`;
}
