/**
 * "More like this": how similar a candidate account is to a seed account, from what they post about
 * (topics) and who listens to them (engagers). Pure functions of plain data; the SQL that generates the
 * candidates and samples their engagers lives in lookalike.repository.ts.
 *
 * similarity = TOPIC_WEIGHT * cosine(topic weights) + AUDIENCE_WEIGHT * sqrt(jaccard(engager samples))
 *
 * - Topic cosine over account_topics weights (hidden topics already removed): 1 when two accounts spread
 *   their posting over the same topics in the same proportions.
 * - Audience Jaccard over samples of recent distinct engagers (followers, likers, repliers, reposters).
 *   Jaccard of real audiences is small (0.05 is already a strong overlap), so its square root spreads it
 *   over 0..1 before mixing; sqrt keeps the order and 0 stays 0.
 * - When the seed has no engagers at all, audience cannot be judged: topics alone decide (weight 1).
 */
export const LOOKALIKE_MODEL_VERSION = 'lookalike-v1';
export const TOPIC_WEIGHT = 0.6;
export const AUDIENCE_WEIGHT = 0.4;

export interface TopicWeight {
  topicId: string;
  name: string;
  weight: number;
}

export interface LookalikeInput {
  accountId: string;
  handle: string | null;
  /** The person behind the account, when known: one result per person. */
  personId?: string | null;
  topics: TopicWeight[];
  /** Distinct engagers in the candidate's sample. */
  engagerSample: number;
  /** How many of them are also in the seed's sample. */
  sharedEngagers: number;
}

export interface SeedProfile {
  accountId: string;
  handle: string | null;
  topics: TopicWeight[];
  engagerSample: number;
}

export interface ScoredLookalike {
  accountId: string;
  similarity: number;
  topicSimilarity: number;
  audienceSimilarity: number;
  sharedTopics: string[];
  sharedEngagers: number;
  why: string;
}

export function topicCosine(a: readonly TopicWeight[], b: readonly TopicWeight[]): number {
  if (!a.length || !b.length) return 0;
  const wb = new Map(b.map((t) => [t.topicId, t.weight]));
  let dot = 0;
  for (const t of a) dot += t.weight * (wb.get(t.topicId) ?? 0);
  const norm = (v: readonly TopicWeight[]) => Math.sqrt(v.reduce((s, t) => s + t.weight * t.weight, 0));
  const d = norm(a) * norm(b);
  return d > 0 ? Math.min(1, dot / d) : 0;
}

/** Jaccard from set sizes and their intersection (the sets themselves stay in the database). */
export function jaccardFromCounts(sizeA: number, sizeB: number, shared: number): number {
  const union = sizeA + sizeB - shared;
  return union > 0 && shared > 0 ? shared / union : 0;
}

/** Shared topics, strongest for the pair first (by the smaller of the two weights). */
export function sharedTopicNames(seed: readonly TopicWeight[], other: readonly TopicWeight[]): string[] {
  const w = new Map(other.map((t) => [t.topicId, t.weight]));
  return seed
    .filter((t) => w.has(t.topicId))
    .map((t) => ({ name: t.name, strength: Math.min(t.weight, w.get(t.topicId)!) }))
    .sort((x, y) => y.strength - x.strength || x.name.localeCompare(y.name))
    .map((t) => t.name);
}

const listNames = (names: string[]) => {
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  const text = shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return more > 0 ? `${text} (+${more} more)` : text;
};

/** The one-line reason shown under a result, in words a marketer reads. */
export function explainLookalike(seed: SeedProfile, r: Pick<ScoredLookalike, 'sharedTopics' | 'sharedEngagers'> & { engagerSample: number }): string {
  const who = seed.handle ? `@${seed.handle}` : `account ${seed.accountId}`;
  const parts: string[] = [];
  if (r.sharedTopics.length) parts.push(`Posts about ${listNames(r.sharedTopics)} like ${who}`);
  else parts.push(`No topic in common with ${who}`);
  if (r.sharedEngagers > 0) {
    parts.push(`${r.sharedEngagers} of its ${r.engagerSample} recent engagers also engage with ${who}`);
  } else if (seed.engagerSample > 0) {
    parts.push('no shared engagers');
  }
  return parts.join('; ');
}

export function scoreLookalike(seed: SeedProfile, c: LookalikeInput): ScoredLookalike {
  const topicSimilarity = topicCosine(seed.topics, c.topics);
  const audienceSimilarity = jaccardFromCounts(seed.engagerSample, c.engagerSample, c.sharedEngagers);
  const similarity = seed.engagerSample > 0 ? TOPIC_WEIGHT * topicSimilarity + AUDIENCE_WEIGHT * Math.sqrt(audienceSimilarity) : topicSimilarity;
  const sharedTopics = sharedTopicNames(seed.topics, c.topics);
  return {
    accountId: c.accountId,
    similarity: round(similarity),
    topicSimilarity: round(topicSimilarity),
    audienceSimilarity: round(audienceSimilarity),
    sharedTopics,
    sharedEngagers: c.sharedEngagers,
    why: explainLookalike(seed, { sharedTopics, sharedEngagers: c.sharedEngagers, engagerSample: c.engagerSample }),
  };
}

/**
 * Most similar first; ties by account id so pages and tests are stable. Zero-similarity candidates are
 * dropped, and a person with several similar accounts appears once, with their most similar account (the
 * result row lists the person's other accounts).
 */
export function rankLookalikes(seed: SeedProfile, candidates: readonly LookalikeInput[], limit: number): ScoredLookalike[] {
  const personOf = new Map(candidates.map((c) => [c.accountId, c.personId ?? null]));
  const seenPersons = new Set<string>();
  const out: ScoredLookalike[] = [];
  const ranked = candidates
    .filter((c) => c.accountId !== seed.accountId)
    .map((c) => scoreLookalike(seed, c))
    .filter((r) => r.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || compareIds(a.accountId, b.accountId));
  for (const r of ranked) {
    const person = personOf.get(r.accountId);
    if (person) {
      if (seenPersons.has(person)) continue;
      seenPersons.add(person);
    }
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const compareIds = (a: string, b: string) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);
