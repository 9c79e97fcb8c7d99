import { SeededRandom } from '../../../libs/ingestion/src/generator/seeded-random.js';
import { VERTICALS, type VerticalVocabulary } from '../../../libs/ingestion/src/generator/vertical-vocabulary.js';

/**
 * A small, deterministic automotive world on YouTube for the YouTube crawler tests (issue #16), served by
 * fake-youtube-api.ts in the Data API v3 shapes.
 *
 * - 10 car reviewers and 6 EV reviewers whose channel descriptions say "car reviews" / "EV reviews": search finds
 *   them. One car reviewer hides its subscriber count, one has more lifetime views than 2^53, one EV channel has
 *   comments disabled on every video (commentThreads.list answers 403 commentsDisabled).
 * - 3 off-topic channels search also finds ("review" and "car" in the description, other verticals in the
 *   videos): a crawl reads and drops them.
 * - 4 car channels search does not find: only their comments under the reviewers' videos lead to them.
 * - 10 viewers: channels without uploads who comment; and one commenter whose channel was deleted since
 *   (channels.list answers no item).
 *
 * Every video channel has 14 uploads: 12 in the 80 days before `now`, 2 older than 100 days. Comments (1 to 4 per
 * video, from viewers, graph-only car channels and other reviewers) sit under the in-window videos.
 */

export type YoutubeSpecial = 'hidden-subscribers' | 'big-views' | 'comments-disabled' | 'deleted';
export type YoutubeKind = 'car' | 'ev' | 'off-topic' | 'graph-car' | 'viewer';

export interface YoutubeChannelRecord {
  id: string;
  /** The handle without '@', as typed (customUrl is '@' + lower case). */
  handle: string;
  title: string;
  description: string;
  kind: YoutubeKind;
  special?: YoutubeSpecial;
  publishedAt: string;
  country: string | null;
  defaultLanguage: string | null;
  /** The true subscriber count (the API rounds it to 3 significant figures). */
  subscribers: number;
  /** Lifetime views, as the API's decimal string (may exceed 2^53). */
  viewCount: string;
  uploadsPlaylistId: string;
  topicCategories: string[];
  /** Deleted channels answer nothing, but their comments stay listed. */
  deleted?: boolean;
}

export interface YoutubeVideoRecord {
  id: string;
  channelId: string;
  title: string;
  description: string;
  tags: string[];
  publishedAt: string;
  /** ISO 8601 duration, e.g. PT14M3S. */
  duration: string;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  defaultAudioLanguage: string | null;
  topicCategories: string[];
}

export interface YoutubeCommentRecord {
  id: string;
  videoId: string;
  /** The video's channel. */
  channelId: string;
  authorChannelId: string;
  authorDisplayName: string;
  text: string;
  publishedAt: string;
  likeCount: number;
}

export interface YoutubeWorld {
  now: number;
  channels: YoutubeChannelRecord[];
  videos: YoutubeVideoRecord[];
  comments: YoutubeCommentRecord[];
  channel(kind: YoutubeKind | YoutubeSpecial): YoutubeChannelRecord;
  byKind(kind: YoutubeKind): YoutubeChannelRecord[];
  videosOf(channelId: string): YoutubeVideoRecord[];
}

const DAY = 86_400_000;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WIKI = (title: string) => `https://en.wikipedia.org/wiki/${title}`;
const CAR_TOPICS = [WIKI('Vehicle'), WIKI('Automobile')];
const VOCAB = (key: string) => VERTICALS.find((v) => v.key === key)!;

