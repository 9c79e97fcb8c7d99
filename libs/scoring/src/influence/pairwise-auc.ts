/**
 * ROC AUC of a pairwise prediction (higher = "A is more influential") against human choices (1 = A, 0 = B).
 * Ties in the prediction get the average rank, so a constant prediction scores exactly 0.5.
 */
export function pairwiseAuc(predictions: ArrayLike<number>, choices: ArrayLike<number>): number {
  const n = predictions.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predictions[a] - predictions[b]);
  let positives = 0;
  let negatives = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && predictions[order[j + 1]] === predictions[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (choices[order[k]] === 1) {
        positives++;
        positiveRankSum += rank;
      } else negatives++;
    }
    i = j + 1;
  }
  if (positives === 0 || negatives === 0) return 0.5;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
