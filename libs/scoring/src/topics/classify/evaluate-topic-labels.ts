import type { TopicLexicon } from '../ontology/topic-lexicon.js';
import type { PostTopic } from './classify-post-topics.js';
import { TWEET_TOPIC_LABELS, type TweetTopicLabel } from './tweet-topic-model.js';

/**
 * A post's ontology topics -> TweetTopic label scores, through the project's mapping file
 * (data/tweet-topic-to-klout.json): a label scores the best weight of a topic that is, or descends from, one
 * of the label's topics.
 */
export function tweetTopicLabelScores(lexicon: TopicLexicon, topics: PostTopic[]): Map<TweetTopicLabel, number> {
  const scores = new Map<TweetTopicLabel, number>();
  for (const t of topics) {
    const lineage = new Set([t.topicId, ...lexicon.ancestors(t.topicId)]);
    for (const label of TWEET_TOPIC_LABELS) {
      const ids = lexicon.tweetTopicLabels.get(label) ?? [];
      if (ids.some((id) => lineage.has(id))) scores.set(label, Math.max(scores.get(label) ?? 0, t.weight));
    }
  }
  return scores;
}

/** Labels at or above the threshold; every tweet has at least one label, so the best one when none passes. */
export function pickLabels(scores: Map<TweetTopicLabel, number>, threshold: number): TweetTopicLabel[] {
  const picked = [...scores].filter(([, s]) => s >= threshold).map(([l]) => l);
  if (picked.length || !scores.size) return picked;
  return [[...scores].sort((a, b) => b[1] - a[1])[0][0]];
}

export interface LabelMetrics {
  label: string;
  support: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MultiLabelReport {
  perLabel: LabelMetrics[];
  microF1: number;
  macroF1: number;
  examples: number;
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** Per-label precision/recall, micro-F1 (pooled counts) and macro-F1 (mean of per-label F1, all 19 labels). */
export function multiLabelReport(gold: string[][], predicted: string[][], labels: readonly string[] = TWEET_TOPIC_LABELS): MultiLabelReport {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted differ in length');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perLabel = labels.map((label) => {
    let ltp = 0;
    let lfp = 0;
    let lfn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i].includes(label);
      const p = predicted[i].includes(label);
      if (g && p) ltp++;
      else if (p) lfp++;
      else if (g) lfn++;
    }
    tp += ltp;
    fp += lfp;
    fn += lfn;
    const precision = ltp + lfp ? ltp / (ltp + lfp) : 0;
    const recall = ltp + lfn ? ltp / (ltp + lfn) : 0;
    return { label, support: ltp + lfn, predicted: ltp + lfp, truePositives: ltp, precision, recall, f1: f1(precision, recall) };
  });
  const microP = tp + fp ? tp / (tp + fp) : 0;
  const microR = tp + fn ? tp / (tp + fn) : 0;
  return { perLabel, microF1: f1(microP, microR), macroF1: perLabel.reduce((s, l) => s + l.f1, 0) / labels.length, examples: gold.length };
}
