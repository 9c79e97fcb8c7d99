import { PostContentComposer, usernameFor, type PostContent } from './compose-post-content.js';
import { planPosts, type PlannedPost } from './plan-posts.js';
import { SeededRandom } from './seeded-random.js';
import type { SyntheticPopulation } from './synthetic-population.js';
import { FIRST_NAMES, LAST_NAMES, LOCATIONS, VERTICALS } from './vertical-vocabulary.js';

const TWITTER_EPOCH_MS = 1288834974657n;
const SOURCES = ['Twitter for iPhone', 'Twitter for Android', 'Twitter Web App', 'TweetDeck', 'Hootsuite Inc.'];
const TWARC_SEARCH_URL =
  'https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Cin_reply_to_user_id%2Creferenced_tweets.id%2Creferenced_tweets.id.author_id%2Centities.mentions.username&tweet.fields=author_id%2Ccontext_annotations%2Cconversation_id%2Ccreated_at%2Centities%2Cid%2Cin_reply_to_user_id%2Clang%2Cpublic_metrics%2Ctext%2Cpossibly_sensitive%2Creferenced_tweets%2Creply_settings%2Csource&user.fields=created_at%2Cdescription%2Centities%2Cid%2Clocation%2Cname%2Cprotected%2Cpublic_metrics%2Curl%2Cusername%2Cverified&max_results=100';
const TWARC_USERS_URL =
  'https://api.twitter.com/2/users?user.fields=created_at%2Cdescription%2Cid%2Clocation%2Cname%2Cprotected%2Cpublic_metrics%2Curl%2Cusername%2Cverified';

/** Snowflake ids as Twitter makes them: milliseconds since its epoch, then 22 bits (here: the post index). */
export function tweetIdFor(createdMs: number, index: number): string {
  return ((BigInt(createdMs) - TWITTER_EPOCH_MS) << 22n | BigInt(index & 0x3fffff)).toString();
}

/** Content streams: an original's text and metrics are a function of (seed, index) so it renders the same everywhere. */
const originalStream = (index: number) => 0x4000_0000 + index;
const derivedStream = (index: number) => 0x1000_0000 + index;

type Json = Record<string, unknown>;

/**
 * Renders the generated world as Twitter API v2 search pages (one JSON page per line, as twarc2 writes them),
 * and its accounts as user-lookup pages. Shapes follow the real responses in twarc-csv's test data: string ids,
 * `public_metrics`, `entities`, `referenced_tweets`, `context_annotations`, `includes.users` / `includes.tweets`.
 */
export class TwitterV2Renderer {
  private readonly composer: PostContentComposer;
  private readonly retrievedAt: string;

