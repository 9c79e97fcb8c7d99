/** One day of an account's (or person's) score history. */
export interface ScoreSeriesRow {
  day: string;
  score: number;
  percentile: number;
  modelVersion: string;
}

export interface ScoreSeriesPoint extends ScoreSeriesRow {
  /** True on the first point computed by a different model version than the point before it. */
  modelChanged: boolean;
}

/**
 * Orders snapshots by day and marks model-version changes. When two versions both scored the same day
 * (a new model was back-filled), the day keeps the newest version's point only if `preferVersion` names
 * it; by default both stay, so the old series is shown exactly as it was.
 */
export function buildScoreSeries(rows: ScoreSeriesRow[]): ScoreSeriesPoint[] {
  const sorted = [...rows].sort((a, b) => (a.day === b.day ? a.modelVersion.localeCompare(b.modelVersion) : a.day.localeCompare(b.day)));
  return sorted.map((r, i) => ({ ...r, modelChanged: i > 0 && sorted[i - 1].modelVersion !== r.modelVersion }));
}
