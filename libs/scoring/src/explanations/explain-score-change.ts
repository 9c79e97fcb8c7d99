/** Why a score moved between two snapshots: the signal contributions that changed most, largest first. */
export interface ScoreChange {
  signal: string;
  before: number;
  after: number;
  delta: number;
}

export interface ScoreChangeExplanation {
  previousScore: number | null;
  previousDay: string | null;
  scoreDelta: number | null;
  /** True when the previous snapshot came from another model version (then deltas mix two models). */
  modelChanged: boolean;
  changes: ScoreChange[];
}

export function explainScoreChange(
  current: { score: number; modelVersion: string; contributions: Record<string, number> },
  previous: { score: number; day: string; modelVersion: string; contributions: Record<string, number> } | null,
): ScoreChangeExplanation {
  if (!previous) return { previousScore: null, previousDay: null, scoreDelta: null, modelChanged: false, changes: [] };
  const names = new Set([...Object.keys(current.contributions), ...Object.keys(previous.contributions)]);
  const changes = [...names]
    .map((signal) => {
      const before = previous.contributions[signal] ?? 0;
      const after = current.contributions[signal] ?? 0;
      return { signal, before, after, delta: Number((after - before).toFixed(4)) };
    })
    .filter((c) => c.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  return {
    previousScore: previous.score,
    previousDay: previous.day,
    scoreDelta: Number((current.score - previous.score).toFixed(1)),
    modelChanged: previous.modelVersion !== current.modelVersion,
    changes,
  };
}

/** Each signal's share of the raw composite, for "what the score is made of". */
export function contributionShares(contributions: Record<string, number>) {
  const total = Object.values(contributions).reduce((a, b) => a + b, 0);
  return Object.entries(contributions).map(([signal, value]) => ({ signal, value, share: total > 0 ? value / total : 0 }));
}
