import type { TestApp } from '../support/test-app.js';
import type { SignedUp } from '../accounts/accounts-test-helpers.js';
import { dayString, insertAccount, insertAccountTopic, insertScore, insertScoringRun, topicIdBySlug } from '../discovery/developer-api-factories.js';

/** Someone the extension tests put in Renown: a handle as its site shows it, and the score Renown holds. */
export interface KnownPerson {
  platform: 'bluesky' | 'mastodon' | 'twitter';
  handle: string;
  name: string;
  score: number;
  followers: number;
  id?: string;
}

/** Writes accounts with today's score and two topics (cars, electric cars), as a scoring run would. */
export async function seedKnown(t: TestApp, people: KnownPerson[]): Promise<void> {
  const pool = t.db.pool;
  const day = dayString(new Date());
  const run = await insertScoringRun(pool, day);
  for (const [i, p] of people.entries()) {
    p.id = await insertAccount(pool, { platform: p.platform, externalId: `ext-${p.platform}-${p.handle}`, handle: p.handle, displayName: p.name, followers: p.followers });
    await insertScore(pool, run, p.id, day, p.score, Math.min(99, p.score + 15));
    await seedTopics(t, p, i % 2 === 0);
  }
}

/** Cars (and electric cars) as the person's topics, replacing what they had. */
export async function seedTopics(t: TestApp, p: KnownPerson, ev = true): Promise<void> {
  const pool = t.db.pool;
  const [cars, electric] = await Promise.all([topicIdBySlug(pool, 'cars'), topicIdBySlug(pool, 'electric-cars')]);
  await pool.query(`DELETE FROM account_topics WHERE account_id = $1`, [p.id]);
  await insertAccountTopic(pool, p.id!, cars, 1, 0.8);
  if (ev) await insertAccountTopic(pool, p.id!, electric, 2, 0.5);
}

export async function createExtensionKey(t: TestApp, brand: SignedUp, name = 'Browser extension'): Promise<{ id: string; secret: string }> {
  const res = await t.graphql(`mutation($name: String!) { createApiKey(name: $name, kind: EXTENSION) { secret apiKey { id kind } } }`, { name }, brand.headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createApiKey.apiKey.id, secret: res.data.createApiKey.secret };
}

export async function createShortlist(t: TestApp, brand: SignedUp, name: string): Promise<string> {
  const res = await t.graphql(`mutation($input: CreateShortlistInput!) { createShortlist(input: $input) { id } }`, { input: { name } }, brand.headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createShortlist.id;
}

/** `n` made-up people of a platform, numbered (for pages that need many handles). */
export function many(platform: KnownPerson['platform'], prefix: string, n: number, handleOf: (i: number) => string): KnownPerson[] {
  return Array.from({ length: n }, (_, i) => ({ platform, handle: handleOf(i), name: `${prefix} ${i + 1}`, score: 5 + ((i * 7) % 90), followers: 100 + i * 13 }));
}

/**
 * The badge text Renown's own answer calls for, per handle: the rounded score, "fetch" or "?". Tests compare
 * the page with this rather than with the seeded numbers, since the worker may have re-scored since.
 */
export async function badgesRenownCallsFor(t: TestApp, key: string, people: { platform: string; handle: string }[]): Promise<string[]> {
  const res = await fetch(`${t.url}/v1/lookup`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ handles: people }) });
  const body = (await res.json()) as { results: { status: string; platform: string; account?: { score: { score: number } | null } }[] };
  return body.results.map((r) => (r.account?.score ? String(Math.round(r.account.score.score)) : r.status === 'unknown' && ['bluesky', 'mastodon'].includes(r.platform) ? 'fetch' : '?'));
}
