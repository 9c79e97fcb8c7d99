/**
 * Reads what a marketer typed ("EV reviewers on bluesky writing in german", "fitness creators with 10k-100k
 * followers") into filters and topic words. Filters are recognised by their cue words and cut out of the text;
 * what is left goes to the topic resolver (ontology aliases and names), whose leftovers are reported plainly
 * with suggestions. Pure: the topic resolver is passed in.
 */

export interface TopicMatch {
  id: string;
  slug: string;
  name: string;
  matched: string;
}

export interface TopicResolutionLike {
  topics: TopicMatch[];
  unresolved: string[];
  suggestions: { term: string; topics: { id: string; slug: string; name: string }[] }[];
}

export interface NumberRange {
  min: number | null;
  max: number | null;
}

export interface QueryInterpretation {
  query: string;
  topics: TopicMatch[];
  platforms: string[];
  languages: string[];
  locations: string[];
  followers: NumberRange | null;
  activeWithinDays: number | null;
  hasContactEmail: boolean | null;
  unresolved: string[];
  suggestions: TopicResolutionLike['suggestions'];
  /** Plain sentences about what was not understood (empty when everything was). */
  messages: string[];
}

export const MAX_QUERY_LENGTH = 200;

const PLATFORMS: Record<string, string> = {
  twitter: 'twitter',
  x: 'twitter',
  tweeting: 'twitter',
  bluesky: 'bluesky',
  bsky: 'bluesky',
  mastodon: 'mastodon',
  fediverse: 'mastodon',
  youtube: 'youtube',
  youtubers: 'youtube',
  youtuber: 'youtube',
  instagram: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  snapchat: 'snap',
  snap: 'snap',
};
/** Platform names that are also ordinary words: only with "on"/"from" in front. */
const AMBIGUOUS_PLATFORMS = new Set(['x', 'snap', 'tweeting', 'ig']);

export const LANGUAGES: Record<string, string> = {
  english: 'en',
  german: 'de',
  deutsch: 'de',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  italian: 'it',
  italiano: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  japanese: 'ja',
  arabic: 'ar',
  greek: 'el',
  korean: 'ko',
  chinese: 'zh',
  russian: 'ru',
  polish: 'pl',
  turkish: 'tr',
  swedish: 'sv',
  hindi: 'hi',
};

/** Common creator tiers by audience size. */
const TIERS: Record<string, NumberRange> = {
  nano: { min: 1_000, max: 10_000 },
  micro: { min: 10_000, max: 100_000 },
  'mid-tier': { min: 100_000, max: 500_000 },
  macro: { min: 100_000, max: 1_000_000 },
  mega: { min: 1_000_000, max: null },
};

const NUM = String.raw`(\d+(?:[.,]\d+)?)\s*(k|m|mm|thousand|million)?`;
const PLATFORM_WORDS = Object.keys(PLATFORMS).join('|');
const LANGUAGE_WORDS = Object.keys(LANGUAGES).join('|');
/** Words that end a location ("from berlin with 10k followers"). */
const LOCATION_END = String.raw`(?=\s+(?:with|on|writing|posting|who|that|in|active|having|and\s+(?:on|with|writing|active))\b|[,;]|$)`;

/** "10k" -> 10000, "1.5m" -> 1500000. */
export function parseCount(digits: string, unit: string | undefined): number {
  const n = Number(digits.replace(',', '.'));
  const u = (unit ?? '').toLowerCase();
  const factor = u === 'k' || u === 'thousand' ? 1_000 : u === 'm' || u === 'mm' || u === 'million' ? 1_000_000 : 1;
  return Math.round(n * factor);
}

