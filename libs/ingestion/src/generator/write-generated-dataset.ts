import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { planFollows } from './plan-follows.js';
import { TwitterV2Renderer } from './render-twitter-v2.js';
import { didFor, renderJetstreamEvents } from './render-bluesky-jetstream.js';
import { usernameFor } from './compose-post-content.js';
import { SyntheticPopulation } from './synthetic-population.js';
import { VERTICALS } from './vertical-vocabulary.js';

export const GENERATOR_FORMATS = ['twitter-v2', 'bluesky-jetstream'] as const;
export type GeneratorFormat = (typeof GENERATOR_FORMATS)[number];

export interface GenerateDatasetOptions {
  accounts: number;
  posts: number;
  format: GeneratorFormat;
  /** Main output file; `.gz` compresses. Companions are written next to it. */
  out: string;
  seed: number;
  /** End of the generated period; default: today 00:00 UTC. Same seed + same `until` = same bytes. */
  until?: Date;
  /** Days the posts spread over (default 90, the scoring window). */
  days?: number;
  /** Write `<out>.users.jsonl` (twitter-v2: every account as user-lookup pages). Default true. */
  users?: boolean;
  /** Write `<out>.follows.tsv` (follow edges as a plain edge list). Default true. */
  follows?: boolean;
  /** Write `<out>.truth.json` (roles, verticals, rings, farms). Default true. */
  truth?: boolean;
}

export interface GeneratedDatasetSummary {
  files: { posts: string; users?: string; follows?: string; truth?: string };
  accounts: number;
  posts: number;
  follows: number;
  botRings: number;
  followerFarmAccounts: number;
  seed: number;
  until: string;
}

export function startOfTodayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The companion files' names: the main file's name without `.gz`, plus a suffix, keeping `.gz` if the main file has it. */
export function companionPath(out: string, suffix: string): string {
  const gz = out.endsWith('.gz');
  return `${gz ? out.slice(0, -3) : out}${suffix}${gz ? '.gz' : ''}`;
}

/** Streams lines to a file (gzip by suffix) with backpressure: memory stays flat whatever the size. */
export async function writeLines(path: string, lines: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const source = Readable.from(batchLines(lines), { objectMode: false });
  if (path.endsWith('.gz')) await pipeline(source, createGzip({ level: 1 }), createWriteStream(path));
  else await pipeline(source, createWriteStream(path));
}

/** Joins small lines into ~64 KB chunks: one stream write per line would dominate the generator's time. */
async function* batchLines(lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let buf = '';
  for await (const line of lines) {
    buf += line;
    if (buf.length >= 65_536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * Generates a dataset: the posts file in the requested format, plus companions (accounts, follow edges, ground
 * truth). Deterministic for (seed, accounts, posts, until, days).
 */
export async function writeGeneratedDataset(opts: GenerateDatasetOptions): Promise<GeneratedDatasetSummary> {
  const until = opts.until ?? startOfTodayUtc();
  const days = opts.days ?? 90;
  const population = new SyntheticPopulation({ accounts: opts.accounts, seed: opts.seed, untilMs: until.getTime() });
  const files: GeneratedDatasetSummary['files'] = { posts: opts.out };
  let followCount = 0;

  if (opts.format === 'twitter-v2') {
    const renderer = new TwitterV2Renderer(population);
    await writeLines(opts.out, renderer.tweetPages({ posts: opts.posts, days }));
    if (opts.users !== false) {
      files.users = companionPath(opts.out, '.users.jsonl');
      await writeLines(files.users, renderer.userPages());
    }
  } else {
    await writeLines(opts.out, renderJetstreamEvents(population, { posts: opts.posts, days, follows: opts.follows !== false }));
  }

  if (opts.follows !== false && opts.format === 'twitter-v2') {
    files.follows = companionPath(opts.out, '.follows.tsv');
    await writeLines(files.follows, followLines(population, () => followCount++));
  }
  if (opts.truth !== false) {
    files.truth = companionPath(opts.out, '.truth.json').replace(/\.gz$/, '');
    await writeLines(files.truth, groundTruthLines(population, opts, until, days));
  }
  return {
    files,
    accounts: population.size,
    posts: opts.posts,
    follows: followCount,
    botRings: population.botRings.length,
    followerFarmAccounts: population.followerFarms.reduce((s, f) => s + f.members.length, 0),
    seed: opts.seed,
    until: until.toISOString(),
  };
}

/** Header, then `actor<TAB>target<TAB>time<TAB>follow`, with Twitter user ids and unix seconds. */
export const FOLLOWS_TSV_HEADER = 'actor\ttarget\ttime\ttype\n';

function* followLines(population: SyntheticPopulation, counted: () => void): Generator<string> {
  yield FOLLOWS_TSV_HEADER;
  for (const f of planFollows(population)) {
    counted();
    yield `${population.userId(f.actor)}\t${population.userId(f.target)}\t${Math.floor(f.atMs / 1000)}\tfollow\n`;
  }
}

/** The sidecar tests and evaluations read: each account's role and vertical, rings, farms and their customers. */
function* groundTruthLines(population: SyntheticPopulation, opts: GenerateDatasetOptions, until: Date, days: number): Generator<string> {
  const id = (i: number) => population.userId(i);
  yield `{"generator":"renown-generate","format":${JSON.stringify(opts.format)},"seed":${opts.seed},"accounts":${population.size},"posts":${opts.posts},"until":"${until.toISOString()}","days":${days},\n`;
  yield `"verticals":${JSON.stringify(Object.fromEntries(VERTICALS.map((v) => [v.key, v.topics])))},\n`;
  yield `"botRings":${JSON.stringify(population.botRings.map((r) => r.map(id)))},\n`;
  yield `"followerFarms":${JSON.stringify(population.followerFarms.map((f) => ({ customers: f.customers.map(id), members: f.members.map(id) })))},\n`;
  yield `"scoreAnnouncer":${JSON.stringify(id(population.scoreAnnouncer))},\n"accountsById":{\n`;
  for (let i = 0; i < population.size; i++) {
    const entry = {
      username: usernameFor(population, i),
      did: opts.format === 'bluesky-jetstream' ? didFor(population, i) : undefined,
      vertical: VERTICALS[population.vertical[i]].key,
      language: population.languageOf(i),
      role: population.roleOf(i),
      followers: population.followers[i],
    };
    yield `${JSON.stringify(id(i))}:${JSON.stringify(entry)}${i + 1 < population.size ? ',' : ''}\n`;
  }
  yield '}}\n';
}
