/**
 * Expertise topics of one account from its evidence. Pure: every input is plain data, so the rules below are
 * unit-tested on their own (the "pork rule": one stray post never makes an authority).
 */

export interface TopicWeight {
  topicId: string;
  weight: number;
}

export interface PostEvidenceInput {
  postId: string;
  topics: TopicWeight[];
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
}

export interface EngagerInput {
  accountId: string;
  /** How much this account engaged with the one being scored (interactions, already weighted by type). */
  engagement: number;
  /** The engager's own expertise topics (weights 0..1 of its strongest). */
  topics: TopicWeight[];
}

export interface EndorsementInput {
  endorserAccountId: string;
  topicId: string;
}

export interface AccountTopicInputs {
  posts: PostEvidenceInput[];
  bioTopics: TopicWeight[];
  engagers: EngagerInput[];
  endorsements: EndorsementInput[];
  /** Topics hidden by the influencer or an operator: never returned, whatever the evidence. */
  hiddenTopicIds: Set<string>;
}

export interface OntologyView {
  ancestors(topicId: string): string[];
  /** False for topics not shown as expertise (the ontology's "-super" roots). */
  isListable(topicId: string): boolean;
}

export type EvidenceKind = 'post' | 'bio' | 'engager' | 'endorsement' | 'child-topic';

export interface EvidenceItem {
  kind: EvidenceKind;
  weight: number;
  postId?: string;
  accountId?: string;
  childTopicId?: string;
  detail?: string;
}

export interface AccountTopic {
  topicId: string;
  /** Evidence weight including roll-up from child topics and endorsements (what the profile shows). */
  weight: number;
  /** Weight from its own posts, bio and engagers only (no endorsements, no roll-up). */
  directWeight: number;
  /** Weight without endorsements: the only weight the per-topic influence score may use. */
  organicWeight: number;
  postCount: number;
  engagerCount: number;
  endorsementCount: number;
  evidence: EvidenceItem[];
}

export const EXPERTISE_RULES = {
  maxTopics: 20,
  /** A post counts toward a topic when the classifier is at least this sure. */
  minPostTopicWeight: 0.3,
  /** Distinct topic posts needed without other evidence (the pork rule). */
  minPosts: 3,
  /** Or: the bio names the topic and at least this many posts do. */
  minPostsWithBio: 1,
  /** Or: this many distinct engagers are themselves experts in it. */
  minEngagers: 3,
  /** And the topic must carry this share of the account's strongest topic. */
  minShareOfTop: 0.08,
  bioWeight: 3,
  engagerWeight: 1.5,
  endorsementWeight: 0.5,
  /** At most this many endorsements count per topic (more add nothing). */
  maxEndorsementsPerTopic: 5,
  /** Share of a child topic's weight its ancestors receive. */
  rollUp: 0.5,
  evidencePerKind: 5,
} as const;

/** Engagement a post earned, log-damped so one viral post cannot outweigh a body of work. */
export function postEngagementFactor(p: Pick<PostEvidenceInput, 'likes' | 'reposts' | 'replies' | 'quotes'>): number {
  return 1 + Math.log1p(Math.max(0, p.likes) + 2 * Math.max(0, p.reposts) + Math.max(0, p.replies) + 2 * Math.max(0, p.quotes));
}

interface Acc {
  direct: number;
  endorsed: number;
  rolled: number;
  posts: Set<string>;
  bio: boolean;
  engagers: Set<string>;
  endorsers: Set<string>;
  evidence: EvidenceItem[];
}