export function interpretSearchQuery(query: string, resolveTopics: (text: string) => TopicResolutionLike): QueryInterpretation {
  let rest = ` ${query.replace(/\s+/g, ' ').trim()} `;
  const platforms: string[] = [];
  const languages: string[] = [];
  const locations: string[] = [];
  let followers: NumberRange | null = null;
  let activeWithinDays: number | null = null;
  let hasContactEmail: boolean | null = null;
  const add = (list: string[], v: string) => {
    if (!list.includes(v)) list.push(v);
  };
  /** Cuts every match of `re` out of the text (leaving a word break) unless `take` answers false. */
  const cut = (re: RegExp, take: (m: string[]) => void | false) => {
    rest = rest.replace(re, (...args: any[]) => {
      const m = args.slice(0, -2) as string[];
      return take(m) === false ? m[0] : ' ';
    });
  };

  // Follower counts: ranges, bounds, "10k+", tiers.
  cut(new RegExp(String.raw`\s(?:with\s+)?(?:between\s+)?${NUM}\s*(?:-|–|to|and)\s*${NUM}\s+followers?\b`, 'gi'), (m) => {
    const a = parseCount(m[1], m[2] ?? m[4]);
    const b = parseCount(m[3], m[4]);
    followers = { min: Math.min(a, b), max: Math.max(a, b) };
  });
  cut(new RegExp(String.raw`\s(?:with\s+)?(?:over|more than|above|at least|>=?)\s*${NUM}\s+followers?\b`, 'gi'), (m) => {
    followers = { min: parseCount(m[1], m[2]), max: followers?.max ?? null };
  });
  cut(new RegExp(String.raw`\s(?:with\s+)?(?:under|less than|fewer than|below|at most|<=?)\s*${NUM}\s+followers?\b`, 'gi'), (m) => {
    followers = { min: followers?.min ?? null, max: parseCount(m[1], m[2]) };
  });
  cut(new RegExp(String.raw`\s(?:with\s+)?${NUM}\s*\+?\s+followers?\b`, 'gi'), (m) => {
    followers = { min: parseCount(m[1], m[2]), max: null };
  });
  cut(/\s(nano|micro|mid-tier|macro|mega)(?:[- ]?(?=influencers?\b|creators?\b)|\b)/gi, (m) => {
    followers ??= { ...TIERS[m[1].toLowerCase()] };
  });

  // Platforms: "on bluesky", "on bluesky and mastodon", "from x", or an unambiguous name anywhere.
  cut(new RegExp(String.raw`\s(?:on|from|using)\s+((?:${PLATFORM_WORDS})(?:\s*(?:,|and|or|\+)\s*(?:${PLATFORM_WORDS}))*)\b`, 'gi'), (m) => {
    for (const w of m[1].toLowerCase().split(/\s*(?:,|\band\b|\bor\b|\+)\s*/)) if (PLATFORMS[w]) add(platforms, PLATFORMS[w]);
  });
  cut(new RegExp(String.raw`\s(${PLATFORM_WORDS})\b`, 'gi'), (m) => {
    const w = m[1].toLowerCase();
    if (AMBIGUOUS_PLATFORMS.has(w)) return false;
    add(platforms, PLATFORMS[w]);
  });

  // Languages: "writing in german", "in german", "german-speaking", "german-language".
  cut(new RegExp(String.raw`\s(?:(?:who\s+|that\s+)?(?:writing|writes|write|posting|posts|post|tweeting|speaking|speak|creating)\s+)?in\s+(${LANGUAGE_WORDS})\b`, 'gi'), (m) => {
    add(languages, LANGUAGES[m[1].toLowerCase()]);
  });
  cut(new RegExp(String.raw`\s(${LANGUAGE_WORDS})[- ](?:speaking|language)\b`, 'gi'), (m) => {
    add(languages, LANGUAGES[m[1].toLowerCase()]);
  });

  // Activity: "active in the last 30 days", "active this week", "active recently".
  cut(/\s(?:(?:who\s+|that\s+)?(?:were\s+|are\s+)?(?:active|posting|posted))\s+(?:in|within|over|during)\s+the\s+(?:last|past)\s+(\d+)\s+days?\b/gi, (m) => {
    activeWithinDays = Number(m[1]);
  });
  cut(/\s(?:active|posting)\s+(this|last|past)\s+(week|month)\b/gi, (m) => {
    activeWithinDays = m[2].toLowerCase() === 'week' ? 7 : 30;
  });
  cut(/\s(?:active|posting)\s+(?:recently|lately)\b/gi, () => {
    activeWithinDays = 30;
  });

  // Contact: "with email", "with a contact email", "we can email".
  cut(/\s(?:with\s+(?:an?\s+)?(?:contact\s+)?(?:emails?|e-mails?|contacts?(?:\s+info)?)|(?:who|that)\s+we\s+can\s+(?:e-?mail|contact))\b/gi, () => {
    hasContactEmail = true;
  });

  // Locations: "based in berlin", "from germany", "located in new york". Plain "in" is left to topics
  // ("influencers in automotive"): the ontology has countries and cities as topics too.
  cut(new RegExp(String.raw`\s(?:based\s+in|located\s+in|living\s+in|from|near)\s+(.+?)${LOCATION_END}`, 'gi'), (m) => {
    add(locations, m[1].trim());
  });

  const resolution = resolveTopics(rest.replace(/\s+/g, ' ').trim());
  const messages: string[] = [];
  for (const s of resolution.suggestions) {
    const did = s.topics.length ? ` Did you mean ${s.topics.map((t) => t.name).join(', ')}?` : '';
    messages.push(`Nothing matched "${s.term}".${did}`);
  }
  for (const term of resolution.unresolved) {
    if (!resolution.suggestions.some((s) => s.term === term)) messages.push(`Nothing matched "${term}".`);
  }
  if (resolution.unresolved.length && !resolution.topics.length) {
    messages.push(resolution.unresolved.length === 1 ? 'No topic was recognised, so nothing was searched: pick a suggestion or try another word.' : 'No topic was recognised, so nothing was searched: pick a suggestion or try other words.');
  } else if (resolution.unresolved.length) {
    messages.push(`Searched ${resolution.topics.map((t) => t.name).join(', ')} without the words that matched nothing.`);
  }
  return {
    query,
    topics: resolution.topics.map((t) => ({ id: t.id, slug: t.slug, name: t.name, matched: t.matched })),
    platforms,
    languages,
    locations,
    followers,
    activeWithinDays,
    hasContactEmail,
    unresolved: resolution.unresolved,
    suggestions: resolution.suggestions,
    messages,
  };
}
