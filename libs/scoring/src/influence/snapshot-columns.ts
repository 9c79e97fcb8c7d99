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
