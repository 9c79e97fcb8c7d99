import { normalizeTopicTerm, tokenizeNormalized } from './normalize-topic-term.js';
import type { AliasSource } from './build-topic-aliases.js';
import { getTopicLexicon, type TopicLexicon } from './topic-lexicon.js';

export interface ResolvedTopic {
  id: string;
  slug: string;
  /** Display name in the requested locale (English when the ontology has none in it). */
  name: string;
  /** The words of the input that named it. */
  matched: string;
  via: AliasSource;
}

export interface TopicSuggestion {
  term: string;
  topics: { id: string; slug: string; name: string }[];
}

export interface TopicResolution {
  topics: ResolvedTopic[];
  /** Words that named no topic, as typed (contiguous words grouped). */
  unresolved: string[];
  /** For each unresolved term, the closest topic names (spelling, partial words). */
  suggestions: TopicSuggestion[];
}

/** Words a marketer types around a topic that are not topics themselves. */
const FILLER = new Set(
  ('a an and or the of in on for about with who whom that top best leading influencers influencer creators creator ' +
    'people accounts account experts expert voices writers bloggers reviewers reviewer posting writing talking ' +
    'influenceurs influencers en de del la las los el y sobre mejores und im der die das über von et le les des du sur')
    .split(' '),
);

function singular(word: string): string | null {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return null;
}

function lookupPhrase(lexicon: TopicLexicon, words: string[]) {
  const phrase = words.join(' ');
  let hits = lexicon.lookup(phrase);
  if (!hits.length) {
    const last = singular(words[words.length - 1]);
    if (last) hits = lexicon.lookup([...words.slice(0, -1), last].join(' '));
  }
  return hits;
}

function bigrams(s: string): Set<string> {
  const padded = ` ${s} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) out.add(padded.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/** Closest topic names to a term that matched nothing: bigram similarity, or a name that contains the term. */
export function suggestTopics(lexicon: TopicLexicon, term: string, locale = 'en', limit = 3): TopicSuggestion['topics'] {
  const norm = normalizeTopicTerm(term);
  if (!norm) return [];
  const grams = bigrams(norm);
  const scored: { id: string; score: number }[] = [];
  for (const [alias, hits] of lexicon.aliasIndex) {
    if (Math.abs(alias.length - norm.length) > norm.length + 6) continue;
    let score = dice(grams, bigrams(alias));
    if (norm.length >= 4 && alias.split(' ').some((w) => w.startsWith(norm))) score = Math.max(score, 0.6);
    if (score < 0.5) continue;
    const best = hits.find((h) => h.source !== 'entity') ?? hits[0];
    scored.push({ id: best.topicId, score: score + (best.source === 'entity' ? -0.1 : 0) });
  }
  scored.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const out: TopicSuggestion['topics'] = [];
  for (const s of scored) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const t = lexicon.get(s.id)!;
    out.push({ id: t.id, slug: t.slug, name: lexicon.displayName(t.id, locale) });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * What a marketer typed ("automotive", "EV and motorsport", "fútbol") -> ontology topics. Longest phrase first;
 * a phrase named by a curated or IAB alias maps to every topic it lists ("automotive" -> Cars and Auto Industry);
 * otherwise the best source wins (display name before a Wikidata entity). Words that name nothing are returned
 * as `unresolved`, each with suggestions, so the caller can say so plainly.
 */
export function resolveTopicTerms(text: string, options: { locale?: string; lexicon?: TopicLexicon } = {}): TopicResolution {
  const lexicon = options.lexicon ?? getTopicLexicon();
  const locale = options.locale ?? 'en';
  // Keep the typed words so unresolved terms read as the user wrote them.
  const typed = text.split(/[\s,;/+]+/).filter(Boolean);
  const words: { norm: string; raw: string }[] = [];
  for (const raw of typed) for (const norm of tokenizeNormalized(normalizeTopicTerm(raw))) words.push({ norm, raw });

  const topics: ResolvedTopic[] = [];
  const seen = new Set<string>();
  const unresolved: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) unresolved.push(pending.join(' '));
    pending = [];
  };
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(lexicon.maxAliasTokens, words.length - i); n >= 1; n--) {
      const slice = words.slice(i, i + n).map((w) => w.norm);
      if (n === 1 && FILLER.has(slice[0])) break;
      const hits = lookupPhrase(lexicon, slice);
      if (!hits.length) continue;
      const top = hits[0].source;
      const chosen = top === 'curated' || top === 'iab' ? hits.filter((h) => h.source === top) : hits.filter((h) => h.source === top).slice(0, 3);
      for (const h of chosen) {
        if (seen.has(h.topicId)) continue;
        seen.add(h.topicId);
        const t = lexicon.get(h.topicId)!;
        topics.push({ id: t.id, slug: t.slug, name: lexicon.displayName(t.id, locale), matched: slice.join(' '), via: h.source });
      }
      matched = n;
      break;
    }
    if (matched) {
      flush();
      i += matched;
    } else {
      if (FILLER.has(words[i].norm)) flush();
      else if (!pending.length || pending[pending.length - 1] !== words[i].raw) pending.push(words[i].raw);
      i++;
    }
  }
  flush();
  const suggestions = unresolved.map((term) => ({ term, topics: suggestTopics(lexicon, term, locale) }));
  return { topics, unresolved, suggestions };
}
