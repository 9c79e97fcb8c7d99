import { textFeatures } from './text-features.js';

/** The 19 TweetTopic labels, in the dataset's column order. */
export const TWEET_TOPIC_LABELS = [
  'arts_&_culture',
  'business_&_entrepreneurs',
  'celebrity_&_pop_culture',
  'diaries_&_daily_life',
  'family',
  'fashion_&_style',
  'film_tv_&_video',
  'fitness_&_health',
  'food_&_dining',
  'gaming',
  'learning_&_educational',
  'music',
  'news_&_social_concern',
  'other_hobbies',
  'relationships',
  'science_&_technology',
  'sports',
  'travel_&_adventure',
  'youth_&_student_life',
] as const;
export type TweetTopicLabel = (typeof TWEET_TOPIC_LABELS)[number];

export interface LabelledText {
  text: string;
  labels: string[];
}

export interface TweetTopicModelOptions {
  /** Additive (Laplace/Lidstone) smoothing. */
  alpha?: number;
}

/**
 * One-vs-rest multinomial naive Bayes over words, stems and Japanese character n-grams (each feature counted
 * once per text). It is fitted at start-up from the shipped TweetTopicXL few-shot training split (720 tweets,
 * milliseconds), so nothing is downloaded at run time. Chosen over a logistic regression by 5-fold
 * cross-validation on the training split (0.436 vs 0.428 mean micro-F1). It knows only the 19 coarse labels;
 * the ontology lexicon supplies the fine topics.
 */
export class TweetTopicModel {
  private readonly logPrior = new Float64Array(TWEET_TOPIC_LABELS.length);
  /** feature -> per label, log P(f | label) - log P(f | not label): one lookup per feature at prediction. */
  private readonly logRatio = new Map<string, Float64Array>();

  constructor(examples: LabelledText[], options: TweetTopicModelOptions = {}) {
    const alpha = options.alpha ?? 0.5;
    const docs = examples.map((e) => ({ features: [...new Set(textFeatures(e.text))], labels: new Set(e.labels) }));
    const vocab = new Set<string>();
    for (const d of docs) for (const f of d.features) vocab.add(f);
    const v = vocab.size;
    for (const f of vocab) this.logRatio.set(f, new Float64Array(TWEET_TOPIC_LABELS.length));
    TWEET_TOPIC_LABELS.forEach((label, l) => {
      const inCounts = new Map<string, number>();
      const outCounts = new Map<string, number>();
      let inTotal = 0;
      let outTotal = 0;
      let positives = 0;
      for (const d of docs) {
        const pos = d.labels.has(label);
        if (pos) positives++;
        const counts = pos ? inCounts : outCounts;
        for (const f of d.features) counts.set(f, (counts.get(f) ?? 0) + 1);
        if (pos) inTotal += d.features.length;
        else outTotal += d.features.length;
      }
      this.logPrior[l] = Math.log((positives + 1) / (docs.length - positives + 1));
      const inDen = inTotal + alpha * v;
      const outDen = outTotal + alpha * v;
      for (const [f, ratios] of this.logRatio) {
        ratios[l] = Math.log(((inCounts.get(f) ?? 0) + alpha) / inDen) - Math.log(((outCounts.get(f) ?? 0) + alpha) / outDen);
      }
    });
  }

  /** P(label | text) for every label (independent binary decisions, so they need not sum to 1). */
  predict(text: string): Map<TweetTopicLabel, number> {
    const logits = Float64Array.from(this.logPrior);
    for (const f of new Set(textFeatures(text))) {
      const ratios = this.logRatio.get(f);
      if (ratios) for (let l = 0; l < logits.length; l++) logits[l] += ratios[l];
    }
    const out = new Map<TweetTopicLabel, number>();
    TWEET_TOPIC_LABELS.forEach((label, l) => out.set(label, 1 / (1 + Math.exp(-logits[l]))));
    return out;
  }
}
