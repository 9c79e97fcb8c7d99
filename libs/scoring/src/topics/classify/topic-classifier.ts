import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findTopicDataDir } from '../ontology/topic-ontology-files.js';
import { getTopicLexicon, type TopicLexicon } from '../ontology/topic-lexicon.js';
import { classifyPostTopics, type PostForTopics, type PostTopic } from './classify-post-topics.js';
import { pickLabels, tweetTopicLabelScores } from './evaluate-topic-labels.js';
import { ontologyPseudoDocuments } from './ontology-pseudo-documents.js';
import { readTweetTopicJsonl } from './read-tweet-topic-jsonl.js';
import { TweetTopicModel, type TweetTopicLabel } from './tweet-topic-model.js';

/**
 * Thresholds picked by 5-fold cross-validation on the shipped training split only (never on a test split):
 * a model label counts from p >= 0.1, and a TweetTopic label is predicted from a score of 0.1.
 */
export const TOPIC_CLASSIFIER_DEFAULTS = { modelThreshold: 0.1, labelThreshold: 0.1 } as const;
/** TweetTopic labels that are a register, not a subject: never stored as a post topic. */
export const NON_TOPICAL_LABELS: ReadonlySet<string> = new Set(['diaries_&_daily_life']);
export const TOPIC_CLASSIFIER_VERSION = 'lexicon+nb+ontology-docs-2026-11';

/** The ontology lexicon plus the small text model, built once per process from shipped files. */
export class TopicClassifier {
  constructor(
    readonly lexicon: TopicLexicon,
    readonly model: TweetTopicModel | undefined,
    readonly options = TOPIC_CLASSIFIER_DEFAULTS,
  ) {}

  /** Topics of a post for storage and expertise (the non-topical model labels left out). */
  classify(post: PostForTopics): PostTopic[] {
    return classifyPostTopics(this.lexicon, post, { model: this.model, modelThreshold: this.options.modelThreshold, skipModelLabels: NON_TOPICAL_LABELS });
  }

  /** The 19 TweetTopic labels a text gets (for `eval:topics`), through the project's mapping file. */
  tweetTopicLabels(text: string): TweetTopicLabel[] {
    const topics = classifyPostTopics(this.lexicon, { text }, { model: this.model, modelThreshold: this.options.modelThreshold });
    return pickLabels(tweetTopicLabelScores(this.lexicon, topics), this.options.labelThreshold);
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
    const lexicon = getTopicLexicon();
    const examples = [...trainingFiles().flatMap((f) => readTweetTopicJsonl(f)), ...ontologyPseudoDocuments(lexicon)];
    shared = new TopicClassifier(lexicon, new TweetTopicModel(examples));
  }
  return shared;
}
