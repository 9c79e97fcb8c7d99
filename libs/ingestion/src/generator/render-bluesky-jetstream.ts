import { PostContentComposer, usernameFor, type PostContent } from './compose-post-content.js';
import { planFollows } from './plan-follows.js';
import { planPosts, type PlannedPost } from './plan-posts.js';
import { SeededRandom, mix32 } from './seeded-random.js';
import type { SyntheticPopulation } from './synthetic-population.js';
import { FIRST_NAMES, LAST_NAMES, VERTICALS } from './vertical-vocabulary.js';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

/** atproto record key (TID): 53 bits of microseconds and 10 bits of clock id, base32-sortable, 13 chars. */
export function tidFor(micros: number, clock: number): string {
  let v = (BigInt(Math.floor(micros)) << 10n) | BigInt(clock & 1023);
  let out = '';
  for (let k = 0; k < 13; k++) {
    out = SORTABLE[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

export function didFor(population: SyntheticPopulation, i: number): string {
  return `did:plc:${new SeededRandom(population.seed, 0x5000_0000 + i).token(24, BASE32)}`;
}

const cidFor = (seed: number, stream: number) => `bafyrei${new SeededRandom(seed, stream).token(52, BASE32)}`;
const postStream = (index: number) => 0x6000_0000 + index;

type Json = Record<string, unknown>;

/**
 * The generated world as a Jetstream (v1) capture: one event per line, `time_us` increasing, with identity and
 * profile events the first time an account appears, follows (before the posts), posts with facets (byte offsets,
 * as atproto counts them), replies, quotes (embed.record), reposts and likes. Jetstream carries no counts: follower
 * and engagement numbers come from the events themselves.
 */
export function* renderJetstreamEvents(population: SyntheticPopulation, opts: { posts: number; days: number; follows: boolean }): Generator<string> {
  const composer = new PostContentComposer(population);
  const seed = population.seed;
  const introduced = new Uint8Array(population.size);
  const startUs = (population.untilMs - opts.days * 86_400_000) * 1000;
  let lastUs = startUs - 2_000_000_000;
  const nextUs = (wantedUs: number) => (lastUs = Math.max(lastUs + 1, Math.floor(wantedUs)));
  const line = (did: string, timeUs: number, body: Json) => `${JSON.stringify({ did, time_us: timeUs, ...body })}\n`;
  const commit = (did: string, timeUs: number, collection: string, rkey: string, record: Json, cid: string) =>
    line(did, timeUs, { kind: 'commit', commit: { rev: tidFor(timeUs, 0), operation: 'create', collection, rkey, record, cid } });

  function* introduce(i: number, atUs: number): Generator<string> {
    if (introduced[i]) return;
    introduced[i] = 1;
    const did = didFor(population, i);
    const rng = new SeededRandom(seed, 0x3000_0000 + i);
    const language = population.languageOf(i);
    const vocab = VERTICALS[population.vertical[i]];
    const t = nextUs(atUs);
    yield line(did, t, { kind: 'identity', identity: { did, handle: `${usernameFor(population, i)}.bsky.social`, seq: t, time: new Date(t / 1000).toISOString() } });
    const t2 = nextUs(atUs);
    const record = {
      $type: 'app.bsky.actor.profile',
      createdAt: new Date(population.createdAtMs[i]).toISOString(),
      displayName: `${rng.pick(FIRST_NAMES[language])} ${rng.pick(LAST_NAMES[language])}`,
      description: population.isFarm(i) ? '' : rng.pick(vocab.bios[language]).replace('{e}', () => rng.pick(vocab.entities)).replace('{n}', () => '12'),
    };
    yield commit(did, t2, 'app.bsky.actor.profile', 'self', record, cidFor(seed, 0x7000_0000 + i));
  }

  const postRef = (index: number, author: number, createdMs: number) => ({
    cid: cidFor(seed, postStream(index)),
    uri: `at://${didFor(population, author)}/app.bsky.feed.post/${tidFor(createdMs * 1000, index)}`,
  });

  const facets = (content: PostContent): Json[] | undefined => {
    if (!content.entities.length) return undefined;
    const bytes = (upTo: number) => Buffer.byteLength(content.text.slice(0, upTo));
    return content.entities.map((e) => ({
      index: { byteStart: bytes(e.start), byteEnd: bytes(e.end) },
      features: [
        e.kind === 'hashtag'
          ? { $type: 'app.bsky.richtext.facet#tag', tag: e.tag }
          : e.kind === 'mention'
            ? { $type: 'app.bsky.richtext.facet#mention', did: didFor(population, e.account) }
            : { $type: 'app.bsky.richtext.facet#link', uri: e.expandedUrl },
      ],
    }));
  };

  const postRecord = (content: PostContent, createdMs: number, extra: Json): Json => {
    const f = facets(content);
    return { $type: 'app.bsky.feed.post', createdAt: new Date(createdMs).toISOString(), langs: [content.language], text: content.text, ...(f ? { facets: f } : {}), ...extra };
  };

  if (opts.follows) {
    for (const f of planFollows(population)) {
      yield* introduce(f.actor, startUs - 1_000_000_000);
      const t = nextUs(0);
      const record = { $type: 'app.bsky.graph.follow', createdAt: new Date(f.atMs).toISOString(), subject: didFor(population, f.target) };
      yield commit(didFor(population, f.actor), t, 'app.bsky.graph.follow', tidFor(f.atMs * 1000, mix32(f.target) & 1023), record, cidFor(seed, 0x0800_0000 + mix32(f.actor * 31 + f.target)));
    }
  }

  for (const post of planPosts(population, { posts: opts.posts, days: opts.days })) {
    yield* introduce(post.author, post.createdMs * 1000);
    const did = didFor(population, post.author);
    const t = nextUs(post.createdMs * 1000);
    const self = postRef(post.index, post.author, post.createdMs);
    const rkey = self.uri.slice(self.uri.lastIndexOf('/') + 1);
    if (post.kind === 'original' || !post.target) {
      const content = composer.original(new SeededRandom(seed, 0x4000_0000 + post.index), post.author);
      yield commit(did, t, 'app.bsky.feed.post', rkey, postRecord(content, post.createdMs, {}), self.cid);
      continue;
    }
    yield* engagement(post, did, t, rkey, self.cid);
  }

  function* engagement(post: PlannedPost, did: string, t: number, rkey: string, cid: string): Generator<string> {
    const target = post.target!;
    const subject = postRef(target.index, target.author, target.createdMs);
    const rng = new SeededRandom(seed, 0x1000_0000 + post.index);
    const createdAt = new Date(post.createdMs).toISOString();
    if (post.kind === 'repost') {
      yield commit(did, t, 'app.bsky.feed.repost', rkey, { $type: 'app.bsky.feed.repost', createdAt, subject }, cid);
    } else if (post.kind === 'reply') {
      const original = composer.original(new SeededRandom(seed, 0x4000_0000 + target.index), target.author);
      const content = composer.reply(rng, post.author, original, target.author);
      yield commit(did, t, 'app.bsky.feed.post', rkey, postRecord(content, post.createdMs, { reply: { root: subject, parent: subject } }), cid);
    } else {
      const content = composer.quote(rng, post.author, target.author, subject.uri);
      // The quoted post is the embed, not a link in the text.
      const withoutLink = { ...content, text: content.text.replace(/\s*https:\/\/t\.co\/\S+$/, ''), entities: content.entities.filter((e) => e.kind !== 'url') };
      yield commit(did, t, 'app.bsky.feed.post', rkey, postRecord(withoutLink, post.createdMs, { embed: { $type: 'app.bsky.embed.record', record: subject } }), cid);
    }
    // People who engage usually like too.
    if (rng.chance(0.6)) {
      const likeUs = nextUs(t + 1);
      yield commit(did, likeUs, 'app.bsky.feed.like', tidFor(likeUs, 1), { $type: 'app.bsky.feed.like', createdAt, subject }, cidFor(seed, 0x0900_0000 + post.index));
    }
  }
}
