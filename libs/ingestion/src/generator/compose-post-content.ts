import { SeededRandom } from './seeded-random.js';
import type { SyntheticPopulation } from './synthetic-population.js';
import {
  CLOSERS,
  FIRST_NAMES,
  LAST_NAMES,
  LOCATIONS,
  REPLY_OPENERS,
  VERTICALS,
  type ContextAnnotationSeed,
  type GeneratedLanguage,
} from './vertical-vocabulary.js';

/** A hashtag, mention or link inside a post's text, with UTF-16 offsets (the vocabulary has no astral characters, so these equal code-point offsets as Twitter counts them). */
export type TextEntity =
  | { kind: 'hashtag'; start: number; end: number; tag: string }
  | { kind: 'mention'; start: number; end: number; account: number }
  | { kind: 'url'; start: number; end: number; shortUrl: string; expandedUrl: string; displayUrl: string };

export interface PostContent {
  text: string;
  language: GeneratedLanguage;
  vertical: number;
  entities: TextEntity[];
  annotations: ContextAnnotationSeed[];
}

/** Builds a text while recording where entities land in it. */
class TextBuilder {
  text = '';
  readonly entities: TextEntity[] = [];

  add(s: string): this {
    if (s) this.text += this.text && !this.text.endsWith(' ') && !this.text.endsWith('\n') ? ` ${s}` : s;
    return this;
  }

  hashtag(tag: string): this {
    this.add('');
    if (this.text && !this.text.endsWith(' ')) this.text += ' ';
    const start = this.text.length;
    this.text += `#${tag}`;
    this.entities.push({ kind: 'hashtag', start, end: this.text.length, tag });
    return this;
  }

  mention(account: number, username: string): this {
    if (this.text && !this.text.endsWith(' ')) this.text += ' ';
    const start = this.text.length;
    this.text += `@${username}`;
    this.entities.push({ kind: 'mention', start, end: this.text.length, account });
    return this;
  }

  url(shortUrl: string, expandedUrl: string): this {
    if (this.text && !this.text.endsWith(' ')) this.text += ' ';
    const start = this.text.length;
    this.text += shortUrl;
    const displayUrl = expandedUrl.replace(/^https?:\/\/(www\.)?/, '').slice(0, 26) + (expandedUrl.length > 34 ? '…' : '');
    this.entities.push({ kind: 'url', start, end: this.text.length, shortUrl, expandedUrl, displayUrl });
    return this;
  }
}

const SCORE_BRAGS = [
  'My Renown score is 72! Thanks to everyone who engages with my car reviews',
  'Just checked: my Renown score is 72 today. Onwards to 80',
  'my Renown score is 72, what is yours?',
];

function fill(template: string, rng: SeededRandom, entities: string[], language: GeneratedLanguage): string {
  return template
    .replace('{e}', () => rng.pick(entities))
    .replace('{n}', () => String(rng.int(2, 480)))
    .replace('{p}', () => rng.pick(LOCATIONS[language].filter(Boolean)));
}

function slug(rng: SeededRandom): string {
  return `${rng.token(6, 'abcdefghijklmnopqrstuvwxyz')}-${rng.token(7, 'abcdefghijklmnopqrstuvwxyz')}-${rng.int(1000, 99999)}`;
}

/**
 * Text, hashtags, mentions, links and annotations of generated posts. Each method takes its own `rng`, so the
 * caller decides whether a post must be reproducible from its index (originals are: they are re-emitted whenever
 * quoted, replied to or reposted) or may come from the sequential stream.
 */
export class PostContentComposer {
  constructor(private readonly population: SyntheticPopulation) {}

  username(i: number): string {
    return usernameFor(this.population, i);
  }

