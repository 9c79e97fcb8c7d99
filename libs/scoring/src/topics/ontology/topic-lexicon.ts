import { ALIAS_SOURCES, type AliasSource, buildTopicAliases, type TopicAlias } from './build-topic-aliases.js';
import { ROOT_TOPIC_ID, readTopicOntologyFiles, type TopicOntologyFiles } from './topic-ontology-files.js';

export interface LexiconTopic {
  id: string;
  slug: string;
  name: string;
  /** Display names by locale (ar, de, en, es, fr, it). */
  names: Record<string, string>;
  parentIds: string[];
  childIds: string[];
}

export interface AliasHit {
  topicId: string;
  source: AliasSource;
  locale: string | null;
}

/**
 * The ontology in memory: topics, the parent/child DAG and an index from normalized alias to topics. Built once
 * per process from the shipped files (about half a second); every topic function takes it as a plain argument.
 */
export class TopicLexicon {
  readonly topics = new Map<string, LexiconTopic>();
  readonly bySlug = new Map<string, LexiconTopic>();
  readonly aliasIndex = new Map<string, AliasHit[]>();
  readonly maxAliasTokens: number;
  /** Every proper word-prefix of an alias ("electric" for "electric cars"): phrase matching stops when none continues. */
  readonly aliasPrefixes = new Set<string>();
  /** TweetTopic label -> topic ids (for eval and for the naive Bayes model's coarse topics). */
  readonly tweetTopicLabels: Map<string, string[]>;
  readonly twitterDomains: Map<string, string[]>;
  private readonly ancestorCache = new Map<string, string[]>();
  private compactIndex?: Map<string, AliasHit[]>;

  constructor(files: TopicOntologyFiles, aliases: TopicAlias[] = buildTopicAliases(files)) {
    for (const t of files.topics) {
      const topic: LexiconTopic = { id: t.id, slug: t.slug, name: t.name, names: { en: t.name }, parentIds: [], childIds: [] };
      this.topics.set(t.id, topic);
      this.bySlug.set(t.slug, topic);
    }
    for (const n of files.names) {
      const t = this.topics.get(n.topicId);
      if (t && n.name) t.names[n.locale] = n.name;
    }
    for (const e of files.edges) {
      const parent = this.topics.get(e.parentId);
      const child = this.topics.get(e.childId);
      if (!child) continue;
      if (parent) parent.childIds.push(child.id);
      if (e.parentId !== ROOT_TOPIC_ID && parent) child.parentIds.push(parent.id);
    }
    let maxTokens = 1;
    for (const a of aliases) {
      // An alias of a topic the ontology does not hold (e.g. an entity alias of a pruned topic) names nothing.
      if (!this.topics.has(a.topicId)) continue;
      const hits = this.aliasIndex.get(a.alias) ?? [];
      hits.push({ topicId: a.topicId, source: a.source, locale: a.locale });
      this.aliasIndex.set(a.alias, hits);
      const words = a.alias.split(' ');
      maxTokens = Math.max(maxTokens, words.length);
      for (let k = 1; k < words.length; k++) this.aliasPrefixes.add(words.slice(0, k).join(' '));
    }
    for (const hits of this.aliasIndex.values()) hits.sort((x, y) => ALIAS_SOURCES.indexOf(x.source) - ALIAS_SOURCES.indexOf(y.source));
    this.maxAliasTokens = Math.min(maxTokens, 6);
    const ids = (slugs: string[]) => slugs.map((s) => this.bySlug.get(s)?.id).filter((id): id is string => !!id);
    this.tweetTopicLabels = new Map(Object.entries(files.tweetTopicLabels).map(([label, slugs]) => [label, ids(slugs)]));
    this.twitterDomains = new Map(Object.entries(files.twitterDomains).map(([d, slugs]) => [d, ids(slugs)]));
  }

  get(id: string): LexiconTopic | undefined {
    return this.topics.get(id);
  }

  /** Every ancestor (transitively; the DAG lets a topic have several parents), nearest first, root excluded. */
  ancestors(id: string): string[] {
    const cached = this.ancestorCache.get(id);
    if (cached) return cached;
    const seen = new Set<string>();
    const queue = [...(this.topics.get(id)?.parentIds ?? [])];
    while (queue.length) {
      const p = queue.shift()!;
      if (seen.has(p) || p === id) continue;
      seen.add(p);
      queue.push(...(this.topics.get(p)?.parentIds ?? []));
    }
    const list = [...seen];
    this.ancestorCache.set(id, list);
    return list;
  }

  /** The display name in a locale, falling back to English. */
  displayName(id: string, locale = 'en'): string {
    const t = this.topics.get(id);
    return t ? (t.names[locale.slice(0, 2)] ?? t.name) : id;
  }

  lookup(alias: string): AliasHit[] {
    return this.aliasIndex.get(alias) ?? [];
  }

  /** Lookup by an alias written without spaces, as in hashtags and domains ("electriccars", "espn"). */
  lookupCompact(compact: string): AliasHit[] {
    if (!this.compactIndex) {
      this.compactIndex = new Map();
      for (const [alias, hits] of this.aliasIndex) {
        const key = alias.replace(/ /g, '');
        if (key.length >= 4 && !this.compactIndex.has(key)) this.compactIndex.set(key, hits);
      }
    }
    return this.compactIndex.get(compact) ?? [];
  }
}

let shared: TopicLexicon | undefined;

/** The process-wide lexicon built from the shipped data files. */
export function getTopicLexicon(): TopicLexicon {
  shared ??= new TopicLexicon(readTopicOntologyFiles());
  return shared;
}
