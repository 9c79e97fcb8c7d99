/**
 * Follower-growth anomalies between two observations of an account's metrics (account_metrics_history).
 * A spike (bought followers arrive in a block) or a drop (a platform purge of fake accounts) is a step whose
 * daily change is large in absolute terms AND large relative to both the account's size and what is normal
 * growth for accounts of its size band. The job's SQL applies the same rule set-based (keep them in step:
 * audience-quality.store.ts); the profile applies this function to the points it shows.
 */
export const GROWTH_RULE = {
  /** At least this many followers gained (or lost) per day. */
  minDailyChange: 50,
  /** ... and at least this share of the previous count per day (the count is floored at 100 for tiny accounts). */
  minDailyRate: 0.02,
  /** ... and for a spike, this many times the size band's median daily growth rate. */
  bandMultiple: 10,
  /** Lookback of the history the job reads. */
  windowDays: 180,
} as const;

export type GrowthAnomaly = 'spike' | 'drop' | null;

/** `days` between the observations (floored at 1 so two readings on one day do not explode the rate). */
export function classifyGrowthStep(previous: number, current: number, days: number, bandMedianDailyRate: number): GrowthAnomaly {
  const perDay = (current - previous) / Math.max(days, 1);
  const rate = perDay / Math.max(previous, 100);
  if (perDay >= GROWTH_RULE.minDailyChange && rate > Math.max(GROWTH_RULE.minDailyRate, GROWTH_RULE.bandMultiple * Math.max(0, bandMedianDailyRate))) return 'spike';
  if (perDay <= -GROWTH_RULE.minDailyChange && rate < -GROWTH_RULE.minDailyRate) return 'drop';
  return null;
}