const CAR_NAMES = ['Torque Talk', 'Apex Garage', 'Redline Reviews', 'Daily Driver Lab', 'Gearhead Weekly', 'Motor Notes', 'Piston & Pixel', 'Open Road Tests', 'Clutch Corner', 'Lap Time TV'];
const EV_NAMES = ['Volt Valley', 'Charge Point Diaries', 'Range Report', 'Kilowatt Kate', 'Plug In Pete', 'Silent Speed'];
const GRAPH_CAR_NAMES = ['Track Day Tom', 'Spanner Sunday', 'Rally Rosie', 'Battery Bench'];
const OFF_TOPIC = [
  { name: 'Thrift Haul Queen', vertical: 'fashion', description: 'Car boot sale finds and thrift hauls: every Sunday I review what I bought.' },
  { name: 'Pixel Racer Plays', vertical: 'gaming', description: 'Game reviews and let\'s plays. I review every car racing game on release day.' },
  { name: 'Road Snack Kitchen', vertical: 'food', description: 'Food for the car ride: recipes and snack reviews for long trips.' },
];
const VIEWER_NAMES = ['Sam Okafor', 'Lena Fischer', 'Marco Ruiz', 'Priya Nair', 'Jonas Berg', 'Aiko Tanaka', 'Chloe Martin', 'Diego Alves', 'Nora Quinn', 'Felix Wu'];
const COMMENTS = ['Great review, thanks!', 'How is the range in winter?', 'Finally someone talks about the brakes.', 'Subscribed after this one.', 'The interior shots were really helpful.', 'Would love a comparison with the Kia EV6.'];

const channelId = (rng: SeededRandom) => `UC${rng.token(22, ID_ALPHABET)}`;
const fill = (t: string, rng: SeededRandom, v: VerticalVocabulary) => t.replace('{e}', () => rng.pick(v.entities)).replace('{n}', () => String(rng.int(2, 480))).replace('{p}', () => 'London');
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
const isoDuration = (s: number) => `PT${s >= 3600 ? `${Math.floor(s / 3600)}H` : ''}${s >= 60 ? `${Math.floor((s % 3600) / 60)}M` : ''}${s % 60 ? `${s % 60}S` : ''}`;

