import { addMergeCounts as add, type BatchCounts } from './batch-counts.js';
import type { GraphBatch } from './graph-batch.js';
import type { ResolvedBatch } from './fast-batch-ids.js';
import { FAST_SQL as SQL } from './fast-write.sql.js';
import type { WriterConnection } from './writer-connection.js';

const EDGE = ['platform', 'type', 'actor_account_id', 'target_account_id', 'post_id', 'occurred_at', 'source_ref', 'weight'];

/** The batch's edges: one that involves a new account or a new post is new; the others may exist already. */
function splitEdges(r: ResolvedBatch, batch: GraphBatch) {
  const { acc, post, existingAccounts, existingPosts } = r;
  const newInteractions: unknown[][] = [];
  const oldInteractions: unknown[][] = [];
  for (const i of batch.interactions.values()) {
    const actor = acc(i.platform, i.actorExternalId);
    const target = acc(i.platform, i.targetExternalId);
    if (actor === null || target === null) continue; // an edge needs both accounts (the staged merge drops it too)
    const postId = post(i.platform, i.postExternalId);
    const isNew = !existingAccounts.has(actor) || !existingAccounts.has(target) || (postId !== null && !existingPosts.has(postId));
    (isNew ? newInteractions : oldInteractions).push([i.platform, i.type, actor, target, postId, i.occurredAt, i.sourceRef, i.weight ?? 1]);
  }
  return { newInteractions, oldInteractions };
}

/**
 * Replies, quotes and reposts between two posts new in this batch are new edges too, made here with the
 * authors just written (appended to `newInteractions`); a post that references a post which existed before
 * goes to the SQL afterwards (returned in `withRefs`), which reads that post's author after the merge.
 */
function deriveEdgesBetweenNewPosts(r: ResolvedBatch, newInteractions: unknown[][]) {
  const { acc, post, newPosts, postIds } = r;
  const directKeys = new Set(newInteractions.map((e) => `${e[1]}\u0000${e[2]}\u0000${e[3]}\u0000${e[4]}\u0000${e[5] ?? null}`));
  const newPostAuthor = new Map<string, string | null>();
  for (const [k, p] of newPosts) newPostAuthor.set(postIds.get(k)!, acc(p.platform, p.authorExternalId));
  const withRefs: string[] = [];
  let derivedHere = 0;
  for (const [k, p] of newPosts) {
    if (p.stub) continue;
    const id = postIds.get(k)!;
    const actor = newPostAuthor.get(id);
    let needsSql = false;
    for (const [type, refExternalId] of [['reply', p.replyToExternalId], ['quote', p.quoteOfExternalId], ['repost', p.repostOfExternalId]] as const) {
      const ref = post(p.platform, refExternalId);
      if (ref === null) continue;
      if (!newPostAuthor.has(ref)) {
        needsSql = true;
        continue;
      }
      const target = newPostAuthor.get(ref);
      if (!actor || !target) continue;
      const postedAt = p.postedAt ?? null;
      if (directKeys.has(`${type}\u0000${actor}\u0000${target}\u0000${id}\u0000${postedAt}`)) continue;
      newInteractions.push([p.platform, type, actor, target, id, postedAt, null, 1]);
      derivedHere++;
    }
    if (needsSql) withRefs.push(id);
  }
  return { derivedHere, withRefs };
}

/**
 * Writes the batch's edges: new ones COPYed, the others merged. Returns the reply/quote/repost edges derived in
 * memory and the new posts whose references need the SQL derivation (`deriveEdgesInSql`).
 */
export async function writeEdgesFast(conn: WriterConnection, r: ResolvedBatch, batch: GraphBatch, counts: BatchCounts) {
  const { newInteractions, oldInteractions } = splitEdges(r, batch);
  const derived = deriveEdgesBetweenNewPosts(r, newInteractions);
  counts.interactions.inserted += await conn.copy('interactions', EDGE, newInteractions);
  if (await conn.copy('known_interactions', EDGE, oldInteractions)) add(counts.interactions, await conn.merge(SQL.knownInteractions));
  return derived;
}

/**
 * The reply/quote/repost edges the database must supply: from posts that reference a post which existed before
 * (`withRefs`), and to posts that existed and may have had their references resolved or their author set by
 * this batch. Run with the foreign-key triggers on. Returns how many were inserted.
 */
export async function deriveEdgesInSql(conn: WriterConnection, r: ResolvedBatch, withRefs: string[]): Promise<number> {
  const before = r.oldPosts.map(([k]) => r.postIds.get(k)!);
  for (const id of before) withRefs.push(id);
  return (await conn.timed(SQL.interactionsDerivedByIds, [withRefs, before, before.map((id) => r.authorsBefore.get(id) ?? null)])).rows[0].inserted;
}