export function computeAccountTopics(input: AccountTopicInputs, ontology: OntologyView, rules = EXPERTISE_RULES): AccountTopic[] {
  const acc = new Map<string, Acc>();
  const get = (id: string) => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { direct: 0, endorsed: 0, rolled: 0, posts: new Set(), bio: false, engagers: new Set(), endorsers: new Set(), evidence: [] }));
    return a;
  };

  for (const p of input.posts) {
    const factor = postEngagementFactor(p);
    for (const t of p.topics) {
      if (t.weight < rules.minPostTopicWeight) continue;
      const a = get(t.topicId);
      const w = t.weight * factor;
      a.direct += w;
      a.posts.add(p.postId);
      a.evidence.push({ kind: 'post', postId: p.postId, weight: w, detail: `${p.likes} likes, ${p.reposts} reposts, ${p.replies} replies, ${p.quotes} quotes` });
    }
  }
  for (const t of input.bioTopics) {
    const a = get(t.topicId);
    const w = rules.bioWeight * t.weight;
    a.direct += w;
    a.bio = true;
    a.evidence.push({ kind: 'bio', weight: w });
  }
  const totalEngagement = input.engagers.reduce((s, e) => s + Math.max(0, e.engagement), 0);
  for (const e of input.engagers) {
    if (e.engagement <= 0 || totalEngagement <= 0) continue;
    // An engager's vote is its share of the engagement, so many distinct experts beat one busy fan.
    const share = Math.sqrt(e.engagement / totalEngagement);
    for (const t of e.topics) {
      const a = get(t.topicId);
      const w = rules.engagerWeight * share * t.weight;
      a.direct += w;
      a.engagers.add(e.accountId);
      a.evidence.push({ kind: 'engager', accountId: e.accountId, weight: w });
    }
  }
  for (const en of input.endorsements) {
    const a = get(en.topicId);
    if (a.endorsers.has(en.endorserAccountId) || a.endorsers.size >= rules.maxEndorsementsPerTopic) continue;
    a.endorsers.add(en.endorserAccountId);
    a.endorsed += rules.endorsementWeight;
    a.evidence.push({ kind: 'endorsement', accountId: en.endorserAccountId, weight: rules.endorsementWeight });
  }

  // Roll-up: ancestors receive a share of each child's organic weight and inherit its supporting posts/engagers.
  const direct = [...acc.entries()].filter(([, a]) => a.direct > 0);
  for (const [topicId, a] of direct) {
    for (const ancestor of ontology.ancestors(topicId)) {
      const up = get(ancestor);
      up.rolled += rules.rollUp * a.direct;
      for (const p of a.posts) up.posts.add(p);
      for (const e of a.engagers) up.engagers.add(e);
      up.bio ||= a.bio;
      up.evidence.push({ kind: 'child-topic', childTopicId: topicId, weight: rules.rollUp * a.direct });
    }
  }

  const qualifies = (a: Acc) =>
    a.posts.size >= rules.minPosts || (a.bio && a.posts.size >= rules.minPostsWithBio) || a.engagers.size >= rules.minEngagers;
  const organic = (a: Acc) => a.direct + a.rolled;
  const candidates = [...acc.entries()].filter(([id, a]) => ontology.isListable(id) && qualifies(a) && organic(a) > 0);
  const top = Math.max(0, ...candidates.map(([, a]) => organic(a)));
  return candidates
    .filter(([id, a]) => organic(a) >= rules.minShareOfTop * top && !input.hiddenTopicIds.has(id))
    .map(([topicId, a]) => ({
      topicId,
      weight: organic(a) + a.endorsed,
      directWeight: a.direct,
      organicWeight: organic(a),
      postCount: a.posts.size,
      engagerCount: a.engagers.size,
      endorsementCount: a.endorsers.size,
      evidence: topEvidence(a.evidence, rules.evidencePerKind),
    }))
    .sort((x, y) => y.organicWeight - x.organicWeight || y.weight - x.weight || x.topicId.localeCompare(y.topicId))
    .slice(0, rules.maxTopics);
}

function topEvidence(items: EvidenceItem[], perKind: number): EvidenceItem[] {
  const byKind = new Map<EvidenceKind, EvidenceItem[]>();
  for (const i of items) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i]);
  return [...byKind.values()].flatMap((list) => list.sort((a, b) => b.weight - a.weight).slice(0, perKind));
}
