import type pg from 'pg';
import { emptyBatchCounts, type BatchCounts, type EntityCounts } from './batch-counts.js';
import { CommittedObservations } from './committed-observations.js';
import type { GraphBatch } from './graph-batch.js';
import { writeFast } from './write-fast.js';
import { writeStaged } from './write-staged.js';
import { WriterConnection } from './writer-connection.js';

/** How a batch is written: `fast` COPYs rows it knows to be new straight into the graph tables; `safe` stages everything. */
export type WriteMode = 'fast' | 'safe';

/**
 * Writes batches of observations into the graph on one connection.
 *
 * Fast path (the default, write-fast.ts): one lookup finds which of the batch's accounts and posts exist
 * already; the new ones get ids from their tables' sequences and are COPYed straight into the graph tables with
 * every reference resolved in memory (author, mentions, replies/quotes/reposts, even to posts of the same
 * batch), together with their history rows and the edges that involve them, which cannot exist yet. Only rows
 * that may already exist go through session-private staging tables and the set-based INSERT ... ON CONFLICT
 * merges, which do not rewrite unchanged rows (IS DISTINCT FROM), so a re-import costs reads only. A unique
 * violation on the fast path (another writer inserted the same row meanwhile) makes the caller retry the batch
 * in `safe` mode (write-staged.ts), which stages everything. The caller owns the transaction.
 */
export class GraphWriter {
  private readonly conn: WriterConnection;
  /** Account, post and history observations this writer's run has committed. */
  private readonly seen = new CommittedObservations();

  constructor(client: pg.PoolClient, options: { perRowForeignKeyChecks?: boolean } = {}) {
    this.conn = new WriterConnection(client, options);
  }

  async prepare() {
    await this.conn.prepare();
  }

  /** Must run inside a transaction (the staging rows vanish at commit). */
  async write(batch: GraphBatch, importRunId: string | null, mode: WriteMode = 'fast'): Promise<BatchCounts> {
    await this.prepare();
    this.seen.startBatch();
    const counts = emptyBatchCounts();
    const derived = mode === 'fast' ? await writeFast(this.conn, this.seen, batch, importRunId, counts) : await writeStaged(this.conn, batch, importRunId, counts);
    const unchanged = (e: EntityCounts, staged: number) => {
      e.unchanged = Math.max(0, staged - e.inserted - e.updated);
    };
    unchanged(counts.accounts, batch.accounts.size);
    unchanged(counts.posts, batch.posts.size);
    unchanged(counts.interactions, batch.interactions.size + derived);
    unchanged(counts.accountHistory, batch.accountHistory.size);
    unchanged(counts.postHistory, batch.postHistory.size);
    return counts;
  }

  /** The caller committed the last batch: what it wrote may be skipped when seen again, identical, in this run. */
  markCommitted() {
    this.seen.markCommitted();
  }
}
