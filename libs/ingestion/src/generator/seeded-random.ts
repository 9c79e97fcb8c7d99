/**
 * Deterministic randomness for the data generator. `Math.random` cannot be seeded, and the generator's promise is
 * "same seed, same bytes", so every draw goes through these functions.
 *
 * sfc32 is small, fast and passes PractRand to 2^60 bytes; splitmix32 turns (seed, stream) pairs into
 * independent sfc32 states, which lets a post's content be re-derived from its index alone (a quoted tweet is
 * regenerated identically wherever it is included, without keeping it in memory).
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    let s = mix32(seed ^ Math.imul(stream + 0x9e3779b9, 0x85ebca6b));
    this.a = s = mix32(s + 0x6d2b79f5);
    this.b = s = mix32(s + 0x6d2b79f5);
    this.c = s = mix32(s + 0x6d2b79f5);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box-Muller; one value per call keeps the stream position easy to reason about). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma)): the shape of follower counts and engagement on real networks. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Index into a cumulative weight table (Float64Array of running sums), by binary search. */
  weightedIndex(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1];
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A string of `length` characters from `alphabet`. */
  token(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

/** murmur3's 32-bit finalizer: a cheap, well-mixed hash of a 32-bit integer. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Running sums of weights, for `SeededRandom.weightedIndex`. */
export function cumulativeWeights(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    out[i] = sum;
  }
  return out;
}

/** Zipf weights 1/rank^s for ranks 1..n: a few accounts draw most of the attention. */
export function zipfCumulative(n: number, s: number): Float64Array {
  const out = new Float64Array(n);
  let sum = 0;
  for (let r = 1; r <= n; r++) {
    sum += 1 / Math.pow(r, s);
    out[r - 1] = sum;
  }
  return out;
}
