import { addMergeCounts as add, type BatchCounts } from './batch-counts.js';
import type { CommittedObservations } from './committed-observations.js';
import { deriveEdgesInSql, writeEdgesFast } from './fast-edges.js';
import { ACCOUNT_ROW, POST_ROW, accountRow, postRow, resolveBatchIds, type ResolvedBatch } from './fast-batch-ids.js';
import { FAST_SQL as SQL } from './fast-write.sql.js';
import type { GraphBatch } from './graph-batch.js';
import { DELETION_SQL } from './staged-write.sql.js';
import { keyOf, mapRows as map, type WriterConnection } from './writer-connection.js';

const HISTORY_A = ['account_id', 'observed_at', 'followers_count', 'following_count', 'listed_count', 'posts_count'];
const HISTORY_P = ['post_id', 'observed_at', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count'];

/**
 * An account observation this run already committed, identical (the author included again in every page of
 * a file): merging it again would change nothing (newest-wins with a tie, or fill-missing from the same
 * values), and its history row and run row exist, so it is not sent again. Drops those from `oldAccounts`.
 */
function skipRepeatedAccounts(r: ResolvedBatch, batch: GraphBatch, seen: CommittedObservations): Set<string> {
  const { accountIds, existingAccounts, oldAccounts } = r;
  const repeated = new Set<string>();
  for (const [k, a] of batch.accounts) {
    const d = seen.digest(accountRow('', a));
    if (accountIds.has(k) && existingAccounts.has(accountIds.get(k)!) && seen.isCommitted(`a${k}`, d)) repeated.add(k);
    else seen.remember(`a${k}`, d);
  }
  if (repeated.size) oldAccounts.splice(0, oldAccounts.length, ...oldAccounts.filter(([k]) => !repeated.has(k)));
  return repeated;
}

/** Accounts: new ones COPYed with their ids, known ones merged; then their metric history. */
async function writeAccountsFast(conn: WriterConnection, r: ResolvedBatch, batch: GraphBatch, seen: CommittedObservations, counts: BatchCounts) {
  const { accountIds, existingAccounts, newAccounts, oldAccounts, acc } = r;
  const repeated = skipRepeatedAccounts(r, batch, seen);
  counts.accounts.inserted += await conn.copy('social_accounts', ['platform', 'external_id', ...ACCOUNT_ROW],
    map(newAccounts, ([k, a]) => [a.platform, a.externalId, ...accountRow(accountIds.get(k)!, a)]));
  if (await conn.copy('known_accounts', ACCOUNT_ROW, map(oldAccounts, ([k, a]) => accountRow(accountIds.get(k)!, a)))) {
    add(counts.accounts, await conn.merge(SQL.knownAccountsFull));
    add(counts.accounts, await conn.merge(SQL.knownAccountsStub));
  }
  const newAccountHistory: unknown[][] = [];
  const oldAccountHistory: unknown[][] = [];
  for (const h of batch.accountHistory.values()) {
    const id = acc(h.platform, h.externalId)!;
    const row = [id, h.observedAt, h.followersCount, h.followingCount, h.listedCount, h.postsCount];
    // The history row of a repeated observation was written with it.
    const k = keyOf(h.platform, h.externalId);
    const a = batch.accounts.get(k);
    if (repeated.has(k) && a && a.observedAt === h.observedAt && a.followersCount === h.followersCount && a.followingCount === h.followingCount
      && a.listedCount === h.listedCount && a.postsCount === h.postsCount) continue;
    (existingAccounts.has(id) ? oldAccountHistory : newAccountHistory).push(row);
  }
  counts.accountHistory.inserted += await conn.copy('account_metrics_history', HISTORY_A, newAccountHistory);
  if (await conn.copy('known_account_history', HISTORY_A, oldAccountHistory)) add(counts.accountHistory, await conn.merge(SQL.knownAccountHistory));
}

/**
 * The same for a post seen again (a popular post included in many pages), compared as the resolved row; only
 * posts that existed are remembered, so a post is merged once more at its second sighting, then skipped.
 */
function skipRepeatedPosts(r: ResolvedBatch, batch: GraphBatch, seen: CommittedObservations) {
  const { postIds, existingPosts, oldPosts } = r;
  const repeatedPosts = new Set<string>();
  for (const [k, p] of batch.posts) {
    if (!postIds.has(k) || !existingPosts.has(postIds.get(k)!)) continue; // a first sighting is not remembered (most never repeat)
    const d = seen.digest(postRow(r, '', p));
    if (seen.isCommitted(`p${k}`, d)) repeatedPosts.add(k);
    else seen.remember(`p${k}`, d);
  }
  if (repeatedPosts.size) oldPosts.splice(0, oldPosts.length, ...oldPosts.filter(([k]) => !repeatedPosts.has(k)));
}

/** Posts, every reference resolved here (a new post may reply to a post of the same batch); then their metric history. */
async function writePostsFast(conn: WriterConnection, r: ResolvedBatch, batch: GraphBatch, seen: CommittedObservations, counts: BatchCounts) {
  const { postIds, existingPosts, newPosts, oldPosts, post } = r;
  skipRepeatedPosts(r, batch, seen);
  counts.posts.inserted += await conn.copy('posts', ['platform', 'external_id', ...POST_ROW],
    map(newPosts, ([k, p]) => [p.platform, p.externalId, ...postRow(r, postIds.get(k)!, p)]));
  if (await conn.copy('known_posts', POST_ROW, map(oldPosts, ([k, p]) => postRow(r, postIds.get(k)!, p)))) {
    add(counts.posts, await conn.merge(SQL.knownPostsFull));
    add(counts.posts, await conn.merge(SQL.knownPostsStub));
  }
  const newPostHistory: unknown[][] = [];
  const oldPostHistory: unknown[][] = [];
  for (const h of batch.postHistory.values()) {
    const id = post(h.platform, h.externalId)!;
    const row = [id, h.observedAt, h.likeCount, h.repostCount, h.replyCount, h.quoteCount, h.impressionCount];
    if (existingPosts.has(id)) {
      const hk = `${keyOf(h.platform, h.externalId)}\u0000${h.observedAt}`;
      const d = seen.digest(row.slice(1));
      if (seen.isCommitted(`ph${hk}`, d)) continue;
      seen.remember(`ph${hk}`, d);
    }
    (existingPosts.has(id) ? oldPostHistory : newPostHistory).push(row);
  }
  counts.postHistory.inserted += await conn.copy('post_metrics_history', HISTORY_P, newPostHistory);
  if (await conn.copy('known_post_history', HISTORY_P, oldPostHistory)) add(counts.postHistory, await conn.merge(SQL.knownPostHistory));
}

/** Deletions, and the run's touched accounts (new ones COPYed, existing ones inserted by id). */
async function writeDeletionsAndRunAccounts(conn: WriterConnection, r: ResolvedBatch, batch: GraphBatch, importRunId: string | null, counts: BatchCounts) {
  const { accountIds, newAccounts, oldAccounts } = r;
  if (batch.deletions.length) {
    await conn.copy('stage_deletions', ['platform', 'what', 'ref', 'deleted_at'], batch.deletions.map((d) => [d.platform, d.what, d.ref, d.deletedAt]));
    counts.deletions += (await conn.timed(DELETION_SQL.deletePosts)).rowCount ?? 0;
    counts.deletions += (await conn.timed(DELETION_SQL.deleteInteractions)).rowCount ?? 0;
  }
  if (importRunId && batch.accounts.size) {
    await conn.copy('import_run_accounts', ['import_run_id', 'account_id'], map(newAccounts, ([k]) => [importRunId, accountIds.get(k)]));
    if (oldAccounts.length) await conn.timed(SQL.touchedExisting, [importRunId, oldAccounts.map(([k]) => accountIds.get(k)!)]);
  }
}

/**
 * The fast path: new rows COPYed straight into the graph tables with every reference resolved in memory, rows
 * that may exist merged from the `known_*` tables. Returns how many reply/quote/repost edges were derived.
 */
export async function writeFast(conn: WriterConnection, seen: CommittedObservations, batch: GraphBatch, importRunId: string | null, counts: BatchCounts): Promise<number> {
  // Batch-sized sets against tables of millions: index probes (nested loops) are always the right plan, and
  // the planner cannot know it from the statistics of tables that grow during the import.
  await conn.query(`SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off${conn.bulkForeignKeys ? '; SET LOCAL session_replication_role = replica' : ''}`);
  const r = await resolveBatchIds(conn, batch);
  await writeAccountsFast(conn, r, batch, seen, counts);
  await writePostsFast(conn, r, batch, seen, counts);
  const { derivedHere, withRefs } = await writeEdgesFast(conn, r, batch, counts);
  let derived = derivedHere;
  // The rest takes references the lookups did not lock (authors of posts in the database, the run's row): with
  // the foreign-key triggers on again.
  if (conn.bulkForeignKeys) await conn.query(`SET LOCAL session_replication_role = origin`);
  if (batch.posts.size) {
    const sqlDerived = await deriveEdgesInSql(conn, r, withRefs);
    counts.interactions.inserted += sqlDerived;
    derived += sqlDerived;
  }
  await writeDeletionsAndRunAccounts(conn, r, batch, importRunId, counts);
  return derived;
}
