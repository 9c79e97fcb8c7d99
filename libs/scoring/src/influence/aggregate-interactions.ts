import { allocatePairs, type EngagementPairs } from './compute-influence-run.js';
import { BURST_RULE, RECENCY_HALF_LIFE_DAYS, WINDOW_DAYS } from './gaming-discounts.js';

/** Interaction kinds as small codes on the wire and in memory. */
export const KIND = { repost: 0, quote: 1, reply: 2, mention: 3, like: 4, follow: 5 } as const;

/** Raw interactions as read (one per row), in growable typed arrays. */
export class RawInteractions {
  length = 0;
  actor: Int32Array;
  target: Int32Array;
  kind: Uint8Array;
  /** Age in days at the run's date; NaN when undated. */
  ageDays: Float32Array;

  /** capacity: rows expected (the arrays still grow past it). */
  constructor(capacity = 1 << 16) {
    const c = Math.max(16, capacity);
    this.actor = new Int32Array(c);
    this.target = new Int32Array(c);
    this.kind = new Uint8Array(c);
    this.ageDays = new Float32Array(c);
  }

  push(actor: number, target: number, kind: number, ageDays: number) {
    if (this.length === this.actor.length) {
      const grow = <T extends Int32Array | Uint8Array | Float32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.actor = grow(this.actor);
      this.target = grow(this.target);
      this.kind = grow(this.kind);
      this.ageDays = grow(this.ageDays);
    }
    const i = this.length++;
    this.actor[i] = actor;
    this.target[i] = target;
    this.kind[i] = kind;
    this.ageDays[i] = ageDays;
  }
}

/**
 * Raw interactions → per-(actor, target) pairs with recency-weighted counts per kind (sorted by actor, then
 * target), and per-target burst factors. Two stable counting sorts (by target, then by actor) instead of a
 * comparison sort or a hash map: O(rows + accounts) at 10M rows. Each sort moves the rows' values
 * themselves (not an index into them), so every later pass reads memory in order rather than jumping
 * through a permutation: at 10M rows the random reads were most of this step.
 */
export function aggregateInteractions(raw: RawInteractions, accountCount: number): { pairs: EngagementPairs; burstFactor: Float32Array } {
  const m = raw.length;
  const n = accountCount;

  // Stable by target: rows grouped by target, in their original order within a target.
  const targetStart = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) targetStart[raw.target[i] + 1]++;
  for (let v = 0; v < n; v++) targetStart[v + 1] += targetStart[v];
  let tActor: Int32Array | null = new Int32Array(m);
  let tKind: Uint8Array | null = new Uint8Array(m);
  let tAge: Float32Array | null = new Float32Array(m);
  {
    const cursor = targetStart.slice(0, n);
    for (let i = 0; i < m; i++) {
      const slot = cursor[raw.target[i]]++;
      tActor[slot] = raw.actor[i];
      tKind[slot] = raw.kind[i];
      tAge[slot] = raw.ageDays[i];
    }
  }

  // Bursts, per target over its days in the window.
  const burstFactor = new Float32Array(n).fill(1);
  const perDay = new Float64Array(WINDOW_DAYS + 1);
  for (let t = 0; t < n; t++) {
    const from = targetStart[t];
    const to = targetStart[t + 1];
    if (to - from <= BURST_RULE.floorPerDay) continue; // cannot exceed the floor on any day
    perDay.fill(0);
    let total = 0;
    for (let k = from; k < to; k++) {
      const age = tAge[k];
      if (tKind[k] === KIND.follow || !(age >= 0) || age > WINDOW_DAYS) continue;
      perDay[Math.floor(age)]++;
      total++;
    }
    const cap = Math.max(BURST_RULE.floorPerDay, (BURST_RULE.multipleOfAverageDay * total) / WINDOW_DAYS);
    let counted = 0;
    for (let d = 0; d <= WINDOW_DAYS; d++) counted += Math.min(perDay[d], cap) + Math.sqrt(Math.max(0, perDay[d] - cap));
    if (total > 0 && counted < total) burstFactor[t] = counted / total;
  }

  // Stable by actor on top of by-target: (actor, target) order, original order within a pair.
  const actorStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) actorStart[tActor[k] + 1]++;
  for (let v = 0; v < n; v++) actorStart[v + 1] += actorStart[v];
  const oTarget = new Int32Array(m);
  const oKind = new Uint8Array(m);
  const oAge = new Float32Array(m);
  {
    const cursor = actorStart.slice(0, n);
    for (let t = 0; t < n; t++) {
      for (let k = targetStart[t], end = targetStart[t + 1]; k < end; k++) {
        const slot = cursor[tActor[k]]++;
        oTarget[slot] = t;
        oKind[slot] = tKind[k];
        oAge[slot] = tAge[k];
      }
    }
  }
  tActor = null;
  tKind = null;
  tAge = null;

  const pairs = allocatePairs(Math.max(1, m));
  const lambda = Math.LN2 / RECENCY_HALF_LIFE_DAYS;
  let last = -1;
  for (let a = 0; a < n; a++) {
    let lastTarget = -1;
    for (let k = actorStart[a], end = actorStart[a + 1]; k < end; k++) {
      const t = oTarget[k];
      if (t !== lastTarget) {
        last = pairs.length++;
        pairs.actor[last] = a;
        pairs.target[last] = t;
        lastTarget = t;
      }
      const age = oAge[k];
      const w = age >= 0 ? Math.exp(-lambda * age) : 1;
      switch (oKind[k]) {
        case KIND.repost:
          pairs.reposts[last] += w;
          break;
        case KIND.quote:
          pairs.quotes[last] += w;
          break;
        case KIND.reply:
          pairs.replies[last] += w;
          break;
        case KIND.mention:
          pairs.mentions[last] += w;
          break;
        case KIND.like:
          pairs.likes[last] += w;
          break;
        default:
          pairs.follows[last] = 1;
      }
    }
  }
  return { pairs, burstFactor };
}
