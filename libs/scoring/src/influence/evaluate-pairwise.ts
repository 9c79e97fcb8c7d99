import { computeInfluenceScore, computeRawInfluence, INFLUENCE_PARAMETERS, type InfluenceParameters } from './compute-influence-score.js';
import { populationPercentiles } from './calibrate-score.js';
import { pairwiseAuc } from './pairwise-auc.js';
import type { PairwiseJudgment } from './peerindex-judgments.js';

/**
 * Scores both people of every judgment with the shipped function and returns the AUC of scoreA - scoreB.
 * Calibration is what the daily run does: percentiles within the population being scored (here, every
 * person in the file). It is rank-preserving, so it fits nothing.
 */
export function evaluatePairwise(judgments: PairwiseJudgment[], params: InfluenceParameters = INFLUENCE_PARAMETERS) {
  const people = judgments.flatMap((j) => [j.a, j.b]);
  const raws = people.map((s) => computeRawInfluence(s, params).raw);
  const percentiles = populationPercentiles(raws);
  const scores = people.map((s, i) => computeInfluenceScore(s, () => percentiles[i], params).score);
  const predictions = judgments.map((_, i) => scores[2 * i] - scores[2 * i + 1]);
  const rawPredictions = judgments.map((_, i) => raws[2 * i] - raws[2 * i + 1]);
  const choices = judgments.map((j) => j.choice);
  const listedOnly = judgments.map((j) => Math.log1p(j.a.listed) - Math.log1p(j.b.listed));
  return {
    pairs: judgments.length,
    auc: pairwiseAuc(predictions, choices),
    rawAuc: pairwiseAuc(rawPredictions, choices),
    listedOnlyAuc: pairwiseAuc(listedOnly, choices),
  };
}