export function buildYoutubeWorld(seed = 16, options: { now?: number } = {}): YoutubeWorld {
  const now = options.now ?? Date.now();
  const rng = new SeededRandom(seed);
  const channels: YoutubeChannelRecord[] = [];
  const videos: YoutubeVideoRecord[] = [];
  const comments: YoutubeCommentRecord[] = [];

  const addChannel = (name: string, kind: YoutubeKind, description: string, topics: string[], special?: YoutubeSpecial) => {
    const id = channelId(rng);
    const subscribers = kind === 'viewer' ? rng.int(0, 40) : rng.int(8_000, 2_400_000);
    const c: YoutubeChannelRecord = {
      id,
      handle: slug(name),
      title: name,
      description,
      kind,
      special,
      publishedAt: new Date(now - rng.int(400, 4000) * DAY).toISOString().replace('.000Z', 'Z'),
      country: kind === 'viewer' ? null : rng.pick(['US', 'GB', 'DE', 'CA']),
      defaultLanguage: kind === 'viewer' ? null : 'en',
      subscribers,
      viewCount: special === 'big-views' ? '9007199254740993' : String(subscribers * rng.int(40, 300)),
      uploadsPlaylistId: `UU${id.slice(2)}`,
      topicCategories: topics,
      deleted: special === 'deleted',
    };
    channels.push(c);
    return c;
  };

  const auto = VOCAB('automotive');
  CAR_NAMES.forEach((n, i) => addChannel(n, 'car', `Honest car reviews and test drives every week. ${auto.entities[i]} long-term test running. Business: https://${slug(n)}.example.com #CarReview`, CAR_TOPICS, i === 2 ? 'hidden-subscribers' : i === 5 ? 'big-views' : undefined));
  EV_NAMES.forEach((n, i) => addChannel(n, 'ev', `EV reviews, charging tests and electric car road trips. Currently driving the ${auto.entities[i + 6]}.`, CAR_TOPICS, i === 1 ? 'comments-disabled' : undefined));
  for (const o of OFF_TOPIC) addChannel(o.name, 'off-topic', o.description, [WIKI(o.vertical === 'food' ? 'Food' : o.vertical === 'gaming' ? 'Video_game_culture' : 'Fashion')]);
  GRAPH_CAR_NAMES.forEach((n) => addChannel(n, 'graph-car', `Weekend garage projects, track days and the ${rng.pick(auto.entities)}.`, CAR_TOPICS));
  VIEWER_NAMES.forEach((n) => addChannel(n, 'viewer', rng.chance(0.5) ? 'Just here for the videos.' : '', []));
  addChannel('Gone Viewer', 'viewer', '', [], 'deleted');

  const videoId = () => rng.token(11, ID_ALPHABET);
  for (const c of channels.filter((x) => x.kind !== 'viewer')) {
    const vocab = c.kind === 'off-topic' ? VOCAB(OFF_TOPIC.find((o) => o.name === c.title)!.vertical) : auto;
    for (let k = 0; k < 14; k++) {
      const ageDays = k < 12 ? 1 + k * 6.5 + rng.next() : 105 + k * 20;
      const short = k % 4 === 3;
      const title = fill(rng.pick(vocab.phrases.en), rng, vocab);
      const tags = [rng.pick(vocab.hashtags), rng.pick(vocab.hashtags)].map((t) => t.replace(/([a-z])([A-Z])/g, '$1 $2'));
      videos.push({
        id: videoId(),
        channelId: c.id,
        title: short ? `${title} #shorts` : title,
        description: `${fill(rng.pick(vocab.phrases.en), rng, vocab)}\n\nMore at https://${c.handle}.example.com/videos #${rng.pick(vocab.hashtags)}`,
        tags: [...new Set(tags)],
        publishedAt: new Date(now - ageDays * DAY).toISOString().replace('.000Z', 'Z'),
        duration: isoDuration(short ? rng.int(15, 60) : rng.int(240, 2400)),
        viewCount: rng.int(1_000, 900_000),
        likeCount: rng.int(20, 20_000),
        commentCount: 0,
        defaultAudioLanguage: k === 5 ? null : 'en',
        topicCategories: c.topicCategories,
      });
    }
  }

  // Comments under the in-window videos of the car and EV channels (and a few under the others).
  const commenters = channels.filter((c) => c.kind === 'viewer' || c.kind === 'graph-car');
  const reviewers = channels.filter((c) => c.kind === 'car' || c.kind === 'ev');
  for (const v of videos) {
    const owner = channels.find((c) => c.id === v.channelId)!;
    if (Date.parse(v.publishedAt) < now - 90 * DAY) continue;
    const n = owner.kind === 'off-topic' || owner.kind === 'graph-car' ? rng.int(0, 1) : rng.int(1, 4);
    const who = new Set<string>();
    for (let k = 0; k < n; k++) {
      const author = rng.chance(0.2) ? rng.pick(reviewers) : rng.pick(commenters);
      if (author.id === owner.id || who.has(author.id)) continue;
      who.add(author.id);
      comments.push({
        id: `Ugz${rng.token(23, ID_ALPHABET)}4AaABAg`,
        videoId: v.id,
        channelId: owner.id,
        authorChannelId: author.id,
        authorDisplayName: `@${author.handle}`,
        text: rng.pick(COMMENTS),
        publishedAt: new Date(Date.parse(v.publishedAt) + rng.int(1, 48) * 3_600_000).toISOString().replace('.000Z', 'Z'),
        likeCount: rng.int(0, 200),
      });
    }
    v.commentCount = owner.special === 'comments-disabled' ? 0 : comments.filter((c) => c.videoId === v.id).length;
  }
  // A comment of the deleted channel under the first car reviewer's newest video: its author is a dead end.
  const first = videos.find((v) => v.channelId === reviewers[0].id)!;
  const gone = channels.find((c) => c.special === 'deleted')!;
  comments.push({ id: `Ugz${rng.token(23, ID_ALPHABET)}4AaABAg`, videoId: first.id, channelId: first.channelId, authorChannelId: gone.id, authorDisplayName: '@goneviewer', text: 'First!', publishedAt: new Date(Date.parse(first.publishedAt) + 60_000).toISOString().replace('.000Z', 'Z'), likeCount: 0 });
  first.commentCount++;
  // Comments disabled: the channel's videos list none (and the API refuses to list them).
  const disabled = channels.find((c) => c.special === 'comments-disabled')!;
  for (let k = comments.length - 1; k >= 0; k--) if (comments[k].channelId === disabled.id) comments.splice(k, 1);

  return {
    now,
    channels,
    videos,
    comments,
    channel(kind) {
      const c = channels.find((x) => x.special === kind) ?? channels.find((x) => x.kind === kind);
      if (!c) throw new Error(`fake YouTube world: no ${kind} channel`);
      return c;
    },
    byKind: (kind) => channels.filter((c) => c.kind === kind),
    videosOf: (id) => videos.filter((v) => v.channelId === id).sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt)),
  };
}
