import { getTopicClassifier, getTopicLexicon, resolveTopicTerms, type TopicClassifier, type TopicLexicon } from '@renown/scoring/topics/index.js';

export interface VerticalVerdict {
  kept: boolean;
  /** Share of the account's texts (bio and recent posts) about the vertical, 0..1. */
  share: number;
  /** A sentence for the Sources screen: "9 of 12 posts and the bio are about Cars, Electric Cars". */
  reason: string;
}

/** An account is in the vertical when at least this share of its texts are about it (and at least two texts are). */
export const KEEP_SHARE = 0.3;

/**
 * Decides whether a fetched account belongs to the crawl's vertical, with the topic classifier Renown already
 * uses for posts: each text is classified, and counts when one of its topics is a vertical topic or lies under
 * one in the ontology. The crawl grows only from accounts it keeps, so a fitness coach who liked one car post
 * is read (their like counts) but does not lead the crawl into fitness.
 */
export class VerticalRelevance {
  readonly topicIds: ReadonlySet<string>;
  readonly topicNames: string[];

  constructor(
    topicSlugs: string[],
    private readonly lexicon: TopicLexicon = getTopicLexicon(),
    private readonly classifier: TopicClassifier = getTopicClassifier(),
  ) {
    const ids = topicSlugs.map((s) => lexicon.bySlug.get(s)?.id).filter((id): id is string => !!id);
    this.topicIds = new Set(ids);
    this.topicNames = ids.map((id) => lexicon.displayName(id));
  }

  /** The vertical's topics named by a crawl's words ("cars, electric vehicles, #EV"); unknown words are returned apart. */
  static resolve(terms: string[], lexicon: TopicLexicon = getTopicLexicon()): { slugs: string[]; unresolved: string[] } {
    const slugs = new Set<string>();
    const unresolved: string[] = [];
    for (const term of terms) {
      const r = resolveTopicTerms(term.replace(/^#/, ''), { lexicon });
      if (r.topics.length) r.topics.forEach((t) => slugs.add(t.slug));
      else unresolved.push(term);
    }
    return { slugs: [...slugs], unresolved };
  }

  private onVertical(text: string, hashtags: string[] = []): boolean {
    if (!text.trim() && !hashtags.length) return false;
    for (const t of this.classifier.classify({ text, hashtags })) {
      if (t.weight < 0.3) continue;
      if (this.topicIds.has(t.topicId) || this.lexicon.ancestors(t.topicId).some((a) => this.topicIds.has(a))) return true;
    }
    return false;
  }

  judge(bio: string | null, posts: { text: string; hashtags: string[] }[]): VerticalVerdict {
    const bioHit = bio ? this.onVertical(bio) : false;
    const postHits = posts.filter((p) => this.onVertical(p.text, p.hashtags)).length;
    const texts = posts.length + (bio ? 1 : 0);
    const hits = postHits + (bioHit ? 1 : 0);
    const share = texts ? hits / texts : 0;
    const kept = hits >= 2 ? share >= KEEP_SHARE : posts.length === 0 && bioHit;
    const about = this.topicNames.join(', ') || 'the vertical';
    const reason = `${postHits} of ${posts.length} recent posts${bio ? (bioHit ? ' and the bio' : ', not the bio,') : ''} are about ${about}`;
    return { kept, share: Math.round(share * 1000) / 1000, reason };
  }
}
