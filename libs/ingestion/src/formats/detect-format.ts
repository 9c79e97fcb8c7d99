import { parseJsonPreservingBigInts } from '../reading/parse-json-preserving-big-ints.js';
import type { FormatName } from './format-parser.js';
import { FORMATS } from './format-registry.js';

export interface Detection {
  format: FormatName | null;
  /** For JSON formats: whether the file is JSON Lines (one value per line) or one JSON document. */
  layout: 'lines' | 'document';
  /** Why nothing matched, for the refusal message. */
  why?: string;
}

/**
 * Decides a file's format from its first bytes (already decompressed). JSON Lines when the first non-empty
 * line is a complete JSON value; one JSON document when the file starts with { or [ but its first line is not;
 * text lines otherwise (edge lists).
 */
export function detectFormat(head: Buffer, complete: boolean): Detection {
  if (head.includes(0)) return { format: null, layout: 'lines', why: 'it contains binary data (NUL bytes)' };
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const firstLines = text.split('\n').slice(0, complete ? 20 : -1).slice(0, 20).map((l) => l.trim()).filter(Boolean);
  const jsonish = firstLines.filter((l) => l.startsWith('{') || l.startsWith('['));
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || (jsonish.length > 0 && jsonish.length * 2 >= firstLines.length)) {
    // JSON Lines: the first line that parses decides (a garbage line near the top is quarantined later).
    for (const line of jsonish) {
      let value: unknown;
      try {
        value = parseJsonPreservingBigInts(line);
      } catch {
        continue;
      }
      for (const f of FORMATS) if (f.unit === 'json' && f.sniff(value)) return { format: f.name, layout: 'lines' };
      return { format: null, layout: 'lines', why: 'its JSON is not a Twitter v1.1/v2 payload, Jetstream event, Mastodon status/account or network page (the envelope a crawl writes)' };
    }
    let value: unknown;
    try {
      value = parseJsonPreservingBigInts(trimmed);
    } catch {
      return {
        format: null,
        layout: 'document',
        why: complete ? 'it starts like JSON but is neither valid JSON nor JSON Lines' : 'its JSON document is too large to inspect; use JSON Lines or pass --format',
      };
    }
    for (const f of FORMATS) if (f.unit === 'json' && f.sniff(value)) return { format: f.name, layout: 'document' };
    return { format: null, layout: 'document', why: 'its JSON is not a Twitter v1.1/v2 payload, Jetstream event, Mastodon status/account or network page (the envelope a crawl writes)' };
  }
  const lines = text.split('\n').slice(0, complete ? 50 : -1).slice(0, 50).map((l) => l.replace(/\r$/, ''));
  for (const f of FORMATS) if (f.unit === 'line' && f.sniff(lines)) return { format: f.name, layout: 'lines' };
  return { format: null, layout: 'lines', why: 'it is neither JSON nor an edge list (actor target [time] [type] per line)' };
}
