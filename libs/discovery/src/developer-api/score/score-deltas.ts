/** One day of an account's score under one model version. */
export interface DailyScore {
  /** YYYY-MM-DD */
  day: string;
  score: number;
}

export interface ScoreDelta {
  /** Score change since the day before; null when that day was not scored. */
  dayChange: number | null;
  /** Change since 7 days before (compared with the latest score 7 to 13 days old). */
  weekChange: number | null;
  /** Change since 30 days before (compared with the latest score 30 to 59 days old). */
  monthChange: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Klout-style deltas of the score on `currentDay` against `days` days earlier. Daily runs can skip a day, so
 * the comparison point is the latest scored day at least `days` old, but no older than twice that: a
 * "weekly" change measured against a score from three months ago would mislead. Pass one model version's
 * history only: a change of model is not a change of influence.
 */
export function computeScoreDeltas(history: DailyScore[], currentDay: string): ScoreDelta {
  const today = dayNumber(currentDay);
  const current = history.find((p) => p.day === currentDay);
  if (!current) return { dayChange: null, weekChange: null, monthChange: null };
  const change = (days: number): number | null => {
    let best: { n: number; score: number } | null = null;
    for (const p of history) {
      const n = dayNumber(p.day);
      if (n <= today - days && n > today - 2 * days && (!best || n > best.n)) best = { n, score: p.score };
    }
    return best ? round2(current.score - best.score) : null;
  };
  return { dayChange: change(1), weekChange: change(7), monthChange: change(30) };
}
