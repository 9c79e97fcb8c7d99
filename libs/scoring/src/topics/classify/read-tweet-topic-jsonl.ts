import { readFileSync } from 'node:fs';
import { TWEET_TOPIC_LABELS, type LabelledText } from './tweet-topic-model.js';

/**
 * Reads TweetTopic JSONL (one tweet per line, 19 0/1 label columns). The `id` is a bare integer above 2^53,
 * so it is quoted before JSON.parse and kept as a string.
 */
export function parseTweetTopicJsonl(text: string): (LabelledText & { id: string })[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim().length)
    .map((line, i) => {
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line.replace(/"id"\s*:\s*(-?[\d.eE+-]+)/, '"id":"$1"'));
      } catch (err) {
        throw new Error(`line ${i + 1} is not JSON: ${err.message}`);
      }
      if (typeof row.text !== 'string') throw new Error(`line ${i + 1} has no "text"`);
      const labels = TWEET_TOPIC_LABELS.filter((l) => Number(row[l]) === 1);
      return { id: String(row.id ?? i + 1), text: row.text, labels };
    });
}

export function readTweetTopicJsonl(path: string) {
  return parseTweetTopicJsonl(readFileSync(path, 'utf8'));
}
