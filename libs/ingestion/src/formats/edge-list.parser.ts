import { emptyItems, type InteractionType, type ParseOutcome } from '../model/graph-observation.js';
import type { FormatParser, ParserOptions } from './format-parser.js';

/** Type words seen in edge lists (SNAP Higgs uses RT/MT/RE). */
const TYPE_WORDS: Record<string, InteractionType> = {
  rt: 'repost', retweet: 'repost', retweeted: 'repost', repost: 'repost', reblog: 'repost',
  mt: 'mention', mention: 'mention', mentioned: 'mention',
  re: 'reply', reply: 'reply', reply_to: 'reply', replied: 'reply',
  qt: 'quote', quote: 'quote', quoted: 'quote',
  lk: 'like', like: 'like', liked: 'like', fav: 'like', favorite: 'like', favourite: 'like',
  fw: 'follow', follow: 'follow', follows: 'follow', followee: 'follow', friend: 'follow',
};

const HEADER_WORDS = new Set([
  'source', 'target', 'actor', 'from', 'to', 'src', 'dst', 'user', 'user_id', 'userid', 'follower', 'followee', 'mentioned',
  'retweeted', 'reply_to', 'liked', 'count', 'weight', 'timestamp', 'time', 'type', 'interaction', 'occurred_at',
]);

const SEPARATOR = /[\t,; ]+/;

/** A type from a file name such as higgs-retweet_network.edgelist or friend_list.csv. */
export function typeFromFileName(name: string | undefined): InteractionType | null {
  const n = (name ?? '').toLowerCase();
  if (/retweet|repost|reblog/.test(n)) return 'repost';
  if (/mention/.test(n)) return 'mention';
  if (/repl/.test(n)) return 'reply';
  if (/quote/.test(n)) return 'quote';
  if (/like|favorite|favourite/.test(n)) return 'like';
  if (/follow|friend|social_network/.test(n)) return 'follow';
  return null;
}

const isHeader = (tokens: string[]) => tokens.some((t) => HEADER_WORDS.has(t.toLowerCase()));

/** Unix seconds or milliseconds -> ISO, for numbers in a plausible range (2001..2286); otherwise null. */
function timeFromNumber(token: string): string | null {
  if (!/^\d{9,14}$/.test(token)) return null;
  const n = Number(token);
  if (n >= 1e9 && n < 1e10) return new Date(n * 1000).toISOString();
  if (n >= 1e12 && n < 1e13) return new Date(n).toISOString();
  return null;
}

interface Columns {
  time: number | null;
  type: number | null;
  weight: number | null;
  headerType: InteractionType | null;
}

/**
 * `actor target [time] [type]` or `actor target weight`, separated by spaces, tabs, commas or semicolons,
 * optionally with a header row naming the columns. Without a header, a third number is a time when it looks
 * like unix seconds/milliseconds and a weight otherwise.
 */