  /** A post on the author's topic, in the author's language most of the time. */
  original(rng: SeededRandom, author: number): PostContent {
    const pop = this.population;
    const authorLanguage = pop.languageOf(author);
    const language: GeneratedLanguage = authorLanguage !== 'en' && rng.chance(0.15) ? 'en' : authorLanguage;
    const vertical = rng.chance(0.92) ? pop.vertical[author] : rng.int(0, VERTICALS.length - 1);
    const vocab = VERTICALS[vertical];
    const b = new TextBuilder();

    if (pop.roleOf(author) === 'score-announcer' && rng.chance(0.35)) {
      b.add(rng.pick(SCORE_BRAGS));
      b.hashtag('Renown');
      return { text: b.text, language: 'en', vertical, entities: b.entities, annotations: [] };
    }

    b.add(fill(rng.pick(vocab.phrases[language]), rng, vocab.entities, language));
    if (rng.chance(0.2)) {
      const other = pop.drawPopular(rng, vertical, 0.9);
      if (other !== author) {
        b.add(language === 'ja' ? 'cc' : language === 'de' ? 'mit' : language === 'fr' ? 'avec' : language === 'es' ? 'con' : 'with');
        b.mention(other, this.username(other));
      }
    }
    const closer = rng.pick(CLOSERS[language]);
    if (closer) b.add(closer);
    const tagCount = rng.chance(0.78) ? rng.int(1, 3) : 0;
    const localTags = vocab.hashtagsByLanguage[language] ?? [];
    const used = new Set<string>();
    for (let k = 0; k < tagCount; k++) {
      const tag = localTags.length && rng.chance(0.4) ? rng.pick(localTags) : rng.pick(vocab.hashtags);
      if (used.has(tag)) continue;
      used.add(tag);
      b.hashtag(tag);
    }
    if (rng.chance(0.3)) b.url(`https://t.co/${rng.token(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`, `https://www.${rng.pick(vocab.linkDomains)}/${slug(rng)}`);

    const annotations: ContextAnnotationSeed[] = [];
    if (rng.chance(0.7)) {
      const first = rng.int(0, vocab.annotations.length - 1);
      annotations.push(vocab.annotations[first]);
      if (rng.chance(0.5) && vocab.annotations.length > 1) annotations.push(vocab.annotations[(first + 1) % vocab.annotations.length]);
    }
    return { text: b.text, language, vertical, entities: b.entities, annotations };
  }

  /** "RT @author: text", cut at 140 characters the way the v2 API shows retweets. */
  retweet(original: PostContent, originalAuthor: number): PostContent {
    const prefix = `RT @${this.username(originalAuthor)}: `;
    let text = prefix + original.text;
    if (text.length > 140) text = `${text.slice(0, 139)}…`;
    const entities: TextEntity[] = [{ kind: 'mention', start: 3, end: 4 + this.username(originalAuthor).length, account: originalAuthor }];
    for (const e of original.entities) {
      const shifted = { ...e, start: e.start + prefix.length, end: e.end + prefix.length };
      if (shifted.end <= text.length - (text.endsWith('…') ? 1 : 0)) entities.push(shifted);
    }
    return { text, language: original.language, vertical: original.vertical, entities, annotations: original.annotations };
  }

  /** "@author <remark>" on the thread's topic, in the replier's language. */
  reply(rng: SeededRandom, author: number, original: PostContent, originalAuthor: number): PostContent {
    const language = this.population.languageOf(author);
    const vocab = VERTICALS[original.vertical];
    const b = new TextBuilder();
    b.mention(originalAuthor, this.username(originalAuthor));
    b.add(rng.pick(REPLY_OPENERS[language]));
    b.add(fill(rng.pick(vocab.phrases[language]), rng, vocab.entities, language));
    if (rng.chance(0.3)) b.hashtag(rng.pick(vocab.hashtags));
    return { text: b.text, language, vertical: original.vertical, entities: b.entities, annotations: rng.chance(0.4) ? original.annotations.slice(0, 1) : [] };
  }

  /** A comment on the topic followed by the quoted tweet's link, as Twitter renders quotes. */
  quote(rng: SeededRandom, author: number, originalAuthor: number, originalId: string): PostContent {
    const language = this.population.languageOf(author);
    const vertical = this.population.vertical[originalAuthor];
    const vocab = VERTICALS[vertical];
    const b = new TextBuilder();
    b.add(rng.pick(REPLY_OPENERS[language]));
    b.add(fill(rng.pick(vocab.phrases[language]), rng, vocab.entities, language));
    if (rng.chance(0.5)) b.hashtag(rng.pick(vocab.hashtags));
    b.url(`https://t.co/${rng.token(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`, `https://twitter.com/${this.username(originalAuthor)}/status/${originalId}`);
    return { text: b.text, language, vertical, entities: b.entities, annotations: rng.chance(0.5) ? vocab.annotations.slice(0, 1) : [] };
  }
}

const ASCII = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[^A-Za-z]/g, '');

/** Handles look like people's (name + suffix); the base-36 index suffix keeps them unique. */
export function usernameFor(population: SyntheticPopulation, i: number): string {
  const rng = new SeededRandom(population.seed, 0x2000_0000 + i);
  const language = population.languageOf(i);
  const first = ASCII(rng.pick(FIRST_NAMES[language]));
  const last = ASCII(rng.pick(LAST_NAMES[language]));
  const suffix = i.toString(36);
  // Bot-made accounts get the tell-tale "name + digits" handles.
  if (population.isFarm(i) || population.isRingMember(i)) return `${`${first}${rng.int(10000, 99999)}`.slice(0, 14 - suffix.length)}_${suffix}`.toLowerCase();
  const style = rng.int(0, 2);
  const base = style === 0 ? `${first}${last}` : style === 1 ? `${first}_${last}` : `${first[0]}${last}`;
  return `${base.slice(0, 14 - suffix.length)}_${suffix}`.toLowerCase().slice(0, 15);
}
