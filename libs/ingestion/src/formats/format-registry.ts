import { blueskyJetstreamFormat } from './bluesky-jetstream.parser.js';
import { edgeListFormat } from './edge-list.parser.js';
import type { FormatName, FormatParser } from './format-parser.js';
import { mastodonFormat } from './mastodon.parser.js';
import { networkPagesFormat } from './network-pages.parser.js';
import { twitterV1Format } from './twitter-v1.parser.js';
import { twitterV2Format } from './twitter-v2.parser.js';

/**
 * Every format the importer reads, in detection order (most specific first). Network pages come first: their sniff
 * needs { network: 'bluesky' | 'mastodon', method, url, body } at the top level, which no other format's record has.
 */
export const FORMATS: readonly FormatParser[] = [networkPagesFormat, blueskyJetstreamFormat, twitterV1Format, twitterV2Format, mastodonFormat, edgeListFormat];

export const FORMAT_NAMES = FORMATS.map((f) => f.name) as FormatName[];

export function findFormat(name: string): FormatParser | undefined {
  return FORMATS.find((f) => f.name === name);
}
