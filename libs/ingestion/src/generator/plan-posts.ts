import { SeededRandom } from './seeded-random.js';
import type { SyntheticPopulation } from './synthetic-population.js';

export type PlannedPostKind = 'original' | 'repost' | 'reply' | 'quote';

export interface PlannedPost {
  index: number;
  author: number;
  kind: PlannedPostKind;
  createdMs: number;
  /** The original post a repost, reply or quote refers to (always an original, so it can be re-derived). */
  target?: { index: number; author: number; createdMs: number };
}

export interface PostPlanOptions {
  posts: number;
  /** Length of the period the posts spread over, ending at the population's `untilMs`. */
  days: number;
}

const DAY_MS = 86_400_000;

/**
 * Who posts what, when, in reply to whom: the format-independent skeleton of the post stream. Authors are drawn
 * by activity; engagement targets by popularity within the engager's vertical (Zipf over follower rank), so
 * reposts concentrate on the head of each niche. Bot-ring members mostly repost each other.
 *
 * Only originals can be targets, and only the latest original of an account is remembered, so memory is one
 * integer per account whatever the number of posts.
 */
export function* planPosts(population: SyntheticPopulation, opts: PostPlanOptions): Generator<PlannedPost> {
  const rng = new SeededRandom(population.seed, 2);
  const lastOriginal = new Int32Array(population.size).fill(-1);
  const lastOriginalMs = new Float64Array(population.size);
  const ringOf = new Int32Array(population.size).fill(-1);
  population.botRings.forEach((ring, r) => ring.forEach((i) => (ringOf[i] = r)));
  const startMs = population.untilMs - opts.days * DAY_MS;
  const step = (opts.days * DAY_MS) / Math.max(1, opts.posts);

  for (let index = 0; index < opts.posts; index++) {
    const author = rng.weightedIndex(population.activityCumulative);
    const createdMs = Math.floor(startMs + (index + rng.next()) * step);
    let target: number = -1;
    let kind: PlannedPostKind = 'original';
    const ring = ringOf[author];
    if (ring >= 0) {
      if (rng.chance(0.8)) {
        const members = population.botRings[ring];
        const other = members[rng.int(0, members.length - 1)];
        if (other !== author && lastOriginal[other] >= 0) {
          target = other;
          kind = rng.chance(0.85) ? 'repost' : 'reply';
        }
      }
    } else {
      const r = rng.next();
      const wanted: PlannedPostKind = r < 0.55 ? 'original' : r < 0.77 ? 'repost' : r < 0.91 ? 'reply' : 'quote';
      if (wanted !== 'original') {
        for (let attempt = 0; attempt < 4 && target < 0; attempt++) {
          const candidate = population.drawPopular(rng, population.vertical[author]);
          if (candidate !== author && lastOriginal[candidate] >= 0) target = candidate;
        }
        if (target >= 0) kind = wanted;
      }
    }
    if (kind === 'original') {
      lastOriginal[author] = index;
      lastOriginalMs[author] = createdMs;
      yield { index, author, kind, createdMs };
    } else {
      yield { index, author, kind, createdMs, target: { index: lastOriginal[target], author: target, createdMs: lastOriginalMs[target] } };
    }
  }
}
