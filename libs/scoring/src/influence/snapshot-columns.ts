import type { InfluenceSignals } from './influence-signals.js';

/** Order of the values in account_score_snapshots.signals (double precision[]) for this model version. */
export const SNAPSHOT_SIGNAL_FIELDS = [
  'followers',
  'following',
  'listed',
  'botFollowerShare',
  'postsInWindow',
  'reposts',
  'quotes',
  'replies',
  'likes',
  'distinctEngagers',
  'networkStanding',
] as const;

/** Order of the values in account_score_snapshots.contributions (real[]). */
// v1 rows hold the first five; the last two came with influence-v2 (read as 0 from older rows).
export const SNAPSHOT_CONTRIBUTIONS = ['followers', 'listed', 'amplificationPerPost', 'distinctEngagers', 'networkStanding', 'following', 'postsInWindow'] as const;

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Postgres array literal of the signals, in SNAPSHOT_SIGNAL_FIELDS order. */
export function encodeSignals(s: InfluenceSignals): string {
  const e = s.engagementsReceived;
  return `{${s.followers},${s.following},${s.listed},${r4(s.botFollowerShare)},${r4(s.postsInWindow)},${r4(e.reposts)},${r4(e.quotes)},${r4(e.replies)},${r4(e.likes)},${r4(s.distinctEngagers)},${r4(s.networkStanding)}}`;
}

/**
 * The signals as stored, in SNAPSHOT_SIGNAL_FIELDS order, written into `out` (the numbers of encodeSignals:
 * counts as they are, the rest rounded to 4 decimals).
 */
export function signalValues(s: InfluenceSignals, out: Float64Array | number[]): void {
  const e = s.engagementsReceived;
  out[0] = s.followers;
  out[1] = s.following;
  out[2] = s.listed;
  out[3] = r4(s.botFollowerShare);
  out[4] = r4(s.postsInWindow);
  out[5] = r4(e.reposts);
  out[6] = r4(e.quotes);
  out[7] = r4(e.replies);
  out[8] = r4(e.likes);
  out[9] = r4(s.distinctEngagers);
  out[10] = r4(s.networkStanding);
}

/** A contribution as stored (rounded to 4 decimals, like encodeContributions). */
export const contributionValue = r4;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact doubles up to 1e22

/**
 * Number(x.toPrecision(4)), without formatting a string (three per account in a run). x · 10^k in
 * [1000, 10000) is rounded to an integer n and n / 10^k is one correctly rounded division, which is what
 * parsing the four digits gives. Whenever that could differ (near a rounding tie, near a power of ten, or
 * outside the range where 10^k is exact) it falls back to toPrecision itself.
 */
export function fourSignificant(x: number): number {
  if (x === 0) return 0;
  if (!(x > 0) || !Number.isFinite(x)) return Number(x.toPrecision(4));
  const k = 3 - Math.floor(Math.log10(x));
  if (k < -22 || k > 22) return Number(x.toPrecision(4));
  const scaled = k >= 0 ? x * POW10[k] : x / POW10[-k];
  const n = Math.round(scaled);
  if (scaled < 1000.000001 || scaled > 9999.49 || Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) return Number(x.toPrecision(4));
  return k >= 0 ? n / POW10[k] : n * POW10[-k];
}

export function decodeSignals(values: (number | string)[]): InfluenceSignals {
  const v = Object.fromEntries(SNAPSHOT_SIGNAL_FIELDS.map((f, i) => [f, Number(values[i] ?? 0)])) as Record<(typeof SNAPSHOT_SIGNAL_FIELDS)[number], number>;
  return {
    followers: v.followers,
    following: v.following,
    listed: v.listed,
    botFollowerShare: v.botFollowerShare,
    postsInWindow: v.postsInWindow,
    engagementsReceived: { reposts: v.reposts, quotes: v.quotes, replies: v.replies, likes: v.likes },
    distinctEngagers: v.distinctEngagers,
    networkStanding: v.networkStanding,
  };
}

export function encodeContributions(c: Record<string, number>): string {
  return `{${SNAPSHOT_CONTRIBUTIONS.map((k) => r4(c[k] ?? 0)).join(',')}}`;
}

export function decodeContributions(values: (number | string)[] | null): Record<string, number> {
  if (!values || values.length === 0) return {};
  return Object.fromEntries(SNAPSHOT_CONTRIBUTIONS.map((k, i) => [k, Number(values[i] ?? 0)]));
}
