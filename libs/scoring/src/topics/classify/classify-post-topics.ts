import { normalizeTopicTerm, splitHashtag } from '../ontology/normalize-topic-term.js';
import type { AliasHit, TopicLexicon } from '../ontology/topic-lexicon.js';
import type { TweetTopicModel, TweetTopicLabel } from './tweet-topic-model.js';

export interface PostForTopics {
  text?: string | null;
  /** Lower-case, without '#'. Taken from the text when absent. */
  hashtags?: string[] | null;
  urls?: string[] | null;
  /** Twitter context_annotations: [{ domain: { id, name }, entity: { id, name } }]. */
  annotations?: unknown;
  language?: string | null;
  /** Topics of the accounts the post mentions (from their stored expertise), if known. */
  mentionedTopicIds?: string[];
}

export type PostTopicSource = 'annotation' | 'hashtag' | 'text' | 'link' | 'mention' | 'model';

export interface PostTopic {
  topicId: string;
  /** 0..1: how sure we are (noisy-or of the independent signals). */
  weight: number;
  sources: PostTopicSource[];
}

export interface ClassifierOptions {
  /** The small text model for the 19 coarse labels (optional: the lexicon works alone). */
  model?: TweetTopicModel;
  /** Probability above which the model's label counts as a topic. */
  modelThreshold?: number;
  maxTopics?: number;
  /**
   * Model labels that name no real subject ("Diaries & Daily Life"): scored for eval, but not turned into post
   * topics in production, or every chatty account would become an expert on its mapped topic.
   */
  skipModelLabels?: ReadonlySet<string>;
}

/** Words too common to name a topic when they stand alone in running text (they still work as hashtags). */
const COMMON_WORDS = new Set(
  (
    'the and for you are this that with have from not but all was what when your can out one just like time love ' +
    'life good great new day today people best news free home live world music game work more make know will ' +
    'about year back man family friends friend fun happy girl boy old big real show star stars watch play team ' +
    'que los las del por una con para como pero mas muy esta este todo hoy vida amor dia ser les des une pour ' +
    'dans qui sur pas est die der das und ist nicht ein eine mit den von che per non una sono ' +
    'who what where which why how there here then than them they their our his her him she was were been being ' +
    'has had does did doing would could should might must may also only even still ever never always very much ' +
    'some any each every other such same own most many few more less last next first again once just now well ' +
    'way want need going get got make made take took give gave come came see saw look say said tell told think ' +
    'thing things stuff yes yeah lol omg nice cool thanks thank please sorry pop rock save step fast top hot'
  ).split(' '),
);

const SOURCE_WEIGHT: Record<PostTopicSource, number> = {
  annotation: 0.9,
  hashtag: 0.8,
  text: 0.7,
  link: 0.5,
  mention: 0.3,
  model: 0.8,
};

type Hit = { topicId: string; weight: number; source: PostTopicSource };

const wordCache = new Map<string, string>();
/** normalizeTopicTerm for one word, memoized (a corpus repeats its words; the cache is bounded). */
function normalizeWord(word: string): string {
  let n = wordCache.get(word);
  if (n === undefined) {
    n = normalizeTopicTerm(word);
    if (wordCache.size > 200_000) wordCache.clear();
    wordCache.set(word, n);
  }
  return n;
}

function pickHits(hits: AliasHit[]): AliasHit[] {
  const top = hits[0].source;
  const same = hits.filter((h) => h.source === top);
  return top === 'curated' || top === 'iab' ? same : same.slice(0, 2);
}

