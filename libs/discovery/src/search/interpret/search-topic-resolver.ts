import { getTopicLexicon, resolveTopicTerms, type TopicLexicon } from '@renown/scoring';
import type { TopicResolutionLike } from './interpret-search-query.js';

let safeLexicon: TopicLexicon | undefined;

/**
 * The shared ontology lexicon without the few entity aliases that point at topics the ontology does not have
 * (about a hundred Wikidata entity labels): looking those up would fail inside the resolver. Same object
 * otherwise (prototype), built once per process.
 */
export function searchLexicon(): TopicLexicon {
  if (safeLexicon) return safeLexicon;
  const lx = getTopicLexicon();
  const clean = new Map<string, ReturnType<TopicLexicon['lookup']>>();
  for (const [alias, hits] of lx.aliasIndex) {
    const ok = hits.filter((h) => lx.get(h.topicId));
    if (ok.length) clean.set(alias, ok);
  }
  safeLexicon = Object.create(lx, { aliasIndex: { value: clean }, compactIndex: { value: undefined, writable: true } }) as TopicLexicon;
  return safeLexicon;
}

/** Topic words -> ontology topics in `locale`, for interpretSearchQuery. */
export function resolveSearchTopics(text: string, locale = 'en'): TopicResolutionLike {
  if (!text.trim()) return { topics: [], unresolved: [], suggestions: [] };
  return resolveTopicTerms(text, { locale, lexicon: searchLexicon() });
}
