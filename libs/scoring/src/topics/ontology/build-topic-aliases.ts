import { normalizeTopicTerm } from './normalize-topic-term.js';
import type { TopicOntologyFiles } from './topic-ontology-files.js';

/** Where an alias comes from; earlier sources win when one term matches several ways. */
export const ALIAS_SOURCES = ['curated', 'name', 'localized-name', 'slug', 'iab', 'entity'] as const;
export type AliasSource = (typeof ALIAS_SOURCES)[number];

export interface TopicAlias {
  alias: string;
  topicId: string;
  source: AliasSource;
  locale: string | null;
}

/**
 * Every way a topic can be named: its English and localized display names, its slug, Renown's curated
 * marketer vocabulary, the IAB Content Taxonomy's names (mapped onto Klout topics, falling back to the nearest
 * mapped IAB ancestor) and the human-labelled Wikidata entities that belong to it. Pure: same files, same rows.
 */
export function buildTopicAliases(files: TopicOntologyFiles): TopicAlias[] {
  const out = new Map<string, TopicAlias>();
  const add = (rawAlias: string, topicId: string, source: AliasSource, locale: string | null) => {
    const alias = normalizeTopicTerm(rawAlias);
    if (alias.length < 2) return;
    const key = `${alias}\u0000${topicId}`;
    const existing = out.get(key);
    if (existing && ALIAS_SOURCES.indexOf(existing.source) <= ALIAS_SOURCES.indexOf(source)) return;
    out.set(key, { alias, topicId, source, locale });
  };
  const bySlug = new Map(files.topics.map((t) => [t.slug, t.id]));
  const slugIds = (slugs: string[]) => slugs.map((s) => bySlug.get(s)).filter((id): id is string => !!id);

  // A "-super" root shares its display name with an ordinary topic ("Fashion"): name the ordinary one.
  const ordinaryNames = new Set(files.topics.filter((t) => !t.slug.endsWith('-super')).map((t) => normalizeTopicTerm(t.name)));
  const isShadowedSuper = (t: { slug: string; name: string }) => t.slug.endsWith('-super') && ordinaryNames.has(normalizeTopicTerm(t.name));
  const shadowed = new Set(files.topics.filter(isShadowedSuper).map((t) => t.id));

  for (const [term, slugs] of Object.entries(files.aliases)) for (const id of slugIds(slugs)) add(term, id, 'curated', null);
  for (const t of files.topics) {
    if (shadowed.has(t.id)) continue;
    add(t.name, t.id, 'name', 'en');
    add(t.slug.replace(/-super$/, '').replace(/-/g, ' '), t.id, 'slug', null);
  }
  for (const n of files.names) if (n.locale !== 'en' && !shadowed.has(n.topicId)) add(n.name, n.topicId, 'localized-name', n.locale);

  const nameToId = new Map<string, string>();
  for (const t of files.topics) if (!shadowed.has(t.id) && !nameToId.has(normalizeTopicTerm(t.name))) nameToId.set(normalizeTopicTerm(t.name), t.id);
  const iabById = new Map(files.iab.map((r) => [r.id, r]));
  const iabTopics = (row: TopicOntologyFiles['iab'][number] | undefined, seen = 0): string[] => {
    if (!row || seen > 6) return [];
    if (files.iabToKlout[row.name]) return slugIds(files.iabToKlout[row.name]);
    const exact = nameToId.get(normalizeTopicTerm(row.name));
    if (exact) return [exact];
    return iabTopics(iabById.get(row.parentId), seen + 1);
  };
  for (const row of files.iab) for (const id of iabTopics(row)) add(row.name, id, 'iab', 'en');

  for (const e of files.entityLabels) add(e.entityName, e.topicId, 'entity', null);
  return [...out.values()];
}
