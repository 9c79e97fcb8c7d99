import { blueskyJetstreamFormat } from './bluesky-jetstream.parser.js';
import { edgeListFormat } from './edge-list.parser.js';
import type { FormatName, FormatParser } from './format-parser.js';
import { mastodonFormat } from './mastodon.parser.js';
import { twitterV1Format } from './twitter-v1.parser.js';
import { twitterV2Format } from './twitter-v2.parser.js';

/** Every format the importer reads, in detection order (most specific first). */
export const FORMATS: readonly FormatParser[] = [blueskyJetstreamFormat, twitterV1Format, twitterV2Format, mastodonFormat, edgeListFormat];

export const FORMAT_NAMES = FORMATS.map((f) => f.name) as FormatName[];

export function findFormat(name: string): FormatParser | undefined {
  return FORMATS.find((f) => f.name === name);
}
