import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeGeneratedDataset } from '@renown/ingestion/generator/index.js';
import { twitterV2Format } from '@renown/ingestion/formats/twitter-v2.parser.js';
import { blueskyJetstreamFormat } from '@renown/ingestion/formats/bluesky-jetstream.parser.js';
import { edgeListFormat } from '@renown/ingestion/formats/edge-list.parser.js';

const UNTIL = new Date('2026-11-01T00:00:00Z');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('generate: synthetic datasets in real formats', () => {
  let dir: string;
  let pages: any[];
  let users: any[];
  let truth: any;
  let out: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'renown-gen-'));
    out = join(dir, 'tw.jsonl');
    await writeGeneratedDataset({ accounts: 2_500, posts: 12_000, format: 'twitter-v2', out, seed: 42, until: UNTIL });
    pages = lines(out).map((l) => JSON.parse(l));
    users = lines(`${out}.users.jsonl`).flatMap((l) => JSON.parse(l).data);
    truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tweets = () => pages.flatMap((p) => p.data);

  it('is deterministic: the same seed gives the same bytes, another seed different ones', async () => {
    const again = join(dir, 'again.jsonl');
    await writeGeneratedDataset({ accounts: 2_500, posts: 12_000, format: 'twitter-v2', out: again, seed: 42, until: UNTIL });
    for (const suffix of ['', '.users.jsonl', '.follows.tsv', '.truth.json']) expect(sha(again + suffix)).toBe(sha(out + suffix));
    const other = join(dir, 'other.jsonl');
    await writeGeneratedDataset({ accounts: 2_500, posts: 12_000, format: 'twitter-v2', out: other, seed: 43, until: UNTIL, follows: false, users: false, truth: false });
    expect(sha(other)).not.toBe(sha(out));
  });

  it('writes Twitter v2 pages the ingestion parser accepts entirely, with every post counted once', () => {
    const parser = twitterV2Format.create({});
    const outcomes = lines(out).map((raw, i) => parser.parse({ raw, position: { line: i + 1, byteOffset: 0 } }));
    expect(outcomes.filter((o) => !o.ok || (o.rejected?.length ?? 0) > 0)).toEqual([]);
    expect(tweets()).toHaveLength(12_000);
    expect(new Set(tweets().map((t) => t.id)).size).toBe(12_000);
    const userParser = twitterV2Format.create({});
    const userOutcomes = lines(`${out}.users.jsonl`).map((raw, i) => userParser.parse({ raw, position: { line: i + 1, byteOffset: 0 } }));
    expect(userOutcomes.every((o) => o.ok)).toBe(true);
    expect(users).toHaveLength(2_500);
  });

  it('keeps platform ids as strings and references only posts and users it includes', () => {
    const raw = readFileSync(out, 'utf8');
    expect(raw).not.toMatch(/"(id|author_id|in_reply_to_user_id|conversation_id)":\d/);
    for (const page of pages.slice(0, 50)) {
      const included = new Set([...page.data, ...(page.includes.tweets ?? [])].map((t: any) => t.id));
      const includedUsers = new Set(page.includes.users.map((u: any) => u.id));
      for (const t of [...page.data, ...(page.includes.tweets ?? [])]) {
        expect(includedUsers.has(t.author_id)).toBe(true);
        for (const r of t.referenced_tweets ?? []) expect(included.has(r.id)).toBe(true);
        for (const m of t.entities?.mentions ?? []) expect(includedUsers.has(m.id)).toBe(true);
      }
    }
  });

  it('places entities where the text has them', () => {
    for (const t of tweets().slice(0, 3_000)) {
      for (const h of t.entities?.hashtags ?? []) expect(t.text.slice(h.start, h.end)).toBe(`#${h.tag}`);
      for (const m of t.entities?.mentions ?? []) expect(t.text.slice(m.start, m.end)).toBe(`@${m.username}`);
      for (const u of t.entities?.urls ?? []) expect(t.text.slice(u.start, u.end)).toBe(u.url);
    }
  });

  it('has heavy-tailed popularity: the top 1% of accounts hold a large share of followers and engagement', () => {
    const followers = users.map((u) => u.public_metrics.followers_count).sort((a, b) => b - a);
    const total = followers.reduce((a, b) => a + b, 0);
    const top1 = followers.slice(0, 25).reduce((a, b) => a + b, 0);
    expect(top1 / total).toBeGreaterThan(0.3);
    expect(followers[0] / followers[1_250]).toBeGreaterThan(500);
    // Reposts concentrate on popular authors too.
    const reposted = new Map<string, number>();
    for (const t of tweets()) if (t.referenced_tweets?.[0]?.type === 'retweeted') reposted.set(t.entities.mentions[0].id, (reposted.get(t.entities.mentions[0].id) ?? 0) + 1);
    const counts = [...reposted.values()].sort((a, b) => b - a);
    const repostTotal = counts.reduce((a, b) => a + b, 0);
    expect(counts.slice(0, Math.ceil(counts.length / 20)).reduce((a, b) => a + b, 0) / repostTotal).toBeGreaterThan(0.4);
  });

  it('writes in several languages, about each account\'s vertical, with vocabulary a classifier can learn', () => {
    const langs = new Map<string, number>();
    for (const t of tweets()) langs.set(t.lang, (langs.get(t.lang) ?? 0) + 1);
    expect([...langs.keys()].sort()).toEqual(['de', 'en', 'es', 'fr', 'ja']);
    expect(langs.get('en')! / 12_000).toBeGreaterThan(0.4);
    for (const l of ['de', 'es', 'fr', 'ja']) expect(langs.get(l)! / 12_000).toBeGreaterThan(0.04);

    const automotiveIds = new Set(Object.entries(truth.accountsById).filter(([, a]: any) => a.vertical === 'automotive' && a.role === 'ordinary').map(([id]) => id));
    const automotiveOriginals = tweets().filter((t) => automotiveIds.has(t.author_id) && !t.referenced_tweets);
    expect(automotiveOriginals.length).toBeGreaterThan(200);
    const carTalk = automotiveOriginals.filter((t) => /Tesla|VW|BMW|Porsche|Hyundai|Ford|Toyota|Kia|Polestar|BYD|Renault|Mercedes|Audi|Honda|Nissan|#EV|Elektroauto|電気自動車/.test(t.text));
    expect(carTalk.length / automotiveOriginals.length).toBeGreaterThan(0.8);
    expect(tweets().some((t) => t.lang === 'de' && /Bundesliga/.test(t.text))).toBe(true);
    expect(tweets().some((t) => t.context_annotations?.some((a: any) => a.entity.name === 'Automotive'))).toBe(true);
    expect(Object.keys(truth.verticals).length).toBeGreaterThanOrEqual(10);
  });

  it('plants bot rings that repost each other daily, follower farms, and an account announcing its score', () => {
    expect(truth.botRings.length).toBeGreaterThanOrEqual(1);
    const ring = new Set<string>(truth.botRings[0]);
    const ringPosts = tweets().filter((t) => ring.has(t.author_id));
    const ringReposts = ringPosts.filter((t) => t.referenced_tweets?.[0]?.type === 'retweeted' && ring.has(t.entities.mentions[0].id));
    expect(ringReposts.length / ringPosts.length).toBeGreaterThan(0.5);
    const days = new Set(ringReposts.map((t) => t.created_at.slice(0, 10)));
    expect(days.size).toBeGreaterThan(60);

    const farmIds = new Set(truth.followerFarms.flatMap((f: any) => f.members));
    expect(farmIds.size).toBeGreaterThanOrEqual(25);
    expect(tweets().some((t) => farmIds.has(t.author_id))).toBe(false);
    for (const u of users.filter((x) => farmIds.has(x.id))) {
      expect(u.public_metrics.tweet_count).toBe(0);
      expect(u.public_metrics.following_count).toBeGreaterThanOrEqual(1_000);
      expect(Date.parse(u.created_at)).toBeGreaterThan(UNTIL.getTime() - 31 * 86_400_000);
    }
    const follows = lines(`${out}.follows.tsv`).slice(1).map((l) => l.split('\t'));
    const customer = truth.followerFarms[0].customers[0];
    const farmFollowersOfCustomer = follows.filter(([a, t]) => t === customer && farmIds.has(a)).length;
    expect(farmFollowersOfCustomer).toBe(truth.followerFarms[0].members.length);

    const brags = tweets().filter((t) => t.author_id === truth.scoreAnnouncer && /my Renown score is 72/i.test(t.text));
    expect(brags.length).toBeGreaterThan(0);
  });

  it('writes follow edges as an edge list the importer reads (header, Twitter ids, unix seconds, type follow)', () => {
    const parser = edgeListFormat.create({ platform: 'twitter' });
    const sample = lines(`${out}.follows.tsv`).slice(0, 500);
    const outcomes = sample.map((raw, i) => parser.parse({ raw, position: { line: i + 1, byteOffset: 0 } }));
    const edges = outcomes.flatMap((o) => (o.ok ? o.items.interactions : []));
    expect(edges).toHaveLength(499);
    expect(edges.every((e) => e.type === 'follow' && e.platform === 'twitter' && /^\d{19}$/.test(e.actorExternalId))).toBe(true);
  });

  it('compresses by .gz suffix and writes Bluesky Jetstream events the ingestion parser accepts', async () => {
    const js = join(dir, 'bsky.jsonl.gz');
    const summary = await writeGeneratedDataset({ accounts: 400, posts: 3_000, format: 'bluesky-jetstream', out: js, seed: 9, until: UNTIL });
    expect(summary.files.truth).toBe(join(dir, 'bsky.jsonl.truth.json'));
    const events = gunzipSync(readFileSync(js)).toString('utf8').split('\n').filter(Boolean);
    const parser = blueskyJetstreamFormat.create({});
    const outcomes = events.map((raw, i) => parser.parse({ raw, position: { line: i + 1, byteOffset: 0 } }));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const times = events.map((e) => JSON.parse(e).time_us as number);
    expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
    const kinds = new Set(events.map((e) => JSON.parse(e).commit?.collection ?? JSON.parse(e).kind));
    for (const k of ['identity', 'app.bsky.actor.profile', 'app.bsky.graph.follow', 'app.bsky.feed.post', 'app.bsky.feed.repost', 'app.bsky.feed.like']) expect(kinds.has(k)).toBe(true);
  });
});
