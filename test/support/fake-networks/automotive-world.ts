import { SeededRandom } from '../../../libs/ingestion/src/generator/seeded-random.js';
import { CLOSERS, FIRST_NAMES, LAST_NAMES, VERTICALS, type VerticalVocabulary } from '../../../libs/ingestion/src/generator/vertical-vocabulary.js';
import { postUri, type BlueskyActorRecord, type BlueskyFacet, type BlueskyGraphRecord, type BlueskyPostRecord, type BlueskyWorld } from './fake-bluesky-appview.js';
import type { MastodonAccountRecord, MastodonEdgeRecord, MastodonStatusRecord, MastodonWorld } from './fake-mastodon-instance.js';
import { matchesQuery } from './fake-network-server.js';

/**
 * A small, deterministic "automotive world" on Bluesky and Mastodon for the crawler tests of issue #15.
 *
 * Per network: car people (the vertical a crawl looks for) and people of other verticals (fitness, cooking,
 * gaming... from the generator's vocabulary, so Renown's topic classifier labels them as it would real posts).
 * Each active person has 12 posts over the 60 days before `now`. Some car people's bios name the vertical
 * ("cars", "electric vehicles", "EVs"), so account search finds them: they are the search seeds. The others are
 * reachable only through the graph (they follow a seed or a seed's follower, like and repost their posts), at most
 * 3 hops from a seed through car people; the builder checks this and throws if a seed change breaks it.
 * Engagement and follows stay mostly inside a vertical, with some crossing (a fitness person likes a car post, a
 * gamer follows a car reviewer), so a crawl must filter by topic.
 *
 * Profile follower counts are realistic and distinct (car people 800 to 95,000 on Bluesky, 300 to 42,000 on
 * Mastodon), and independent of the few follow edges the world holds; the biggest also draw the most follows and
 * likes inside the world. Like/repost/reply counts on posts are at least the engagement listed by the fakes.
 *
 * `scale` (benchmarks) multiplies the people of each network: 70 Bluesky and 54 Mastodon accounts at scale 1.
 */

export type WorldNetwork = 'bluesky' | 'mastodon';
export type WorldSpecial = 'opted-out' | 'deleted' | 'suspended' | 'renamed' | 'noindex' | 'undiscoverable';

export interface WorldPerson {
  network: WorldNetwork;
  /** Bluesky: the DID. Mastodon: the account id (a string above 2^53). */
  id: string;
  /** Bluesky: the handle. Mastodon: user@domain (also for accounts local to the instance). */
  handle: string;
  displayName: string;
  followersCount: number;
  followingCount: number;
  vertical: 'cars' | 'other';
  /** The generator vertical: 'automotive', 'fitness', 'food'... */
  topic: string;
  special?: WorldSpecial;
  /** Whether an account search on one of SEARCH_SEEDS finds this person directly. */
  findableBySearch: boolean;
  /** Fewest hops from a search seed through car people's edges (0 for seeds), null when not reachable. */
  hops: number | null;
  /** For the renamed account: the handle a test should rename it to. */
  nextHandle?: string;
}

export interface AutomotiveWorld {
  seed: number;
  now: number;
  bluesky: BlueskyWorld;
  mastodon: MastodonWorld;
  people: Record<WorldNetwork, WorldPerson[]>;
  carPeople(network: WorldNetwork): WorldPerson[];
  others(network: WorldNetwork): WorldPerson[];
  /** The one person of a network with that special status (throws when the network has none). */
  special(network: WorldNetwork, kind: WorldSpecial): WorldPerson;
}

/** What a crawl of the vertical starts from. */
export const SEARCH_SEEDS = ['cars', 'electric vehicles', '#EV', 'EV'] as const;

export interface AutomotiveWorldOptions {
  /** The reference time posts are dated from (default Date.now()). */
  now?: number;
  /**
   * Multiplies the people of each network, a whole number (default 1): car people, others and the searchable seeds
   * alike, so a crawl benchmark has a world it does not exhaust. There is still one account of each special kind,
   * at the same relative place among the car people. Scale 1 is the world the tests know, person for person; a
   * larger one is as deterministic (same seed and scale, same world) but samples its graph by a faster method, and
   * beyond the name pool (108 names) handles take a number ("annasmith2").
   */
  scale?: number;
}

const DAY = 86_400_000;
const AUTOMOTIVE = VERTICALS.find((v) => v.key === 'automotive')!;
const OTHER_VERTICALS = VERTICALS.filter((v) => v.key !== 'automotive');

