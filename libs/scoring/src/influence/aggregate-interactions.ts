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
 * comparison sort or a hash map: O(rows + accounts) at 10M rows.
 */
export function aggregateInteractions(raw: RawInteractions, accountCount: number): { pairs: EngagementPairs; burstFactor: Float32Array } {
  const m = raw.length;
  const n = accountCount;
  const byTarget = new Int32Array(m);
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) counts[raw.target[i] + 1]++;
  for (let v = 0; v < n; v++) counts[v + 1] += counts[v];
  const targetStart = counts.slice();
  for (let i = 0; i < m; i++) byTarget[counts[raw.target[i]]++] = i;

  // Bursts, per target over its days in the window (rows are grouped by target now).
  const burstFactor = new Float32Array(n).fill(1);
  const perDay = new Float64Array(WINDOW_DAYS + 1);
  for (let t = 0; t < n; t++) {
    const from = targetStart[t];
    const to = targetStart[t + 1];
    if (to - from <= BURST_RULE.floorPerDay) continue; // cannot exceed the floor on any day
    perDay.fill(0);
    let total = 0;
    for (let k = from; k < to; k++) {
      const i = byTarget[k];
      const age = raw.ageDays[i];
      if (raw.kind[i] === KIND.follow || !(age >= 0) || age > WINDOW_DAYS) continue;
      perDay[Math.floor(age)]++;
      total++;
    }
    const cap = Math.max(BURST_RULE.floorPerDay, (BURST_RULE.multipleOfAverageDay * total) / WINDOW_DAYS);
    let counted = 0;
    for (let d = 0; d <= WINDOW_DAYS; d++) counted += Math.min(perDay[d], cap) + Math.sqrt(Math.max(0, perDay[d] - cap));
    if (total > 0 && counted < total) burstFactor[t] = counted / total;
  }

  // Stable by actor on top of by-target: (actor, target) order.
  counts.fill(0);
  for (let i = 0; i < m; i++) counts[raw.actor[i] + 1]++;
  for (let v = 0; v < n; v++) counts[v + 1] += counts[v];
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = byTarget[k];
    order[counts[raw.actor[i]]++] = i;
  }

  const pairs = allocatePairs(Math.max(1, m));
  const lambda = Math.LN2 / RECENCY_HALF_LIFE_DAYS;
  let last = -1;
  let lastActor = -1;
  let lastTarget = -1;
  for (let k = 0; k < m; k++) {
    const i = order[k];
    const a = raw.actor[i];
    const t = raw.target[i];
    if (a !== lastActor || t !== lastTarget) {
      last = pairs.length++;
      pairs.actor[last] = a;
      pairs.target[last] = t;
      lastActor = a;
      lastTarget = t;
    }
    const age = raw.ageDays[i];
    const w = age >= 0 ? Math.exp(-lambda * age) : 1;
    switch (raw.kind[i]) {
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
  return { pairs, burstFactor };
}
