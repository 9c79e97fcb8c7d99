import { SeededRandom } from './seeded-random.js';
import type { SyntheticPopulation } from './synthetic-population.js';

export interface PlannedFollow {
  actor: number;
  target: number;
  /** When the follow happened (ms since epoch): after both accounts existed, before the period's end. */
  atMs: number;
}

/**
 * Who follows whom. Ordinary accounts follow a log-normal number of accounts (median ~12), mostly popular ones
 * in their own vertical; bot-ring members follow their whole ring; follower-farm accounts follow their cluster's
 * customers plus thousands of random accounts (their following_count, matching the profile they show).
 */
export function* planFollows(population: SyntheticPopulation): Generator<PlannedFollow> {
  const rng = new SeededRandom(population.seed, 3);
  const n = population.size;
  const ringOf = new Int32Array(n).fill(-1);
  population.botRings.forEach((ring, r) => ring.forEach((i) => (ringOf[i] = r)));
  const farmCluster = new Int32Array(n).fill(-1);
  population.followerFarms.forEach((farm, c) => farm.members.forEach((i) => (farmCluster[i] = c)));
  const until = population.untilMs;
  const when = (a: number, b: number) => {
    const from = Math.max(population.createdAtMs[a], population.createdAtMs[b]);
    return Math.floor(from + rng.next() * Math.max(0, until - from));
  };
  const seen = new Set<number>();

  for (let actor = 0; actor < n; actor++) {
    seen.clear();
    seen.add(actor);
    const cluster = farmCluster[actor];
    if (cluster >= 0) {
      for (const c of population.followerFarms[cluster].customers) {
        seen.add(c);
        yield { actor, target: c, atMs: when(actor, c) };
      }
      const count = Math.min(n - 1, population.following[actor]);
      // Random targets (farms follow indiscriminately); bounded attempts keep tiny populations from spinning.
      for (let attempt = 0; seen.size - 1 < count && attempt < count * 3; attempt++) {
        const t = rng.int(0, n - 1);
        if (seen.has(t)) continue;
        seen.add(t);
        yield { actor, target: t, atMs: when(actor, t) };
      }
      continue;
    }
    const ring = ringOf[actor];
    if (ring >= 0) {
      for (const t of population.botRings[ring]) {
        if (seen.has(t)) continue;
        seen.add(t);
        yield { actor, target: t, atMs: when(actor, t) };
      }
    }
    const count = Math.min(400, Math.floor(rng.logNormal(Math.log(12), 1)));
    for (let attempt = 0; seen.size - 1 < count && attempt < count * 3; attempt++) {
      const t = population.drawPopular(rng, population.vertical[actor], 0.7);
      if (seen.has(t)) continue;
      seen.add(t);
      yield { actor, target: t, atMs: when(actor, t) };
    }
  }
}
