import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyRow } from './encode-copy-text.js';
import type { MergeCounts } from './batch-counts.js';
import { FAST_SQL } from './fast-write.sql.js';
import { STAGING_DDL } from './staging-tables.sql.js';

/** COPYs rows (encoded as they are sent) into `table`; starts no COPY when there is nothing to send. */
async function copyInto(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  const it = rows[Symbol.iterator]();
  let next = it.next();
  if (next.done) return 0;
  let n = 0;
  // Chunks of ~1 MB: one huge string would double memory, one write per row is slow.
  async function* chunks() {
    let buf = '';
    for (; !next.done; next = it.next()) {
      buf += copyRow(next.value);
      n++;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return n;
}

/** RENOWN_INGEST_TRACE=1 prints each statement's time to stderr (for tuning; off in normal runs). */
const TRACE = process.env.RENOWN_INGEST_TRACE === '1';

/** The key of an account or a post in a batch and in the writer's maps. */
export const keyOf = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;

export function* mapRows<T, U>(it: Iterable<T>, f: (t: T) => U): Iterable<U> {
  for (const x of it) yield f(x);
}

/**
 * The one connection a graph writer works on: its session settings, the graph tables' sequences, and timed
 * statements and COPYs (traced with RENOWN_INGEST_TRACE=1). The caller owns the transaction.
 */
export class WriterConnection {
  private prepared = false;
  /** The identity sequences of social_accounts and posts (fresh ids for the fast path's new rows). */
  accountSeq = '';
  postSeq = '';
  /**
   * Whether new rows are COPYed without PostgreSQL's per-row foreign-key triggers (session_replication_role =
   * replica, which needs a superuser or a GRANT SET on it). Their foreign keys still hold: every id such a row
   * references is either a row this transaction inserted, or a row the batch's lookup read and locked FOR KEY
   * SHARE, the very lock a foreign-key check takes, so no one can delete it before the batch commits. Statements
   * that read references from the database (derived edges) run with the triggers on. (Replica mode skips every
   * trigger, not only foreign keys': the graph tables have no other trigger; one added later must be weighed here.)
   * Measured: PostgreSQL's CPU for a 100k-post Twitter v2 import 6.2 s -> 4.3 s.
   */
  bulkForeignKeys = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly options: { perRowForeignKeyChecks?: boolean } = {},
  ) {}

  async prepare() {
    if (this.prepared) return;
    // JIT compiling these short set-based statements costs more than running them (150 ms per batch measured).
    await this.client.query(`SET jit = off`);
    // Each batch commits with its checkpoint: a commit lost to a server crash (at most a fraction of a second of
    // them) is redone by the re-run that resumes from the checkpoint that did survive, so no fsync wait per batch.
    await this.client.query(`SET synchronous_commit = off`);
    // A batch is a few thousand rows against tables of millions: probe the unique indexes rather than hash
    // whole tables per batch (measured: hash joins made each batch O(table size), quadratic over a file).
    await this.client.query(`SET enable_seqscan = off`);
    await this.client.query(`SET random_page_cost = 1.1`);
    await this.client.query(STAGING_DDL);
    const { rows } = await this.client.query(`SELECT pg_get_serial_sequence('social_accounts', 'id') AS a, pg_get_serial_sequence('posts', 'id') AS p`);
    this.accountSeq = rows[0].a;
    this.postSeq = rows[0].p;
    if (!this.options.perRowForeignKeyChecks) {
      const su = await this.client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
      this.bulkForeignKeys = su.rows[0]?.rolsuper === true;
    }
    this.prepared = true;
  }

  async timed<T extends pg.QueryResultRow = any>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>> {
    const t0 = TRACE ? performance.now() : 0;
    const r = await this.client.query<T>(sql, params);
    if (TRACE) console.error(`${(performance.now() - t0).toFixed(0)}ms ${r.rowCount} ${sql.slice(0, 70).replace(/\s+/g, ' ')}`);
    return r;
  }

  async copy(table: string, columns: string[], rows: Iterable<unknown[]>) {
    const t0 = TRACE ? performance.now() : 0;
    const n = await copyInto(this.client, table, columns, rows);
    if (TRACE && n) console.error(`${(performance.now() - t0).toFixed(0)}ms COPY ${n} ${table}`);
    return n;
  }

  async nextIds(sequence: string, n: number): Promise<string[]> {
    if (n === 0) return [];
    return (await this.timed<{ ids: string[] }>(FAST_SQL.nextIds, [sequence, n])).rows[0].ids;
  }

  /** Ids of the given (platform, external id) keys that exist in `sql`'s table. */
  async lookup(sql: string, keys: string[], authors?: Map<string, string | null>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (keys.length === 0) return found;
    const platforms: string[] = [];
    const ids: string[] = [];
    for (const k of keys) {
      const cut = k.indexOf('\u0000');
      platforms.push(k.slice(0, cut));
      ids.push(k.slice(cut + 1));
    }
    const { rows } = await this.timed<{ i: number; id: string; author?: string | null }>(sql, [platforms, ids]);
    for (const r of rows) {
      found.set(keys[r.i - 1], r.id);
      authors?.set(r.id, r.author ?? null);
    }
    return found;
  }

  /** Runs a merge statement and returns its counts row. */
  async merge(sql: string): Promise<MergeCounts> {
    return (await this.timed(sql)).rows[0] as MergeCounts;
  }

  query(sql: string) {
    return this.client.query(sql);
  }
}
