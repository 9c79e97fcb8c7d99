import type { AccountObservation, PostObservation } from '../model/graph-observation.js';
import type { GraphBatch } from './graph-batch.js';
import { FAST_SQL as SQL } from './fast-write.sql.js';
import { ACCOUNT_COLUMNS, POST_COLUMNS, POST_REFERENCES } from './newest-wins-merge.sql.js';
import { keyOf, type WriterConnection } from './writer-connection.js';

/** The fast path's view of a batch: every account and post it names, with its id, split into new and existing. */
export interface ResolvedBatch {
  accountIds: Map<string, string>;
  postIds: Map<string, string>;
  /** Ids that existed before the batch (the lookups found them). */
  existingAccounts: Set<string>;
  existingPosts: Set<string>;
  /** The author of each existing post before the batch. */
  authorsBefore: Map<string, string | null>;
  newAccounts: [string, AccountObservation][];
  oldAccounts: [string, AccountObservation][];
  newPosts: [string, PostObservation][];
  oldPosts: [string, PostObservation][];
  acc(platform: string, externalId: string | null | undefined): string | null;
  post(platform: string, externalId: string | null | undefined): string | null;
}

export const ACCOUNT_ROW = ['id', 'is_stub', ...ACCOUNT_COLUMNS, 'metrics_observed_at'];
export const POST_ROW = ['id', 'is_stub', ...POST_COLUMNS, ...POST_REFERENCES, 'metrics_observed_at'];

/** Every account the batch names: its observations, post authors and mentions, both ends of its edges. */
function namedAccountKeys(batch: GraphBatch): Set<string> {
  const accountKeys = new Set(batch.accounts.keys());
  for (const p of batch.posts.values()) {
    if (p.authorExternalId) accountKeys.add(keyOf(p.platform, p.authorExternalId));
    for (const m of p.mentionedExternalIds ?? []) accountKeys.add(keyOf(p.platform, m));
  }
  for (const i of batch.interactions.values()) {
    accountKeys.add(keyOf(i.platform, i.actorExternalId));
    accountKeys.add(keyOf(i.platform, i.targetExternalId));
  }
  return accountKeys;
}

/** Every post the batch names: its observations, the posts they reply to, quote or repost, its edges' posts. */
function namedPostKeys(batch: GraphBatch): Set<string> {
  const postKeys = new Set(batch.posts.keys());
  for (const p of batch.posts.values()) {
    if (p.replyToExternalId) postKeys.add(keyOf(p.platform, p.replyToExternalId));
    if (p.quoteOfExternalId) postKeys.add(keyOf(p.platform, p.quoteOfExternalId));
    if (p.repostOfExternalId) postKeys.add(keyOf(p.platform, p.repostOfExternalId));
  }
  for (const i of batch.interactions.values()) if (i.postExternalId) postKeys.add(keyOf(i.platform, i.postExternalId));
  return postKeys;
}

/**
 * One lookup per table finds what exists already (locked FOR KEY SHARE when the foreign-key triggers are off);
 * the batch's new accounts and posts get fresh ids from their tables' sequences.
 */
export async function resolveBatchIds(conn: WriterConnection, batch: GraphBatch): Promise<ResolvedBatch> {
  const accountKeys = namedAccountKeys(batch);
  const postKeys = namedPostKeys(batch);
  const lock = conn.bulkForeignKeys ? ' FOR KEY SHARE' : '';
  const accountIds = await conn.lookup(SQL.lookupAccounts + lock, [...accountKeys]);
  const authorsBefore = new Map<string, string | null>();
  const postIds = await conn.lookup(SQL.lookupPosts + lock, [...postKeys], authorsBefore);
  const existingAccounts = new Set(accountIds.values());
  const existingPosts = new Set(postIds.values());

  const newAccounts: [string, AccountObservation][] = [];
  const oldAccounts: [string, AccountObservation][] = [];
  for (const e of batch.accounts) (accountIds.has(e[0]) ? oldAccounts : newAccounts).push(e);
  const newPosts: [string, PostObservation][] = [];
  const oldPosts: [string, PostObservation][] = [];
  for (const e of batch.posts) (postIds.has(e[0]) ? oldPosts : newPosts).push(e);
  const accountIdList = await conn.nextIds(conn.accountSeq, newAccounts.length);
  newAccounts.forEach(([k], n) => accountIds.set(k, accountIdList[n]));
  const postIdList = await conn.nextIds(conn.postSeq, newPosts.length);
  newPosts.forEach(([k], n) => postIds.set(k, postIdList[n]));
  const acc = (platform: string, externalId: string | null | undefined) => (externalId ? accountIds.get(keyOf(platform, externalId)) ?? null : null);
  const post = (platform: string, externalId: string | null | undefined) => (externalId ? postIds.get(keyOf(platform, externalId)) ?? null : null);
  return { accountIds, postIds, existingAccounts, existingPosts, authorsBefore, newAccounts, oldAccounts, newPosts, oldPosts, acc, post };
}

/** An account row in ACCOUNT_ROW order. */
export const accountRow = (id: string, a: AccountObservation) => (a.stub
  ? [id, true, a.handle, a.displayName, null, null, null, null, null, null, null, null, null, null, null, null]
  : [id, false, a.handle, a.displayName, a.bio, a.links, a.language, a.location, a.verified, a.createdAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount, a.details ?? null, a.observedAt]);

/** A post row in POST_ROW order, as the merge would write it: references resolved, mentions that name no known account dropped. */
export function postRow(r: ResolvedBatch, id: string, p: PostObservation): unknown[] {
  const { acc, post } = r;
  return p.stub
    ? [id, true, acc(p.platform, p.authorExternalId), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null]
    : [id, false, acc(p.platform, p.authorExternalId), p.postedAt, p.text, p.language, p.hashtags,
      p.mentionedExternalIds ? p.mentionedExternalIds.map((m) => acc(p.platform, m)).filter((m) => m !== null) : null,
      p.urls, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount, p.annotations,
      post(p.platform, p.replyToExternalId), post(p.platform, p.quoteOfExternalId), post(p.platform, p.repostOfExternalId), p.observedAt];
}
