import type pg from 'pg';
import { KIND, RawInteractions } from './aggregate-interactions.js';
import { copyOutBinary, int8At } from './copy-binary-reader.js';
import type { ScoringWindow } from './load-scoring-input.js';

/**
 * The type comes as its text and is told apart here by first letter and length (a CASE in SQL per row
 * cost the server more): the table's CHECK allows only these six.
 */
function interactionKind(buf: DataView, at: number) {
  switch (buf.getUint8(at)) {
    case 0x72: // r: 'repost' (6) or 'reply' (5)
      return buf.getInt32(at - 4) === 6 ? KIND.repost : KIND.reply;
    case 0x71: // q
      return KIND.quote;
    case 0x6d: // m
      return KIND.mention;
    case 0x6c: // l
      return KIND.like;
    default: // f: follow
      return KIND.follow;
  }
}

/**
 * The largest read of the run (10M rows at 1M accounts) is split in two halves of the table's blocks
 * (TID range scans), each read by its own connection, so two PostgreSQL backends scan and encode
 * in parallel while this process decodes. The second connection gets its own copy of the excluded
 * posts (a handful: score announcements and what answers them). Both read committed, like the
 * statements of this transaction, so the split changes nothing a single read would have seen.
 */
async function readInHalves(pool: pg.Pool, client: pg.PoolClient, select: (part: string) => string, onRow: (buf: DataView, o: Int32Array) => void) {
  const { rows: sizeRows } = await client.query(
    `SELECT (pg_relation_size('interactions') / current_setting('block_size')::int)::bigint::text AS blocks,
                (SELECT coalesce(array_agg(id), '{}') FROM scoring_excluded_posts)::text AS excluded`,
  );
  const half = Math.ceil(Number(sizeRows[0].blocks) / 2);
  if (Number(sizeRows[0].blocks) < 2) {
    await copyOutBinary(client, select('true'), 4, onRow);
    return;
  }
  const second = await pool.connect();
  try {
    await second.query('BEGIN');
    await second.query(`CREATE TEMP TABLE scoring_excluded_posts ON COMMIT DROP AS SELECT unnest($1::bigint[]) AS id`, [sizeRows[0].excluded]);
    await second.query(`ANALYZE scoring_excluded_posts`);
    await Promise.all([
      copyOutBinary(client, select(`i.ctid < '(${half},0)'::tid`), 4, onRow),
      copyOutBinary(second, select(`i.ctid >= '(${half},0)'::tid`), 4, onRow),
    ]);
    await second.query('COMMIT');
  } catch (err) {
    await second.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    second.release();
  }
}

/**
 * The window's engagement between known accounts (and every follow), not touching excluded posts, as raw
 * (actor, target, kind, age in days) rows for aggregateInteractions. Runs in the caller's transaction, after
 * `scoring_excluded_posts` exists.
 */
export async function loadInteractions(pool: pg.Pool, client: pg.PoolClient, w: ScoringWindow, indexOf: (id: number) => number): Promise<RawInteractions> {
  const { at, start, atMicros } = w;
  const live = `deleted_at IS NULL AND actor_account_id <> target_account_id AND (occurred_at IS NULL OR occurred_at <= ${at})
                    AND NOT EXISTS (SELECT 1 FROM scoring_excluded_posts x WHERE x.id = i.post_id)`;
  // Estimated row count (planner statistics) sizes the arrays once instead of doubling them up to 10M.
  const { rows: est } = await client.query(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'interactions'::regclass`);
  const raw = new RawInteractions(Math.min(1 << 27, Math.ceil(Number(est[0]?.n ?? 0) * 1.05)));
  // occurred_at comes as it is stored (microseconds since 2000-01-01) and its age is worked out here:
  // computing the age in SQL (extract() is numeric arithmetic) cost the server about as much as the scan.
  const onRow = (buf: DataView, o: Int32Array) => {
    const a = indexOf(int8At(buf, o[0]));
    const t = indexOf(int8At(buf, o[1]));
    if (a < 0 || t < 0) return;
    raw.push(a, t, interactionKind(buf, o[2]), o[3] >= 0 ? (atMicros - int8At(buf, o[3])) / 86_400_000_000 : NaN);
  };
  const select = (part: string) => `SELECT actor_account_id, target_account_id, type, occurred_at
         FROM interactions i
         WHERE ${part} AND ${live} AND (type = 'follow' OR occurred_at IS NULL OR occurred_at >= ${start})`;
  await readInHalves(pool, client, select, onRow);
  return raw;
}
