import type { AccountObservation, PostObservation } from '../model/graph-observation.js';
import { addMergeCounts as add, type BatchCounts } from './batch-counts.js';
import type { GraphBatch } from './graph-batch.js';
import { DELETION_SQL, STAGED_SQL as SQL } from './staged-write.sql.js';
import { mapRows as map, type WriterConnection } from './writer-connection.js';

const STAGE_ACCOUNT_COLUMNS = ['platform', 'external_id', 'is_stub', 'handle', 'display_name', 'bio', 'links', 'language', 'location', 'verified', 'account_created_at', 'followers_count', 'following_count', 'listed_count', 'posts_count', 'details', 'observed_at'];
const STAGE_POST_COLUMNS = ['platform', 'external_id', 'is_stub', 'author_external_id', 'posted_at', 'text', 'language', 'hashtags', 'mentioned_external_ids', 'urls', 'reply_to_external_id', 'quote_of_external_id', 'repost_of_external_id', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count', 'observed_at', 'annotations'];
const stageAccountRow = (a: AccountObservation) => [a.platform, a.externalId, a.stub, a.handle, a.displayName, a.bio, a.links, a.language, a.location, a.verified, a.createdAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount, a.details ?? null, a.observedAt];
const stagePostRow = (p: PostObservation) => [p.platform, p.externalId, p.stub, p.authorExternalId, p.postedAt, p.text, p.language, p.hashtags, p.mentionedExternalIds, p.urls, p.replyToExternalId, p.quoteOfExternalId, p.repostOfExternalId, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount, p.observedAt, p.annotations];

/** The whole batch COPYed into the `stage_*` tables, by external id. */
async function stageBatch(conn: WriterConnection, batch: GraphBatch) {
  await conn.copy('stage_accounts', STAGE_ACCOUNT_COLUMNS, map(batch.accounts.values(), stageAccountRow));
  await conn.copy('stage_account_history', ['platform', 'external_id', 'observed_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'],
    map(batch.accountHistory.values(), (a) => [a.platform, a.externalId, a.observedAt, a.followersCount, a.followingCount, a.listedCount, a.postsCount]));
  await conn.copy('stage_posts', STAGE_POST_COLUMNS, map(batch.posts.values(), stagePostRow));
  await conn.copy('stage_post_history', ['platform', 'external_id', 'observed_at', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count'],
    map(batch.postHistory.values(), (p) => [p.platform, p.externalId, p.observedAt, p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount]));
  await conn.copy('stage_interactions', ['platform', 'type', 'actor_external_id', 'target_external_id', 'post_external_id', 'occurred_at', 'source_ref', 'weight'],
    map(batch.interactions.values(), (i) => [i.platform, i.type, i.actorExternalId, i.targetExternalId, i.postExternalId, i.occurredAt, i.sourceRef, i.weight ?? 1]));
  await conn.copy('stage_deletions', ['platform', 'what', 'ref', 'deleted_at'], batch.deletions.map((d) => [d.platform, d.what, d.ref, d.deletedAt]));
  await conn.timed(`ANALYZE stage_accounts, stage_account_history, stage_posts, stage_post_history, stage_interactions`);
}

/**
 * Everything through the staging tables and the merges (the fallback when the fast path met a concurrent
 * writer). Returns how many reply/quote/repost edges were derived from posts.
 */
export async function writeStaged(conn: WriterConnection, batch: GraphBatch, importRunId: string | null, counts: BatchCounts): Promise<number> {
  await stageBatch(conn, batch);
  const one = (sql: string) => conn.merge(sql);
  if (batch.accounts.size) {
    add(counts.accounts, await one(SQL.accountsFull));
    add(counts.accounts, await one(SQL.accountsStub));
  }
  if (batch.accountHistory.size) add(counts.accountHistory, await one(SQL.accountHistory));
  if (batch.posts.size) {
    add(counts.posts, await one(SQL.postsFull));
    add(counts.posts, await one(SQL.postsStub));
    await one(SQL.postReferences);
  }
  if (batch.postHistory.size) add(counts.postHistory, await one(SQL.postHistory));
  if (batch.interactions.size) add(counts.interactions, await one(SQL.interactionsDirect));
  let derived = 0;
  if (batch.posts.size) derived = (await one(SQL.interactionsDerived)).inserted;
  counts.interactions.inserted += derived;
  if (batch.deletions.length) {
    counts.deletions += (await conn.timed(DELETION_SQL.deletePosts)).rowCount ?? 0;
    counts.deletions += (await conn.timed(DELETION_SQL.deleteInteractions)).rowCount ?? 0;
  }
  if (importRunId && batch.accounts.size) await conn.timed(SQL.touchedAccounts, [importRunId]);
  return derived;
}