export const edgeListFormat: FormatParser = {
  name: 'edge-list',
  description: 'Interaction edge lists: `actor target [unix_time] [type]` or `actor target weight` (space/tab/comma separated, optional header); types RT/MT/RE/QT or words (repost, mention, reply, quote, like, follow); e.g. SNAP Higgs activity',
  unit: 'line',
  sniff(sample) {
    const lines = (Array.isArray(sample) ? sample : []).filter((l): l is string => typeof l === 'string' && l.trim() !== '' && !l.startsWith('#'));
    if (lines.length === 0) return false;
    const body = isHeader(lines[0].trim().split(SEPARATOR)) ? lines.slice(1) : lines;
    if (body.length === 0) return false;
    const hasHeader = body.length < lines.length;
    // Most sampled lines must fit, so one garbage line near the top does not make a whole file unreadable.
    const sampled = body.slice(0, 20);
    const fitting = sampled.filter((l) => {
      const t = l.trim().split(SEPARATOR);
      if (t.length < 2 || t.length > 5 || !t.every((x) => /^[\w:.@-]{1,200}$/.test(x))) return false;
      if (hasHeader) return true;
      // Without a header, ids plus numbers or type words only: "bob,3" or a sentence is not an edge list.
      const rest = t.slice(2);
      if (rest.length === 0) return /^\d+$/.test(t[0]) && /^\d+$/.test(t[1]);
      return rest.every((x) => /^\d+$/.test(x) || x.toLowerCase() in TYPE_WORDS);
    });
    return fitting.length >= Math.ceil(sampled.length * 0.7);
  },
  create(options: ParserOptions) {
    const platform = options.platform ?? 'snap';
    const fixedType = options.edgeType ? (TYPE_WORDS[options.edgeType.toLowerCase()] ?? null) : null;
    if (options.edgeType && !fixedType) throw new RangeError(`unknown edge type "${options.edgeType}" (use repost, mention, reply, quote, like or follow)`);
    const fileType = typeFromFileName(options.fileName);
    let cols: Columns | null = null;
    let first = true;
    return {
      parse(record): ParseOutcome {
        const line = record.raw.trim();
        if (line.startsWith('#')) {
          const items = emptyItems();
          items.skipped = 1;
          return { ok: true, items };
        }
        const tokens = line.split(SEPARATOR);
        if (first) {
          first = false;
          if (isHeader(tokens)) {
            const lower = tokens.map((t) => t.toLowerCase());
            const find = (...names: string[]) => {
              const i = lower.findIndex((t) => names.includes(t));
              return i >= 0 ? i : null;
            };
            cols = {
              time: find('timestamp', 'time', 'occurred_at'),
              type: find('type', 'interaction'),
              weight: find('count', 'weight'),
              headerType: TYPE_WORDS[lower[1]] ?? null,
            };
            const items = emptyItems();
            items.skipped = 1;
            return { ok: true, items };
          }
        }
        if (tokens.length < 2 || !tokens[0] || !tokens[1]) return { ok: false, reason: 'edge line needs at least an actor and a target' };
        let occurredAt: string | null = null;
        let typeWord: string | null = null;
        let weight = 1;
        if (cols) {
          if (cols.time !== null && tokens[cols.time]) occurredAt = timeFromNumber(tokens[cols.time]) ?? (Number.isNaN(Date.parse(tokens[cols.time])) ? null : new Date(tokens[cols.time]).toISOString());
          if (cols.type !== null) typeWord = tokens[cols.type] ?? null;
          if (cols.weight !== null && /^\d+$/.test(tokens[cols.weight] ?? '')) weight = Number(tokens[cols.weight]);
        } else {
          for (const t of tokens.slice(2)) {
            let at: string | null = null;
            if (TYPE_WORDS[t.toLowerCase()]) typeWord = t;
            else if (!occurredAt && (at = timeFromNumber(t))) occurredAt = at;
            else if (/^\d+$/.test(t)) weight = Number(t);
            else return { ok: false, reason: `unknown interaction type "${t}" (known: RT, MT, RE, QT, repost, mention, reply, quote, like, follow)` };
          }
        }
        let type: InteractionType | null = typeWord ? (TYPE_WORDS[typeWord.toLowerCase()] ?? null) : null;
        if (typeWord && !type) return { ok: false, reason: `unknown interaction type "${typeWord}"` };
        type ??= fixedType ?? cols?.headerType ?? fileType;
        if (!type) return { ok: false, reason: 'edge without a type: add a type column or pass --edge-type' };
        const items = emptyItems();
        const [actor, target] = tokens;
        // The actor was seen acting; the target is only referenced until it acts itself.
        items.accounts.push({ platform, externalId: actor, stub: false }, { platform, externalId: target, stub: true });
        items.interactions.push({ platform, type, actorExternalId: actor, targetExternalId: target, occurredAt, weight });
        return { ok: true, items };
      },
    };
  },
};
