import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findTopicDataDir } from '../ontology/topic-ontology-files.js';
import { getTopicLexicon, type TopicLexicon } from '../ontology/topic-lexicon.js';
import { classifyPostTopics, type PostForTopics, type PostTopic } from './classify-post-topics.js';
import { pickLabels, tweetTopicLabelScores } from './evaluate-topic-labels.js';
import { readTweetTopicJsonl } from './read-tweet-topic-jsonl.js';
import { TweetTopicModel, type TweetTopicLabel } from './tweet-topic-model.js';

/**
 * Thresholds picked by 5-fold cross-validation on the shipped training split only (never on a test split):
 * a model label counts from p >= 0.1, and a TweetTopic label is predicted from a score of 0.1.
 */
export const TOPIC_CLASSIFIER_DEFAULTS = { modelThreshold: 0.1, labelThreshold: 0.1 } as const;
export const TOPIC_CLASSIFIER_VERSION = 'lexicon+nb-2026-11';

/** The ontology lexicon plus the small text model, built once per process from shipped files. */
export class TopicClassifier {
  constructor(
    readonly lexicon: TopicLexicon,
    readonly model: TweetTopicModel | undefined,
    readonly options = TOPIC_CLASSIFIER_DEFAULTS,
  ) {}

  classify(post: PostForTopics): PostTopic[] {
    return classifyPostTopics(this.lexicon, post, { model: this.model, modelThreshold: this.options.modelThreshold });
  }

  /** The 19 TweetTopic labels a text gets (for `eval:topics`), through the project's mapping file. */
  tweetTopicLabels(text: string): TweetTopicLabel[] {
    return pickLabels(tweetTopicLabelScores(this.lexicon, this.classify({ text })), this.options.labelThreshold);
  }
}

export function trainingFiles(dir = join(findTopicDataDir(), 'tweet-topic-train')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('_train.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

let shared: TopicClassifier | undefined;

export function getTopicClassifier(): TopicClassifier {
  if (!shared) {
    const examples = trainingFiles().flatMap((f) => readTweetTopicJsonl(f));
    shared = new TopicClassifier(getTopicLexicon(), new TweetTopicModel(examples));
  }
  return shared;
}