/** Bios that name the vertical: account search finds these people. */
const SEARCHABLE_CAR_BIOS = [
  'Car reviewer. EVs, test drives and the auto industry.',
  'Electric vehicles enthusiast | {e} owner | charging infrastructure nerd',
  'Automotive journalist covering cars, EVs and the motor industry',
  'Writing about cars and electric vehicles since 2009. {e} on long-term test.',
  'EV news, charging maps and road trips.',
];
/** Car people's bios without the search words: only the graph leads to them. */
const GRAPH_ONLY_CAR_BIOS = [
  'Weekend track days, {e} owner, coffee and spanners.',
  'Motorsport photographer. Paddock life and pit lanes.',
  'Mechanic by day, detailing nerd by night.',
  'Engineer at a battery startup. {e} driver.',
  'Road trips, charging stops and range anxiety therapy.',
  'Classic Porsche restorer and rally fan.',
  'Autobahn commuter. Tyres, brakes and software updates.',
];

interface PlannedPerson {
  index: number;
  vocab: VerticalVocabulary;
  isCar: boolean;
  first: string;
  last: string;
  /** Appended to the handle when the world has more people than names ('' until then, so in the default world). */
  tag: string;
  displayName: string;
  bio: string;
  followersCount: number;
  followingCount: number;
  special?: WorldSpecial;
  createdAt: number;
}

interface PlannedPost {
  index: number;
  author: number;
  at: number;
  text: string;
  tags: string[];
  mentions: number[];
  quoteOf?: number;
}

interface PlannedEdge {
  from: number;
  /** A person (follow) or a post (like, repost) index. */
  to: number;
  at: number;
}

interface NetworkPlan {
  people: PlannedPerson[];
  posts: PlannedPost[];
  follows: PlannedEdge[];
  likes: PlannedEdge[];
  reposts: PlannedEdge[];
}

interface PlanSpec {
  cars: number;
  others: number;
  carFollowers: [number, number];
  otherFollowers: [number, number];
  /** Car people (by index) whose bios name the vertical. */
  searchable: number;
  /** Car-person index of each special account. */
  specials: Partial<Record<WorldSpecial, number>>;
  quotes: boolean;
  /**
   * Sample the graph from cumulative weight tables (redrawing repeats) instead of rescanning the pool at every draw,
   * which is quadratic in the world size. Off at scale 1: the default world must stay byte for byte what it was.
   */
  fast: boolean;
}

function fillTemplate(template: string, rng: SeededRandom, vocab: VerticalVocabulary): string {
  return template.replace('{e}', () => rng.pick(vocab.entities)).replace('{n}', () => String(rng.int(2, 480))).replace('{p}', () => 'London');
}

function shuffle<T>(rng: SeededRandom, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** n distinct counts from `high` down to `low`, log-spaced with a little jitter (each step is ~15% or more at scale 1). */
function followerLadder(rng: SeededRandom, n: number, [low, high]: [number, number]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let r = 0; r < n; r++) {
    const base = high * Math.pow(low / high, n === 1 ? 0 : r / (n - 1));
    const jittered = r === 0 || r === n - 1 ? base : base * (1 + 0.06 * (rng.next() - 0.5));
    let v = Math.round(jittered);
    while (seen.has(v)) v -= 1;
    seen.add(v);
    out.push(v);
  }
  return out;
}

/** Picks with probability proportional to weight, without repeats. */
function weightedSample(rng: SeededRandom, candidates: number[], weight: (i: number) => number, k: number): number[] {
  const pool = [...candidates];
  const out: number[] = [];
  while (out.length < k && pool.length) {
    const total = pool.reduce((s, i) => s + weight(i), 0);
    let x = rng.next() * total;
    let at = 0;
    for (; at < pool.length - 1; at++) {
      x -= weight(pool[at]);
      if (x < 0) break;
    }
    out.push(pool[at]);
    pool.splice(at, 1);
  }
  return out;
}

/**
 * weightedSample for large pools (scaled worlds): draws from a cumulative table of the whole pool and draws again on
 * a repeat or a skipped candidate, which is the same distribution without rescanning the pool at every draw. When
 * draws keep missing (most of the pool taken or skipped), it finishes with weightedSample on what is left.
 */
function weightedSampleFast(rng: SeededRandom, candidates: number[], cumulative: Float64Array, weight: (i: number) => number, k: number, skip?: (i: number) => boolean): number[] {
  const out: number[] = [];
  const taken = new Set<number>();
  for (let tries = 0; out.length < k && tries < 8 * k + 16; tries++) {
    const i = candidates[rng.weightedIndex(cumulative)];
    if (taken.has(i) || skip?.(i)) continue;
    taken.add(i);
    out.push(i);
  }
  if (out.length < k) out.push(...weightedSample(rng, candidates.filter((i) => !taken.has(i) && !skip?.(i)), weight, k - out.length));
  return out;
}

