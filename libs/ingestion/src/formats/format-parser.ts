import type { ParseOutcome, Platform, RawRecord } from '../model/graph-observation.js';

export type FormatName = 'twitter-v2' | 'twitter-v1' | 'bluesky-jetstream' | 'mastodon' | 'edge-list' | 'network-pages';

export interface ParserOptions {
  /** The platform edge-list ids belong to (default 'snap'); JSON formats know their platform. */
  platform?: Platform;
  /** For edge lists whose rows carry no type column (e.g. SNAP retweet_network): the type of every edge. */
  edgeType?: string;
  /** The file name, used by edge lists to guess the type when a row has none ("retweet", "mention"...). */
  fileName?: string;
}

/** Parses the records of one source, in order. May keep state (an edge list's header). */
export interface RecordParser {
  parse(record: RawRecord): ParseOutcome;
}

export interface FormatParser {
  name: FormatName;
  description: string;
  /** How a file of this format is cut into records: JSON Lines, or one whole JSON document when not JSONL. */
  unit: 'json' | 'line';
  /** Whether a sample value (first JSON value, or first text lines for 'line' formats) looks like this format. */
  sniff(sample: unknown): boolean;
  create(options: ParserOptions): RecordParser;
}
