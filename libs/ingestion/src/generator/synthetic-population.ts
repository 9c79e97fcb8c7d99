import { SeededRandom, cumulativeWeights, zipfCumulative } from './seeded-random.js';
import { GENERATED_LANGUAGES, LANGUAGE_WEIGHTS, VERTICALS, type GeneratedLanguage } from './vertical-vocabulary.js';

/** Why an account exists in the generated world; the ground-truth sidecar records it for tests and evaluations. */
export const ACCOUNT_ROLES = ['ordinary', 'bot-ring', 'follower-farm', 'score-announcer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
const ORDINARY = 0;
const RING = 1;
const FARM = 2;
const ANNOUNCER = 3;

export const BOT_RING_SIZE = 20;
const DAY_MS = 86_400_000;
const TWITTER_LAUNCH_MS = Date.UTC(2008, 0, 1);

export interface PopulationOptions {
  accounts: number;
  seed: number;
  /** End of the generated period (ms since epoch); posts fall in the `days` before it. */
  untilMs: number;
}

/**
 * Every generated account, held in typed arrays so a million accounts cost tens of megabytes, not gigabytes.
 * Everything here is fixed once built; the post stream only reads it, which is what makes a referenced tweet's
 * author (and the author's profile) reproducible at any point of the output.
 */
export class SyntheticPopulation {
  readonly size: number;
  readonly seed: number;
  readonly untilMs: number;
  readonly vertical: Uint8Array;
  readonly language: Uint8Array;
  readonly role: Uint8Array;
  readonly followers: Float64Array;
  readonly following: Float64Array;
  readonly listed: Float64Array;
  readonly tweetCount: Float64Array;
  readonly createdAtMs: Float64Array;
  /** How often each account posts, as running sums for weighted draws. */
  readonly activityCumulative: Float64Array;
  /** Per vertical: account indexes ordered by followers (desc), and Zipf weights over those ranks. */
  readonly byVertical: { members: Int32Array; zipf: Float64Array }[];
  /** All non-farm accounts by followers (desc) with Zipf rank weights. */
  readonly global: { members: Int32Array; zipf: Float64Array };
  readonly botRings: number[][];
  readonly followerFarms: { members: number[]; customers: number[] }[];
  readonly scoreAnnouncer: number;
  private readonly idBase: bigint;

  constructor(opts: PopulationOptions) {
    const n = opts.accounts;
    if (!Number.isInteger(n) || n < 2) throw new RangeError('a population needs at least 2 accounts');
    this.size = n;
    this.seed = opts.seed;
    this.untilMs = opts.untilMs;
    this.idBase = 1_300_000_000_000_000_000n + BigInt((opts.seed >>> 0) % 1_000_000) * 100_000_000n;
    const rng = new SeededRandom(opts.seed, 1);
    this.vertical = new Uint8Array(n);
    this.language = new Uint8Array(n);
    this.role = new Uint8Array(n);
    this.followers = new Float64Array(n);
    this.following = new Float64Array(n);
    this.listed = new Float64Array(n);
    this.tweetCount = new Float64Array(n);
    this.createdAtMs = new Float64Array(n);
    const activity = new Float64Array(n);

    const verticalCum = cumulativeWeights(VERTICALS.map((v) => v.weight));
    const languageCum = cumulativeWeights(GENERATED_LANGUAGES.map((l) => LANGUAGE_WEIGHTS[l]));
    for (let i = 0; i < n; i++) {
      this.vertical[i] = rng.weightedIndex(verticalCum);
      this.language[i] = rng.weightedIndex(languageCum);
      // Log-normal with a wide sigma: median ~200 followers, a handful of accounts in the millions.
      const followers = Math.floor(rng.logNormal(5.3, 2.1));
      this.followers[i] = Math.min(followers, 80_000_000);
      this.following[i] = Math.min(Math.floor(rng.logNormal(5.6, 1.1)), 7_500);
      this.listed[i] = Math.floor(this.followers[i] * 0.008 * rng.logNormal(0, 0.9));
      this.tweetCount[i] = Math.floor(rng.logNormal(7.2, 1.5));
      this.createdAtMs[i] = TWITTER_LAUNCH_MS + rng.next() * (opts.untilMs - 200 * DAY_MS - TWITTER_LAUNCH_MS);
      activity[i] = rng.logNormal(0, 0.9) * (1 + Math.log10(1 + this.followers[i]) / 3);
    }

    // Bot rings: 20 accounts of one vertical that repost each other every day (about 1 in 2,500 accounts).
    this.botRings = [];
    const ringCount = n >= 200 ? Math.max(1, Math.floor(n / 2_500)) : 0;
    const meanActivity = activity.reduce((a, b) => a + b, 0) / n;
    const taken = new Uint8Array(n);
    const pickFree = () => {
      for (;;) {
        const i = rng.int(0, n - 1);
        if (!taken[i]) {
          taken[i] = 1;
          return i;
        }
      }
    };
    for (let r = 0; r < ringCount; r++) {
      const ringVertical = rng.int(0, VERTICALS.length - 1);
      const ring: number[] = [];
      for (let k = 0; k < Math.min(BOT_RING_SIZE, Math.floor(n / 10)); k++) {
        const i = pickFree();
        ring.push(i);
        this.role[i] = RING;
        this.vertical[i] = ringVertical;
        this.followers[i] = rng.int(40, 600);
        this.following[i] = rng.int(400, 2_000);
        this.listed[i] = rng.int(0, 2);
        this.tweetCount[i] = rng.int(5_000, 40_000);
        this.createdAtMs[i] = opts.untilMs - rng.int(150, 400) * DAY_MS;
        // Enough to post (mostly reposts) about every day over the period when posts/accounts ~ 10.
        activity[i] = meanActivity * 12;
      }
      this.botRings.push(ring);
    }

    // Follower farms: brand-new accounts, no posts, each following thousands (1% of accounts), grouped in
    // clusters that each sell followers to one or two customer accounts.
    this.followerFarms = [];
    const farmCount = n >= 200 ? Math.max(10, Math.floor(n * 0.01)) : 0;
    const clusterSize = 500;
    for (let start = 0; start < farmCount; start += clusterSize) {
      const members: number[] = [];
      for (let k = start; k < Math.min(farmCount, start + clusterSize); k++) {
        const i = pickFree();
        members.push(i);
        this.role[i] = FARM;
        this.followers[i] = rng.int(0, 3);
        this.following[i] = Math.min(n - 1, rng.int(1_000, 5_000));
        this.listed[i] = 0;
        this.tweetCount[i] = 0;
        this.createdAtMs[i] = opts.untilMs - rng.int(1, 30) * DAY_MS;
        activity[i] = 0;
      }
      const customers: number[] = [];
      for (let c = 0; c < 1 + (rng.chance(0.5) ? 1 : 0); c++) customers.push(pickFree());
      this.followerFarms.push({ members, customers });
    }

    // One account that keeps announcing its own score, which must count for nothing.
    this.scoreAnnouncer = pickFree();
    this.role[this.scoreAnnouncer] = ANNOUNCER;
    this.vertical[this.scoreAnnouncer] = 0;
    this.language[this.scoreAnnouncer] = 0;
    this.followers[this.scoreAnnouncer] = 2_400 + rng.int(0, 800);
    activity[this.scoreAnnouncer] = meanActivity * 3;

    this.activityCumulative = cumulativeWeights(activity);
    this.byVertical = VERTICALS.map((_, v) => this.rankByFollowers((i) => this.vertical[i] === v && this.role[i] !== FARM));
    this.global = this.rankByFollowers((i) => this.role[i] !== FARM);
  }

  private rankByFollowers(keep: (i: number) => boolean) {
    const list: number[] = [];
    for (let i = 0; i < this.size; i++) if (keep(i)) list.push(i);
    list.sort((a, b) => this.followers[b] - this.followers[a] || a - b);
    return { members: Int32Array.from(list), zipf: zipfCumulative(Math.max(1, list.length), 1.05) };
  }

  userId(i: number): string {
    return (this.idBase + BigInt(i)).toString();
  }

  roleOf(i: number): AccountRole {
    return ACCOUNT_ROLES[this.role[i]];
  }

  languageOf(i: number): GeneratedLanguage {
    return GENERATED_LANGUAGES[this.language[i]];
  }

  isOrdinary(i: number): boolean {
    return this.role[i] === ORDINARY || this.role[i] === ANNOUNCER;
  }

  isRingMember(i: number): boolean {
    return this.role[i] === RING;
  }

  isFarm(i: number): boolean {
    return this.role[i] === FARM;
  }

  /** A popular account, preferring the given vertical: attention concentrates on the head of each niche. */
  drawPopular(rng: SeededRandom, vertical: number, sameVerticalShare = 0.8): number {
    const pool = rng.chance(sameVerticalShare) ? this.byVertical[vertical] : this.global;
    if (pool.members.length === 0) return this.global.members[rng.weightedIndex(this.global.zipf)];
    return pool.members[rng.weightedIndex(pool.zipf)];
  }
}