function planNetwork(rng: SeededRandom, now: number, spec: PlanSpec): NetworkPlan {
  const names = shuffle(
    rng,
    FIRST_NAMES.en.flatMap((f) => LAST_NAMES.en.map((l) => [f, l] as const)),
  );
  // A world larger than the name pool goes round it again, numbering the handles ("annasmith2").
  const nameOf = (i: number) => [...names[i % names.length], i < names.length ? '' : String(Math.floor(i / names.length) + 1)] as const;
  const carCounts = shuffle(rng, followerLadder(rng, spec.cars, spec.carFollowers));
  const otherCounts = shuffle(rng, followerLadder(rng, spec.others, spec.otherFollowers));
  const specialAt = new Map(Object.entries(spec.specials).map(([k, v]) => [v, k as WorldSpecial]));

  const people: PlannedPerson[] = [];
  for (let i = 0; i < spec.cars + spec.others; i++) {
    const isCar = i < spec.cars;
    const vocab = isCar ? AUTOMOTIVE : OTHER_VERTICALS[(i - spec.cars) % OTHER_VERTICALS.length];
    const [first, last, tag] = nameOf(i);
    const bioTemplate = isCar ? (i < spec.searchable ? SEARCHABLE_CAR_BIOS[i % SEARCHABLE_CAR_BIOS.length] : GRAPH_ONLY_CAR_BIOS[i % GRAPH_ONLY_CAR_BIOS.length]) : rng.pick(vocab.bios.en);
    people.push({
      index: i,
      vocab,
      isCar,
      first,
      last,
      tag,
      // Some display names carry an emoji, as real ones do.
      displayName: `${first} ${last}${isCar && rng.chance(0.25) ? ' ⚡' : !isCar && rng.chance(0.15) ? ' ✨' : ''}`,
      bio: fillTemplate(bioTemplate, rng, vocab),
      followersCount: isCar ? carCounts[i] : otherCounts[i - spec.cars],
      followingCount: rng.int(60, 1800),
      special: isCar ? specialAt.get(i) : undefined,
      createdAt: now - rng.int(400, 1500) * DAY - rng.int(0, DAY),
    });
  }

  const active = (p: PlannedPerson) => p.special !== 'deleted' && p.special !== 'suspended';
  const cars = people.filter((p) => p.isCar && active(p)).map((p) => p.index);
  // Active people per vertical and active others, in index order (worked out once: big worlds ask per post).
  const verticals = new Map<string, number[]>();
  for (const p of people) {
    if (!active(p)) continue;
    const same = verticals.get(p.vocab.key);
    if (same) same.push(p.index);
    else verticals.set(p.vocab.key, [p.index]);
  }
  const byVertical = (key: string) => verticals.get(key) ?? [];
  const activeOthers = people.filter((o) => !o.isCar && active(o));
  const weight = (i: number) => Math.sqrt(people[i].followersCount);
  /** Up to k of the candidates but the skipped ones, by weight, without repeats. */
  const cumulativeOf = new WeakMap<number[], Float64Array>();
  const sample = (candidates: number[], k: number, skip?: (i: number) => boolean): number[] => {
    if (!spec.fast || candidates.length < 64) return weightedSample(rng, skip ? candidates.filter((i) => !skip(i)) : candidates, weight, k);
    let cumulative = cumulativeOf.get(candidates);
    if (!cumulative) {
      cumulative = new Float64Array(candidates.length);
      let sum = 0;
      candidates.forEach((i, at) => (cumulative![at] = sum += weight(i)));
      cumulativeOf.set(candidates, cumulative);
    }
    return weightedSampleFast(rng, candidates, cumulative, weight, k, skip);
  };
  const suspended = people.find((p) => p.special === 'suspended');
  const deleted = people.find((p) => p.special === 'deleted');

  // ---- posts: 12 per active person (3 for the suspended one, none for the deleted one) ----
  const posts: PlannedPost[] = [];
  const postsOf = new Map<number, number[]>();
  for (const p of people) {
    const count = p.special === 'deleted' ? 0 : p.special === 'suspended' ? 3 : 12;
    const times = Array.from({ length: count }, () => now - rng.int(60_000, 60 * DAY)).sort((a, b) => a - b);
    for (const at of times) {
      const tags: string[] = [];
      let text = fillTemplate(rng.pick(p.vocab.phrases.en), rng, p.vocab);
      const closer = rng.pick(CLOSERS.en);
      if (closer) text += ` ${closer}`;
      if (p.isCar && rng.chance(0.3)) text += rng.pick([' ⚡', ' 🚗', ' 🔋']);
      if (p.isCar) tags.push(rng.chance(0.6) ? 'EV' : 'Cars');
      for (let k = rng.int(p.isCar ? 0 : 1, 2); k > 0; k--) {
        const tag = rng.pick(p.vocab.hashtags);
        if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
      }
      text += tags.map((t) => ` #${t}`).join('');
      const index = posts.length;
      posts.push({ index, author: p.index, at, text, tags, mentions: [] });
      const own = postsOf.get(p.index);
      if (own) own.push(index);
      else postsOf.set(p.index, [index]);
    }
  }
  // Mentions of the accounts a crawler cannot read: a post is where it meets them.
  const mentionIn = (target: PlannedPerson | undefined, authors: number[]) => {
    if (!target) return;
    for (const author of authors) {
      const post = posts[postsOf.get(author)!.at(-1)!];
      post.mentions.push(target.index);
      post.text = post.text.replace(/( #)|$/, (m) => ` with @{${target.index}}${m}`);
    }
  };
  mentionIn(suspended, cars.slice(0, 2));
  mentionIn(deleted, cars.slice(2, 3));

  // ---- graph ----
  // Seeds are the car people search finds; tier 1 hangs off them, tier 2 off tier 1 only (no edge of any kind
  // between a seed and a tier-2 person, so those are 2 hops out). An undiscoverable account has a searchable bio
  // that search does not index: it hangs off the graph too.
  const isSeed = (i: number) => i < spec.searchable && people[i].special !== 'undiscoverable';
  const seeds = cars.filter(isSeed);
  const graphOnly = cars.filter((i) => !isSeed(i));
  const tier1 = graphOnly.slice(0, Math.ceil((graphOnly.length * 2) / 3));
  const tier2 = new Set(graphOnly.slice(tier1.length));
  const apart = (a: number, b: number) => (isSeed(a) && tier2.has(b)) || (isSeed(b) && tier2.has(a));
  const follows: PlannedEdge[] = [];
  const likes: PlannedEdge[] = [];
  const reposts: PlannedEdge[] = [];
  // Edge keys as numbers (from * size + to): big worlds hold hundreds of thousands of them.
  const followed = new Set<number>();
  const liked = new Set<number>();
  const follow = (from: number, to: number) => {
    const key = from * people.length + to;
    if (from === to || apart(from, to) || followed.has(key)) return;
    followed.add(key);
    const after = Math.max(people[from].createdAt, people[to].createdAt);
    follows.push({ from, to, at: after + Math.floor(rng.next() * (now - after - DAY)) });
  };
  const like = (from: number, post: number) => {
    const key = from * posts.length + post;
    if (posts[post].author === from || apart(from, posts[post].author) || liked.has(key)) return;
    liked.add(key);
    likes.push({ from, to: post, at: Math.min(now - 1000, posts[post].at + rng.int(60_000, 2 * DAY)) });
  };
  const likeSomePostOf = (from: number, author: number) => {
    const own = postsOf.get(author);
    if (own?.length) like(from, rng.pick(own));
  };

  // Reachability backbone: tier-1 car people follow and like a seed, tier-2 ones a tier-1 person.
  for (const j of tier1) {
    const s = rng.pick(seeds);
    follow(j, s);
    likeSomePostOf(j, s);
  }
  for (const j of tier2) {
    const t = rng.pick(tier1);
    follow(j, t);
    likeSomePostOf(j, t);
  }
  // Preferential follows inside each vertical, with some crossing.
  for (const p of people.filter(active)) {
    const own = p.isCar ? cars : byVertical(p.vocab.key);
    for (const to of sample(own, rng.int(3, p.isCar ? 8 : 4), (i) => i === p.index)) follow(p.index, to);
    if (!p.isCar && rng.chance(0.2)) follow(p.index, sample(cars, 1)[0]);
    if (p.isCar && rng.chance(0.15)) follow(p.index, rng.pick(activeOthers).index);
  }
  // Likes and reposts: the bigger the author, the more engagement inside the world.
  for (const post of posts) {
    const author = people[post.author];
    if (!active(author)) continue;
    // The author's own (active) vertical, less the author.
    const own = author.isCar ? cars : byVertical(author.vocab.key);
    const n = Math.min(own.length - 1, 1 + Math.round(Math.log10(author.followersCount) * rng.next() * 2));
    for (const from of sample(own, n, (i) => i === author.index)) like(from, post.index);
    if (author.isCar && rng.chance(0.1)) like(rng.pick(activeOthers).index, post.index);
    if (!author.isCar && rng.chance(0.04)) like(rng.pick(cars), post.index);
    if (rng.chance(author.isCar ? 0.3 : 0.15)) {
      for (const from of sample(own, rng.int(1, 2), (i) => i === author.index || apart(i, author.index))) {
        reposts.push({ from, to: post.index, at: Math.min(now - 1000, post.at + rng.int(60_000, DAY)) });
      }
    }
  }
  // The deleted account left traces: follows both ways and likes on car posts.
  if (deleted) {
    for (const to of sample(cars, 4)) follow(deleted.index, to);
    for (const from of sample(cars, 2)) follow(from, deleted.index);
    for (const author of sample(cars, 5)) likeSomePostOf(deleted.index, author);
  }
  if (suspended) for (const to of sample(cars, 3)) follow(suspended.index, to);
  // Quote posts (Bluesky): a car person's latest post quotes an older car post of someone else, picked uniformly
  // among all of them in post order. Posts are numbered author by author, each author's oldest first, so the older
  // ones of an author are a prefix of their posts: counted by binary search, not by a scan of every post.
  if (spec.quotes) {
    const olderThan = (author: number, at: number) => {
      const own = postsOf.get(author) ?? [];
      let lo = 0;
      let hi = own.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (posts[own[mid]].at < at) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (const i of cars) {
      if (!rng.chance(0.35)) continue;
      const mine = posts[postsOf.get(i)!.at(-1)!];
      if (mine.mentions.length) continue;
      const authors = cars.filter((a) => a !== i && !apart(i, a)).map((a) => [a, olderThan(a, mine.at)] as const);
      const count = authors.reduce((s, [, n]) => s + n, 0);
      if (!count) continue;
      // rng.pick(older) over the list of those posts, without building it.
      let k = Math.floor(rng.next() * count);
      for (const [a, n] of authors) {
        if (k < n) {
          mine.quoteOf = postsOf.get(a)![k];
          break;
        }
        k -= n;
      }
    }
  }
  return { people, posts, follows, likes, reposts };
}

/**
 * Hops from the search seeds through the edges a crawl can walk, among active car people: followers and follows
 * of a person, likers and reposters of their posts, what they repost and quote, who quotes them, whom they mention.
 */
function hopsFromSeeds(plan: NetworkPlan, seeds: number[], readable: (i: number) => boolean): Map<number, number> {
  const next = new Map<number, Set<number>>();
  // The walk goes from car person to car person only: other links are left out (big worlds have many).
  const link = (a: number, b: number) => {
    if (!plan.people[a].isCar || !plan.people[b].isCar) return;
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)!.add(b);
  };
  for (const f of plan.follows) {
    link(f.from, f.to);
    link(f.to, f.from);
  }
  for (const l of plan.likes) link(plan.posts[l.to].author, l.from);
  for (const r of plan.reposts) {
    link(plan.posts[r.to].author, r.from);
    link(r.from, plan.posts[r.to].author);
  }
  for (const p of plan.posts) {
    if (p.quoteOf !== undefined) {
      link(p.author, plan.posts[p.quoteOf].author);
      link(plan.posts[p.quoteOf].author, p.author);
    }
    for (const m of p.mentions) link(p.author, m);
  }
  const hops = new Map<number, number>(seeds.map((s) => [s, 0]));
  let frontier = [...seeds];
  for (let depth = 1; frontier.length; depth++) {
    const found: number[] = [];
    for (const a of frontier) {
      for (const b of next.get(a) ?? []) {
        if (hops.has(b) || !plan.people[b].isCar || !readable(b)) continue;
        hops.set(b, depth);
        found.push(b);
      }
    }
    frontier = found;
  }
  return hops;
}

// ---- identifiers ----
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/** An atproto TID (record key): 53 bits of microseconds and 10 bits of clock id, base32-sortable, 13 chars. */
function tid(ms: number, rng: SeededRandom): string {
  let v = (BigInt(ms * 1000 + rng.int(0, 999)) << 10n) | BigInt(rng.int(0, 1023));
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

/**
 * rng.token(length, alphabet), the same draws and characters, built in one piece: token() appends a character at a
 * time, which leaves V8 a chain of cons strings (about 1.5 KB for a 52-character CID). The world holds one per like,
 * repost and follow, so a scaled one would be mostly those chains (three times its data, measured at scale 10).
 */
function token(rng: SeededRandom, length: number, alphabet: string): string {
  const chars = new Array<string>(length);
  for (let i = 0; i < length; i++) chars[i] = alphabet[Math.floor(rng.next() * alphabet.length)];
  return chars.join('');
}

const cid = (rng: SeededRandom) => `bafyrei${token(rng, 52, BASE32)}`;

/** A Mastodon snowflake id: milliseconds << 16 | sequence (lib/mastodon/snowflake.rb), above 2^53 for any recent date. */
const snowflake = (ms: number, seq: number) => ((BigInt(ms) << 16n) | BigInt(seq & 0xffff)).toString();

const iso = (ms: number) => new Date(ms).toISOString();

// ---- Bluesky ----
function renderBluesky(plan: NetworkPlan, rng: SeededRandom) {
  const dids = plan.people.map(() => `did:plc:${token(rng, 24, BASE32)}`);
  const handles = plan.people.map((p) => `${p.first}${p.last}${p.tag}`.toLowerCase() + (p.isCar && p.index % 5 === 1 ? '.com' : '.bsky.social'));
  const postKeys = plan.posts.map((p) => ({ rkey: tid(p.at, rng), cid: cid(rng) }));
  const uriOf = (i: number) => postUri(dids[plan.posts[i].author], postKeys[i].rkey);

  const likeCount = new Map<number, number>();
  for (const l of plan.likes) likeCount.set(l.to, (likeCount.get(l.to) ?? 0) + 1);
  const repostCount = new Map<number, number>();
  for (const r of plan.reposts) repostCount.set(r.to, (repostCount.get(r.to) ?? 0) + 1);
  const quoteCount = new Map<number, number>();
  for (const p of plan.posts) if (p.quoteOf !== undefined) quoteCount.set(p.quoteOf, (quoteCount.get(p.quoteOf) ?? 0) + 1);
  const postsCount = plan.people.map(() => 0);
  for (const p of plan.posts) postsCount[p.author]++;

  const posts: BlueskyPostRecord[] = plan.posts.map((p, i) => {
    // Mentions are written @handle; facets carry UTF-8 byte offsets.
    const text = p.text.replace(/@\{(\d+)\}/g, (_m, n: string) => `@${handles[Number(n)]}`);
    const facets: BlueskyFacet[] = [];
    const bytesBefore = (at: number) => Buffer.byteLength(text.slice(0, at));
    for (const m of text.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
      facets.push({ index: { byteStart: bytesBefore(m.index), byteEnd: bytesBefore(m.index + m[0].length) }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: m[1] }] });
    }
    for (const target of p.mentions) {
      const at = text.indexOf(`@${handles[target]}`);
      facets.push({ index: { byteStart: bytesBefore(at), byteEnd: bytesBefore(at + handles[target].length + 1) }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: dids[target] }] });
    }
    facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
    const author = plan.people[p.author];
    const extra = Math.round(author.followersCount * (0.002 + 0.02 * rng.next()));
    const likes = (likeCount.get(i) ?? 0) + extra;
    return {
      did: dids[p.author],
      rkey: postKeys[i].rkey,
      cid: postKeys[i].cid,
      text,
      createdAt: iso(p.at),
      indexedAt: iso(p.at + rng.int(200, 4000)),
      langs: ['en'],
      facets,
      likeCount: likes,
      repostCount: (repostCount.get(i) ?? 0) + Math.round(extra * 0.12 * rng.next()),
      replyCount: Math.round(likes * (0.03 + 0.1 * rng.next())),
      quoteCount: quoteCount.get(i) ?? 0,
      ...(p.quoteOf !== undefined ? { quote: { uri: uriOf(p.quoteOf), cid: postKeys[p.quoteOf].cid } } : {}),
    };
  });

  const actors: BlueskyActorRecord[] = plan.people.map((p, i) => ({
    did: dids[i],
    handle: handles[i],
    displayName: p.displayName,
    description: p.bio,
    avatar: `https://cdn.bsky.app/img/avatar/plain/${dids[i]}/${cid(rng)}@jpeg`,
    banner: `https://cdn.bsky.app/img/banner/plain/${dids[i]}/${cid(rng)}@jpeg`,
    createdAt: iso(p.createdAt),
    indexedAt: iso(p.createdAt + rng.int(1000, 60_000)),
    followersCount: p.followersCount,
    followsCount: p.followingCount,
    postsCount: postsCount[i],
    selfLabels: p.special === 'opted-out' ? ['!no-unauthenticated'] : [],
    profileCid: cid(rng),
    status: p.special === 'deleted' ? 'deleted' : p.special === 'suspended' ? 'takendown' : 'active',
  }));

  const edge = (e: PlannedEdge, subject: string): BlueskyGraphRecord => ({ did: dids[e.from], rkey: tid(e.at, rng), cid: cid(rng), subject, createdAt: iso(e.at) });
  const world: BlueskyWorld = {
    actors,
    posts,
    likes: plan.likes.map((l) => edge(l, uriOf(l.to))),
    reposts: plan.reposts.map((r) => edge(r, uriOf(r.to))),
    follows: plan.follows.map((f) => edge(f, dids[f.to])),
  };
  return { world, ids: dids, handles };
}