/** Longest-phrase matching of running text against the lexicon, with guards against common single words. */
function matchText(lexicon: TopicLexicon, text: string, source: PostTopicSource, out: Hit[]) {
  const raw = (text.replace(/&/g, ' and ').replace(/['’]/g, '').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => normalizeWord(w));
  const words = raw.map(normalizeWord);
  for (let i = 0; i < words.length; ) {
    let used = 1;
    // Only phrases that some alias starts with can grow: usually one or two lookups per word, not six.
    let longest = 1;
    for (let phrase = words[i]; longest < lexicon.maxAliasTokens && i + longest < words.length && lexicon.aliasPrefixes.has(phrase); longest++) {
      phrase += ` ${words[i + longest]}`;
    }
    for (let n = longest; n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const hits = lexicon.lookup(phrase);
      if (!hits.length) continue;
      const chosen = pickHits(hits);
      let w = 1;
      if (n === 1) {
        const original = raw[i];
        const capitalized = /^\p{Lu}/u.test(original) && original !== original.toUpperCase();
        if (phrase.length < 3 && hits[0].source !== 'curated') continue;
        if (COMMON_WORDS.has(phrase)) continue;
        if (hits[0].source === 'entity' && !capitalized) continue;
        // A one-word name of a leaf topic ("Glee", "Lost") is usually a title: trust it more when capitalized.
        const leaf = chosen.every((h) => (lexicon.get(h.topicId)?.childIds.length ?? 0) === 0);
        if (leaf && !capitalized) w = 0.4;
      }
      if (hits[0].source === 'entity') w *= 0.6;
      for (const h of chosen) out.push({ topicId: h.topicId, weight: (w * SOURCE_WEIGHT[source]) / Math.sqrt(chosen.length), source });
      used = n;
      break;
    }
    i += used;
  }
}

function matchHashtag(lexicon: TopicLexicon, tag: string, out: Hit[]) {
  const phrase = splitHashtag(tag);
  const compact = normalizeTopicTerm(tag).replace(/ /g, '');
  const hits = lexicon.lookup(phrase).length ? lexicon.lookup(phrase) : lexicon.lookupCompact(compact);
  if (hits.length) {
    const chosen = pickHits(hits);
    for (const h of chosen) out.push({ topicId: h.topicId, weight: SOURCE_WEIGHT.hashtag / Math.sqrt(chosen.length), source: 'hashtag' });
  } else if (phrase.includes(' ')) {
    matchText(lexicon, phrase, 'hashtag', out);
  }
}

function matchAnnotations(lexicon: TopicLexicon, annotations: unknown, out: Hit[]) {
  if (!Array.isArray(annotations)) return;
  for (const a of annotations) {
    const entity = typeof a?.entity?.name === 'string' ? a.entity.name : '';
    const domain = typeof a?.domain?.name === 'string' ? a.domain.name : '';
    const hits = entity ? lexicon.lookup(normalizeTopicTerm(entity)) : [];
    if (hits.length) {
      for (const h of pickHits(hits)) out.push({ topicId: h.topicId, weight: SOURCE_WEIGHT.annotation, source: 'annotation' });
      continue;
    }
    for (const id of lexicon.twitterDomains.get(domain) ?? []) out.push({ topicId: id, weight: SOURCE_WEIGHT.annotation * 0.7, source: 'annotation' });
  }
}

function matchLink(lexicon: TopicLexicon, url: string, out: Hit[]) {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return;
  }
  const host = u.hostname.replace(/^www\./, '').split('.');
  const site = host.length >= 2 ? host[host.length - 2] : host[0];
  const siteHits = lexicon.lookupCompact(site);
  if (site.length > 3 && siteHits.length) for (const h of pickHits(siteHits)) out.push({ topicId: h.topicId, weight: SOURCE_WEIGHT.link, source: 'link' });
  const path = decodeURIComponent(u.pathname).replace(/[-_/.+]+/g, ' ');
  matchText(lexicon, path, 'link', out);
}

/**
 * Topics of one post from every signal it carries: the platform's own annotations (most reliable), hashtags,
 * the words of the text in any language the ontology names (ar, de, en, es, fr, it), links (site and path
 * words), the topics of mentioned accounts, and optionally the small text model's coarse labels. Signals are
 * combined as a noisy-or per topic. Pure: the lexicon and model are arguments.
 */
export function classifyPostTopics(lexicon: TopicLexicon, post: PostForTopics, options: ClassifierOptions = {}): PostTopic[] {
  const hits: Hit[] = [];
  const text = post.text ?? '';
  const hashtags = post.hashtags?.length ? post.hashtags : [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]);
  matchAnnotations(lexicon, post.annotations, hits);
  for (const tag of hashtags) matchHashtag(lexicon, tag, hits);
  matchText(lexicon, text.replace(/https?:\/\/\S+/g, ' ').replace(/[@#][\p{L}\p{N}_]+/gu, ' '), 'text', hits);
  for (const url of post.urls ?? []) matchLink(lexicon, url, hits);
  for (const id of post.mentionedTopicIds ?? []) hits.push({ topicId: id, weight: SOURCE_WEIGHT.mention, source: 'mention' });
  if (options.model && text.trim()) {
    const threshold = options.modelThreshold ?? 0.5;
    for (const [label, p] of options.model.predict(text)) {
      if (p < threshold || options.skipModelLabels?.has(label)) continue;
      const primary = lexicon.tweetTopicLabels.get(label as TweetTopicLabel)?.[0];
      if (primary) hits.push({ topicId: primary, weight: SOURCE_WEIGHT.model * p, source: 'model' });
    }
  }
  const byTopic = new Map<string, { miss: number; sources: Set<PostTopicSource> }>();
  for (const h of hits) {
    const t = byTopic.get(h.topicId) ?? { miss: 1, sources: new Set() };
    t.miss *= 1 - Math.min(h.weight, 0.99);
    t.sources.add(h.source);
    byTopic.set(h.topicId, t);
  }
  return [...byTopic.entries()]
    .map(([topicId, t]) => ({ topicId, weight: Math.round((1 - t.miss) * 1000) / 1000, sources: [...t.sources] }))
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.topicId.localeCompare(b.topicId))
    .slice(0, options.maxTopics ?? 10);
}