  constructor(private readonly population: SyntheticPopulation) {
    this.composer = new PostContentComposer(population);
    this.retrievedAt = new Date(population.untilMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }

  user(i: number): Json {
    const pop = this.population;
    const rng = new SeededRandom(pop.seed, 0x3000_0000 + i);
    const language = pop.languageOf(i);
    const vocab = VERTICALS[pop.vertical[i]];
    const farm = pop.isFarm(i);
    const first = rng.pick(FIRST_NAMES[language]);
    const last = rng.pick(LAST_NAMES[language]);
    const description = farm ? '' : rng.pick(vocab.bios[language]).replace('{e}', () => rng.pick(vocab.entities)).replace('{n}', () => String(rng.int(12, 90)));
    const followers = pop.followers[i];
    const verified = followers > 100_000 ? rng.chance(0.6) : followers > 20_000 ? rng.chance(0.1) : false;
    return {
      id: pop.userId(i),
      username: usernameFor(pop, i),
      name: pop.isRingMember(i) || farm ? `${first}${rng.int(10, 99)}` : `${first} ${last}`,
      description,
      location: farm ? '' : rng.pick(LOCATIONS[language]),
      url: '',
      created_at: new Date(Math.floor(pop.createdAtMs[i] / 1000) * 1000).toISOString(),
      verified,
      protected: false,
      profile_image_url: farm
        ? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png'
        : `https://pbs.twimg.com/profile_images/${pop.userId(i).slice(0, 10)}${i}/${rng.token(8)}_normal.jpg`,
      public_metrics: {
        followers_count: followers,
        following_count: pop.following[i],
        tweet_count: pop.tweetCount[i],
        listed_count: pop.listed[i],
      },
    };
  }

  private entitiesJson(content: PostContent): Json | undefined {
    if (content.entities.length === 0) return undefined;
    const out: Json = {};
    const hashtags = content.entities.filter((e) => e.kind === 'hashtag');
    const mentions = content.entities.filter((e) => e.kind === 'mention');
    const urls = content.entities.filter((e) => e.kind === 'url');
    if (hashtags.length) out.hashtags = hashtags.map((e) => ({ start: e.start, end: e.end, tag: e.tag }));
    if (mentions.length) out.mentions = mentions.map((e) => ({ start: e.start, end: e.end, username: usernameFor(this.population, e.account), id: this.population.userId(e.account) }));
    if (urls.length) out.urls = urls.map((e) => ({ start: e.start, end: e.end, url: e.shortUrl, expanded_url: e.expandedUrl, display_url: e.displayUrl }));
    return out;
  }

  private tweetJson(id: string, author: number, createdMs: number, content: PostContent, metrics: Json, rng: SeededRandom, extra: Json): Json {
    const tweet: Json = {
      id,
      text: content.text,
      author_id: this.population.userId(author),
      created_at: new Date(createdMs).toISOString(),
      conversation_id: id,
      lang: content.language,
      source: rng.pick(SOURCES),
      possibly_sensitive: false,
      reply_settings: 'everyone',
      edit_history_tweet_ids: [id],
      public_metrics: metrics,
      ...extra,
    };
    const entities = this.entitiesJson(content);
    if (entities) tweet.entities = entities;
    if (content.annotations.length) tweet.context_annotations = content.annotations;
    return tweet;
  }

  /** An original tweet as of the end of the period, identical wherever it is rendered (data or includes). */
  original(index: number, author: number, createdMs: number): { tweet: Json; content: PostContent; metrics: { retweet_count: number } } {
    const rng = new SeededRandom(this.population.seed, originalStream(index));
    const content = this.composer.original(rng, author);
    // Engagement scales with reach, with log-normal noise: most posts get little, a few take off.
    const reach = this.population.followers[author];
    const like = Math.floor(reach * 0.004 * rng.logNormal(0, 1.1));
    const metrics = {
      retweet_count: Math.floor(like * 0.2 * rng.logNormal(0, 0.6)),
      reply_count: Math.floor(like * 0.05 * rng.logNormal(0, 0.7)),
      like_count: like,
      quote_count: Math.floor(like * 0.02 * rng.logNormal(0, 0.8)),
      bookmark_count: Math.floor(like * 0.03),
      impression_count: Math.floor(reach * 0.35 * rng.logNormal(0, 0.6)) + like * 12,
    };
    const tweet = this.tweetJson(tweetIdFor(createdMs, index), author, createdMs, content, metrics, rng, {});
    return { tweet, content, metrics };
  }

  /** The tweet for a planned post, plus the users and original it references (for `includes`). */
  render(post: PlannedPost): { tweet: Json; users: number[]; referenced?: Json } {
    const mentionedUsers = (content: PostContent) => content.entities.flatMap((e) => (e.kind === 'mention' ? [e.account] : []));
    if (post.kind === 'original' || !post.target) {
      const { tweet, content } = this.original(post.index, post.author, post.createdMs);
      return { tweet, users: [post.author, ...mentionedUsers(content)] };
    }
    const t = post.target;
    const original = this.original(t.index, t.author, t.createdMs);
    const originalId = original.tweet.id as string;
    const id = tweetIdFor(post.createdMs, post.index);
    const rng = new SeededRandom(this.population.seed, derivedStream(post.index));
    const reach = this.population.followers[post.author];
    const small = () => Math.floor(reach * 0.002 * rng.logNormal(0, 1));
    let content: PostContent;
    let metrics: Json;
    let extra: Json;
    if (post.kind === 'repost') {
      content = this.composer.retweet(original.content, t.author);
      // The v2 API reports the original's retweet count on a retweet and zeros elsewhere.
      metrics = { retweet_count: original.metrics.retweet_count, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
      extra = { referenced_tweets: [{ type: 'retweeted', id: originalId }] };
    } else if (post.kind === 'reply') {
      content = this.composer.reply(rng, post.author, original.content, t.author);
      metrics = { retweet_count: 0, reply_count: 0, like_count: small(), quote_count: 0, bookmark_count: 0, impression_count: small() * 20 + rng.int(0, 50) };
      extra = { referenced_tweets: [{ type: 'replied_to', id: originalId }], in_reply_to_user_id: this.population.userId(t.author), conversation_id: originalId };
    } else {
      content = this.composer.quote(rng, post.author, t.author, originalId);
      const like = small();
      metrics = { retweet_count: Math.floor(like * 0.1), reply_count: Math.floor(like * 0.05), like_count: like, quote_count: 0, bookmark_count: 0, impression_count: like * 15 + rng.int(0, 80) };
      extra = { referenced_tweets: [{ type: 'quoted', id: originalId }] };
    }
    const tweet = this.tweetJson(id, post.author, post.createdMs, content, metrics, rng, extra);
    return { tweet, users: [post.author, t.author, ...mentionedUsers(content), ...mentionedUsers(original.content)], referenced: original.tweet };
  }

  /** Search-result pages of `pageSize` tweets, one JSON line each, in time order. */
  *tweetPages(opts: { posts: number; days: number; pageSize?: number }): Generator<string> {
    const pageSize = opts.pageSize ?? 100;
    let data: Json[] = [];
    let users = new Set<number>();
    let referenced = new Map<string, Json>();
    let page = 0;
    const flush = (): string => {
      const line = JSON.stringify({
        data,
        includes: { users: [...users].map((u) => this.user(u)), ...(referenced.size ? { tweets: [...referenced.values()] } : {}) },
        meta: {
          newest_id: data[data.length - 1].id,
          oldest_id: data[0].id,
          result_count: data.length,
          ...(data.length === pageSize ? { next_token: `gen${this.population.seed.toString(36)}p${(page + 1).toString(36)}` } : {}),
        },
        __twarc: { url: TWARC_SEARCH_URL, version: '2.14.0', retrieved_at: this.retrievedAt },
      });
      page++;
      data = [];
      users = new Set();
      referenced = new Map();
      return `${line}\n`;
    };
    for (const post of planPosts(this.population, { posts: opts.posts, days: opts.days })) {
      const r = this.render(post);
      data.push(r.tweet);
      for (const u of r.users) users.add(u);
      if (r.referenced) referenced.set(r.referenced.id as string, r.referenced);
      if (data.length === pageSize) yield flush();
    }
    if (data.length) yield flush();
  }

  /** Every account as user-lookup pages (100 per page, the API's limit), farms included. */
  *userPages(): Generator<string> {
    for (let start = 0; start < this.population.size; start += 100) {
      const data: Json[] = [];
      for (let i = start; i < Math.min(this.population.size, start + 100); i++) data.push(this.user(i));
      yield `${JSON.stringify({ data, meta: { result_count: data.length }, __twarc: { url: TWARC_USERS_URL, version: '2.14.0', retrieved_at: this.retrievedAt } })}\n`;
    }
  }
}