// ---- Mastodon ----
const INSTANCE = 'mastodon.example';
const REMOTE_DOMAINS = ['fosstodon.example', 'mstdn.example', 'autos.example', 'social.example'];

function renderMastodon(plan: NetworkPlan, rng: SeededRandom) {
  let seq = 0;
  const domains = plan.people.map((p, i) => (p.special === 'noindex' || i % 3 === 0 ? INSTANCE : REMOTE_DOMAINS[i % REMOTE_DOMAINS.length]));
  const usernames = plan.people.map((p, i) => (i % 2 ? `${p.first}_${p.last}${p.tag}` : `${p.first}${p.last}${p.tag}`).toLowerCase());
  const ids = plan.people.map((p) => snowflake(p.createdAt, seq++));
  const statusIds = plan.posts.map((p) => snowflake(p.at, seq++));

  const favCount = new Map<number, number>();
  for (const l of plan.likes) favCount.set(l.to, (favCount.get(l.to) ?? 0) + 1);
  const reblogCount = new Map<number, number>();
  for (const r of plan.reposts) reblogCount.set(r.to, (reblogCount.get(r.to) ?? 0) + 1);

  const statuses: MastodonStatusRecord[] = plan.posts.map((p, i) => {
    const author = plan.people[p.author];
    const extra = Math.round(author.followersCount * (0.002 + 0.015 * rng.next()));
    const favourites = (favCount.get(i) ?? 0) + extra;
    return {
      id: statusIds[i],
      accountId: ids[p.author],
      createdAt: iso(p.at),
      text: p.text.replace(/@\{(\d+)\}/g, (_m, n: string) => `@${usernames[Number(n)]}@${domains[Number(n)]}`),
      language: 'en',
      tags: p.tags,
      mentions: p.mentions.map((m) => ids[m]),
      repliesCount: Math.round(favourites * (0.03 + 0.1 * rng.next())),
      reblogsCount: (reblogCount.get(i) ?? 0) + Math.round(extra * 0.2 * rng.next()),
      favouritesCount: favourites,
      quotesCount: 0,
    };
  });

  // Follow and favourite rows page by their own (ordinary bigserial) ids, in creation order.
  const rows = (edges: PlannedEdge[], target: (e: PlannedEdge) => string, start: number): MastodonEdgeRecord[] =>
    [...edges].sort((a, b) => a.at - b.at).map((e, k) => ({ id: String(start + k), accountId: ids[e.from], targetId: target(e), createdAt: iso(e.at) }));
  const reblogs: MastodonEdgeRecord[] = [...plan.reposts]
    .sort((a, b) => a.at - b.at)
    .map((r) => ({ id: snowflake(r.at, seq++), accountId: ids[r.from], targetId: statusIds[r.to], createdAt: iso(r.at) }));

  // Each account's statuses, its latest one and its reblogs, worked out once (big worlds have many accounts).
  const statusCount = plan.people.map(() => 0);
  const latest: (number | null)[] = plan.people.map(() => null);
  for (const x of plan.posts) {
    statusCount[x.author]++;
    latest[x.author] = Math.max(latest[x.author] ?? -Infinity, x.at);
  }
  const reblogsBy = plan.people.map(() => 0);
  for (const r of plan.reposts) reblogsBy[r.from]++;

  const accounts: MastodonAccountRecord[] = plan.people.map((p, i) => {
    const last = latest[i];
    return {
      id: ids[i],
      username: usernames[i],
      domain: domains[i],
      displayName: p.displayName,
      note: `<p>${p.bio.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`,
      avatar: `https://files.${domains[i]}/accounts/avatars/${ids[i]}/original/${token(rng, 16, '0123456789abcdef')}.png`,
      header: `https://files.${domains[i]}/accounts/headers/${ids[i]}/original/${token(rng, 16, '0123456789abcdef')}.jpg`,
      createdAt: iso(p.createdAt),
      lastStatusAt: last === null ? null : iso(last).slice(0, 10),
      statusesCount: statusCount[i] + reblogsBy[i],
      followersCount: p.followersCount,
      followingCount: p.followingCount,
      locked: false,
      bot: false,
      group: false,
      discoverable: p.special !== 'undiscoverable',
      indexable: p.special !== 'undiscoverable',
      noindex: p.special === 'noindex',
      fields: i % 4 === 1 ? [{ name: 'Website', value: `<a href="https://${usernames[i]}.example.net" rel="nofollow noopener" target="_blank">${usernames[i]}.example.net</a>`, verified_at: null }] : [],
      status: p.special === 'deleted' ? 'deleted' : p.special === 'suspended' ? 'suspended' : 'active',
    };
  });

  const world: MastodonWorld = {
    instanceDomain: INSTANCE,
    accounts,
    statuses,
    favourites: rows(plan.likes, (e) => statusIds[e.to], 4_100_000),
    reblogs,
    follows: rows(plan.follows, (e) => ids[e.to], 7_300_000),
  };
  return { world, ids, handles: plan.people.map((_p, i) => `${usernames[i]}@${domains[i]}`) };
}

function peopleOf(network: WorldNetwork, plan: NetworkPlan, ids: string[], handles: string[], findable: (i: number) => boolean): WorldPerson[] {
  const readable = (i: number) => plan.people[i].special !== 'deleted' && plan.people[i].special !== 'suspended';
  const seeds = plan.people.filter((p) => p.isCar && readable(p.index) && findable(p.index)).map((p) => p.index);
  const hops = hopsFromSeeds(plan, seeds, readable);
  const people = plan.people.map((p, i) => ({
    network,
    id: ids[i],
    handle: handles[i],
    displayName: p.displayName,
    followersCount: p.followersCount,
    followingCount: p.followingCount,
    vertical: p.isCar ? ('cars' as const) : ('other' as const),
    topic: p.vocab.key,
    ...(p.special ? { special: p.special } : {}),
    findableBySearch: findable(i),
    hops: hops.get(i) ?? null,
    ...(p.special === 'renamed' ? { nextHandle: `${p.first}${p.last}${p.tag}-drives.bsky.social`.toLowerCase() } : {}),
  }));
  const stranded = people.filter((p, i) => p.vertical === 'cars' && readable(i) && (p.hops === null || p.hops > 3));
  if (stranded.length) throw new Error(`automotive world (${network}): car people not within 3 hops of the search seeds: ${stranded.map((p) => p.handle).join(', ')}`);
  return people;
}

export function buildAutomotiveWorld(seed = 1, options: AutomotiveWorldOptions = {}): AutomotiveWorld {
  const now = options.now ?? Date.now();
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`automotive world: scale must be a whole number of 1 or more, not ${scale}`);
  // People and seeds scale; each special account keeps its relative place among the car people.
  const specials = (at: Partial<Record<WorldSpecial, number>>) => Object.fromEntries(Object.entries(at).map(([kind, i]) => [kind, i * scale])) as Partial<Record<WorldSpecial, number>>;
  const fast = scale > 1;

  const bskyRng = new SeededRandom(seed, 0x0b5c);
  const bskyPlan = planNetwork(bskyRng, now, {
    cars: 30 * scale,
    others: 40 * scale,
    carFollowers: [800, 95_000],
    otherFollowers: [150, 60_000],
    searchable: 12 * scale,
    specials: specials({ 'opted-out': 3, renamed: 15, deleted: 28, suspended: 29 }),
    quotes: true,
    fast,
  });
  const bsky = renderBluesky(bskyPlan, bskyRng);
  const bskyFindable = (i: number) => {
    const a = bsky.world.actors[i];
    return a.status === 'active' && SEARCH_SEEDS.some((q) => matchesQuery(q, [a.handle, a.displayName, a.description]));
  };

  const mastoRng = new SeededRandom(seed, 0x3a57);
  const mastoPlan = planNetwork(mastoRng, now, {
    cars: 24 * scale,
    others: 30 * scale,
    carFollowers: [300, 42_000],
    otherFollowers: [80, 25_000],
    searchable: 10 * scale,
    specials: specials({ noindex: 2, undiscoverable: 5, deleted: 22, suspended: 23 }),
    quotes: false,
    fast,
  });
  const masto = renderMastodon(mastoPlan, mastoRng);
  const mastoFindable = (i: number) => {
    const a = masto.world.accounts[i];
    return a.status === 'active' && SEARCH_SEEDS.some((q) => matchesQuery(q, [a.username, a.displayName, ...(a.discoverable ? [a.note] : [])]));
  };

  const people: Record<WorldNetwork, WorldPerson[]> = {
    bluesky: peopleOf('bluesky', bskyPlan, bsky.ids, bsky.handles, bskyFindable),
    mastodon: peopleOf('mastodon', mastoPlan, masto.ids, masto.handles, mastoFindable),
  };

  return {
    seed,
    now,
    bluesky: bsky.world,
    mastodon: masto.world,
    people,
    carPeople: (network) => people[network].filter((p) => p.vertical === 'cars'),
    others: (network) => people[network].filter((p) => p.vertical === 'other'),
    special(network, kind) {
      const p = people[network].find((x) => x.special === kind);
      if (!p) throw new Error(`automotive world: no ${kind} account on ${network}`);
      return p;
    },
  };
}
