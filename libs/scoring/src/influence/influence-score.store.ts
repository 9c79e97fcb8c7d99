import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { type ScoringInput } from './compute-influence-run.js';
import { aggregateInteractions, KIND, RawInteractions } from './aggregate-interactions.js';
import { copyOutBinary, int8At } from './copy-binary-reader.js';
import { CopyBinaryWriter } from './copy-binary-writer.js';
import { SCORE_ANNOUNCEMENT_PATTERN, RECENCY_HALF_LIFE_DAYS, WINDOW_DAYS } from './gaming-discounts.js';

const { from: copyFrom, to: copyTo } = copyStreams;

/** Reads COPY ... TO STDOUT text rows, calling onRow with the split fields (\N → null). */
async function copyOut(client: pg.PoolClient, sql: string, onRow: (f: (string | null)[]) => void) {
  const stream = client.query(copyTo(sql));
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + chunk.toString('utf8');
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      onRow(line.split('\t').map((f) => (f === '\\N' ? null : f)));
    }
    rest = text.slice(start);
  }
}

/** COPY text-format escaping of one field. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface LoadedScoringInput extends ScoringInput {
  /** Internal account id (social_accounts.id) per position, ascending. */
  accountIds: Float64Array;
  personIds: string[];
}

/**
 * One account's snapshot as the run hands it to the store. Numbers as stored: the arrays already hold the
 * rounded values (see snapshot-columns.ts). A producer may reuse one row object (and its arrays) for the
 * next row once the store has moved on to it.
 */
export interface SnapshotRow {
  accountId: number;
  score: number;
  percentile: number;
  reach: number;
  amplification: number;
  network: number;
  raw: number;
  /** SNAPSHOT_SIGNAL_FIELDS order (double precision[]). */
  signals: ArrayLike<number>;
  /** SNAPSHOT_CONTRIBUTIONS order (real[]). */
  contributions: ArrayLike<number>;
  topEngagerIds: ArrayLike<number>;
  topEngagerWeights: ArrayLike<number>;
  /** How many of topEngagerIds / topEngagerWeights are used. */
  topEngagerCount: number;
}

/** The run's rows by account position: `rows(from, to)` yields accounts from..to-1 (any range, more than one at a time). */
export interface SnapshotRowSource {
  count: number;
  rows(from: number, to: number): Iterable<SnapshotRow>;
}

/** From this many accounts on, the day's first write goes over two connections. */
export const PARALLEL_WRITE_MIN_ROWS = 50_000;

export interface PersonSnapshotRow {
  personId: string;
  score: number;
  percentile: number;
  accountIds: string[];
  bestAccountId: string;
}

/**
 * The scoring run's database side: set-based reads streamed with COPY TO, writes with COPY FROM into a
 * staging table and one upsert. Takes a pg Pool so the bench can use it without Nest.
 */
export class InfluenceScoreStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { parallelWriteMinRows?: number } = {},
  ) {}

  /** Dates are formatted here (never user input), so inlining them into COPY statements is safe. */
  private static ts(d: Date) {
    if (Number.isNaN(d.getTime())) throw new Error('invalid date');
    return `'${d.toISOString()}'::timestamptz`;
  }

  async loadInput(asOf: Date, onStage: (stage: string) => Promise<void> = async () => undefined): Promise<LoadedScoringInput> {
    const client = await this.pool.connect();
    try {
      const at = InfluenceScoreStore.ts(asOf);
      const start = `(${at} - interval '${WINDOW_DAYS} days')`;
      const decayOf = (column: string) => `exp(-ln(2) * extract(epoch FROM (${at} - ${column})) / 86400 / ${RECENCY_HALF_LIFE_DAYS})`;
      // Timestamps arrive in binary as microseconds since 2000-01-01 (PostgreSQL's epoch).
      const atMicros = (asOf.getTime() - Date.UTC(2000, 0, 1)) * 1000;
      await client.query('BEGIN');
      await onStage('load-accounts');
      await client.query(`SET LOCAL work_mem = '256MB'`);
      // Columns as typed arrays from the start (sized from the planner's estimate, grown if short): a million
      // boxed numbers and id strings in JS arrays were garbage-collector work for the rest of the run.
      const { rows: accountEstimate } = await client.query(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'social_accounts'::regclass`);
      let capacity = Math.max(1024, Math.ceil(Number(accountEstimate[0]?.n ?? 0) * 1.05));
      let ids = new Float64Array(capacity);
      let personOf = new Int32Array(capacity);
      let cols = [0, 1, 2, 3, 4].map(() => new Float64Array(capacity));
      let count = 0;
      const personIndex = new Map<number, number>();
      const personIds: string[] = [];
      await copyOutBinary(
        client,
        `SELECT id, person_id, coalesce(followers_count, 0), coalesce(following_count, 0), coalesce(listed_count, 0),
                coalesce(posts_count, 0), account_created_at
         FROM social_accounts ORDER BY id`,
        7,
        (buf, o) => {
          if (count === capacity) {
            capacity *= 2;
            const grow = <T extends Float64Array | Int32Array>(a: T): T => {
              const b = new (a.constructor as new (n: number) => T)(capacity);
              b.set(a);
              return b;
            };
            ids = grow(ids);
            personOf = grow(personOf);
            cols = cols.map(grow);
          }
          const i = count++;
          ids[i] = int8At(buf, o[0]);
          let p = -1;
          if (o[1] >= 0) {
            const pid = int8At(buf, o[1]);
            p = personIndex.get(pid) ?? -1;
            if (p < 0) {
              p = personIds.length;
              personIndex.set(pid, p);
              personIds.push(String(pid));
            }
          }
          personOf[i] = p;
          for (let k = 0; k < 4; k++) cols[k][i] = int8At(buf, o[2 + k]);
          // Age in days from the stored microseconds (cheaper here than numeric extract() per row in SQL).
          cols[4][i] = o[6] >= 0 ? (atMicros - int8At(buf, o[6])) / 86_400_000_000 : NaN;
        },
      );
      const accountIds = ids.subarray(0, count);
      // Ids are identity values, dense in practice: a lookup array beats a Map for 20M lookups.
      const maxId = count ? accountIds[count - 1] : 0;
      const dense = maxId <= 4 * count + 1_000_000;
      const lookup = dense ? new Int32Array(maxId + 1).fill(-1) : null;
      const sparse = dense ? null : new Map<number, number>();
      accountIds.forEach((id, i) => (lookup ? (lookup[id] = i) : sparse!.set(id, i)));
      const indexOf = (id: number) => (lookup ? (id <= maxId ? lookup[id] : -1) : (sparse!.get(id) ?? -1));
      const index = { get: (id: string) => { const i = indexOf(Number(id)); return i < 0 ? undefined : i; } };
      const n = count;

      await onStage('load-posts');
      // Announcements of one's own score, and posts that repost/quote/reply to them, are invisible.
      await client.query(`
        CREATE TEMP TABLE scoring_excluded_posts ON COMMIT DROP AS
        WITH announced AS (
          SELECT id FROM posts WHERE text ~* '${SCORE_ANNOUNCEMENT_PATTERN.replace(/'/g, "''")}' AND (posted_at IS NULL OR posted_at >= ${start} - interval '30 days'))
        SELECT id FROM announced
        UNION SELECT p.id FROM posts p JOIN announced a ON a.id IN (p.repost_of_post_id, p.quote_of_post_id, p.reply_to_post_id)`);
      await client.query(`CREATE INDEX ON scoring_excluded_posts (id)`);
      await client.query(`ANALYZE scoring_excluded_posts`);
      const postsInWindow = new Float64Array(n);
      await copyOut(
        client,
        `COPY (SELECT author_account_id, sum(${decayOf('posted_at')}) FROM posts
               WHERE author_account_id IS NOT NULL AND posted_at >= ${start} AND posted_at <= ${at} AND repost_of_post_id IS NULL
                 AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM scoring_excluded_posts x WHERE x.id = posts.id)
               GROUP BY author_account_id) TO STDOUT`,
        (f) => {
          const i = index.get(f[0]!);
          if (i !== undefined) postsInWindow[i] = Number(f[1]);
        },
      );

      await onStage('load-interactions');
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
        raw.push(a, t, kindOf(buf, o[2]), o[3] >= 0 ? (atMicros - int8At(buf, o[3])) / 86_400_000_000 : NaN);
      };
      // The type comes as its text and is told apart here by first letter and length (a CASE in SQL per row
      // cost the server more): the table's CHECK allows only these six.
      const kindOf = (buf: DataView, at: number) => {
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
      };
      const select = (part: string) => `SELECT actor_account_id, target_account_id, type, occurred_at
         FROM interactions i
         WHERE ${part} AND ${live} AND (type = 'follow' OR occurred_at IS NULL OR occurred_at >= ${start})`;
      // The largest read of the run (10M rows at 1M accounts) is split in two halves of the table's blocks
      // (TID range scans), each read by its own connection, so two PostgreSQL backends scan and encode
      // in parallel while this process decodes. The second connection gets its own copy of the excluded
      // posts (a handful: score announcements and what answers them). Both read committed, like the
      // statements of this transaction, so the split changes nothing a single read would have seen.
      const { rows: sizeRows } = await client.query(
        `SELECT (pg_relation_size('interactions') / current_setting('block_size')::int)::bigint::text AS blocks,
                (SELECT coalesce(array_agg(id), '{}') FROM scoring_excluded_posts)::text AS excluded`,
      );
      const half = Math.ceil(Number(sizeRows[0].blocks) / 2);
      if (Number(sizeRows[0].blocks) < 2) {
        await copyOutBinary(client, select('true'), 4, onRow);
      } else {
        const second = await this.pool.connect();
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
      await onStage('aggregate-interactions');
      const { pairs, burstFactor } = aggregateInteractions(raw, n);
      await client.query('COMMIT');
      return {
        accountCount: n,
        accountIds,
        personIds,
        person: personOf.subarray(0, n),
        followers: cols[0].subarray(0, n),
        following: cols[1].subarray(0, n),
        listed: cols[2].subarray(0, n),
        postsCount: cols[3].subarray(0, n),
        ageDays: cols[4].subarray(0, n),
        postsInWindow,
        burstFactor,
        pairs,
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Writes the day's snapshots: earlier days become final first (never touched again), then this day's
   * rows are inserted, or replaced only while not final. Rows stream with binary COPY.
   *
   * The day's first write (the daily case) COPYs straight into the table, and for a large run over two
   * connections at once, each with half of the accounts: PostgreSQL ingests a row (heap, three indexes,
   * the foreign key check) in about 15 µs, which at a million accounts was most of the run, and two server
   * backends halve that. The second connection commits just before the first; should the first then fail,
   * the rows the second committed are deleted again (not final, so allowed) before the error is raised.
   * A re-run the same day goes through a staging table and an upsert that leaves final rows alone.
   */
  async writeSnapshots(runId: string, modelVersion: string, day: string, source: SnapshotRowSource, persons: PersonSnapshotRow[]) {
    const client = await this.pool.connect();
    let second: pg.PoolClient | null = null;
    let secondCommitted = false;
    const run = Number(runId);
    const encoded = function* (rows: Iterable<SnapshotRow>) {
      const w = new CopyBinaryWriter();
      const version = CopyBinaryWriter.encode('text', modelVersion);
      const date = CopyBinaryWriter.encode('date', day);
      w.header();
      for (const r of rows) {
        w.row(14);
        w.encoded(version);
        w.encoded(date);
        w.int8(run);
        w.int8(r.accountId);
        w.float4(r.score);
        w.float8(r.percentile);
        w.float4(r.reach);
        w.float4(r.amplification);
        w.float4(r.network);
        w.float8(r.raw);
        w.array('float8', r.signals);
        w.array('float4', r.contributions);
        w.array('int8', r.topEngagerIds, 0, r.topEngagerCount);
        w.array('float4', r.topEngagerWeights, 0, r.topEngagerCount);
        if (w.length >= 1 << 18) yield w.take();
      }
      w.trailer();
      yield w.take();
    };
    const columns = `(model_version, day, run_id, account_id, score, percentile, reach_score, amplification_score, network_score, raw, signals, contributions, top_engager_ids, top_engager_weights)`;
    const copyRows = (c: pg.PoolClient, table: string, from: number, to: number) =>
      pipeline(Readable.from(encoded(source.rows(from, to)), { objectMode: false }), c.query(copyFrom(`COPY ${table} ${columns} FROM STDIN (FORMAT binary)`)));
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE account_score_snapshots SET is_final = true WHERE day < $1 AND NOT is_final`, [day]);
      await client.query(`UPDATE person_score_snapshots SET is_final = true WHERE day < $1 AND NOT is_final`, [day]);
      const { rows: existing } = await client.query(`SELECT 1 FROM account_score_snapshots WHERE day = $1 AND model_version = $2 AND NOT is_final LIMIT 1`, [day, modelVersion]);
      const direct = existing.length === 0;
      const n = source.count;
      if (direct && n >= (this.options.parallelWriteMinRows ?? PARALLEL_WRITE_MIN_ROWS) && n > 1) {
        second = await this.pool.connect();
        await second.query('BEGIN');
        const half = Math.ceil(n / 2);
        // allSettled: both COPYs have ended (either way) before anything is rolled back.
        const results = await Promise.allSettled([copyRows(client, 'account_score_snapshots', 0, half), copyRows(second, 'account_score_snapshots', half, n)]);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      } else if (direct) {
        await copyRows(client, 'account_score_snapshots', 0, n);
      } else {
        await client.query(`
          CREATE TEMP TABLE staging_account_scores (model_version text, day date, run_id bigint, account_id bigint, score real, percentile double precision,
            reach_score real, amplification_score real, network_score real, raw double precision, signals double precision[], contributions real[],
            top_engager_ids bigint[], top_engager_weights real[]) ON COMMIT DROP`);
        await copyRows(client, 'staging_account_scores', 0, n);
      }
      if (!direct) {
        await client.query(
          `INSERT INTO account_score_snapshots AS s (account_id, model_version, day, score, percentile, reach_score, amplification_score,
             network_score, raw, signals, contributions, top_engager_ids, top_engager_weights, run_id)
           SELECT account_id, $1, $2, score, percentile, reach_score, amplification_score, network_score, raw, signals, contributions,
             top_engager_ids, top_engager_weights, $3
           FROM staging_account_scores
           ON CONFLICT (account_id, model_version, day) DO UPDATE SET
             score = excluded.score, percentile = excluded.percentile, reach_score = excluded.reach_score,
             amplification_score = excluded.amplification_score, network_score = excluded.network_score, raw = excluded.raw,
             signals = excluded.signals, contributions = excluded.contributions, top_engager_ids = excluded.top_engager_ids,
             top_engager_weights = excluded.top_engager_weights, run_id = excluded.run_id, computed_at = now()
           WHERE NOT s.is_final`,
          [modelVersion, day, runId],
        );
      }
      if (persons.length > 0) {
        await client.query(
          `INSERT INTO person_score_snapshots AS s (person_id, model_version, day, score, percentile, account_ids, best_account_id, run_id)
           SELECT p.person_id, $1, $2, p.score, p.percentile, string_to_array(p.account_ids, ',')::bigint[], p.best, $3
           FROM unnest($4::bigint[], $5::real[], $6::float8[], $7::text[], $8::bigint[]) AS p(person_id, score, percentile, account_ids, best)
           ON CONFLICT (person_id, model_version, day) DO UPDATE SET score = excluded.score, percentile = excluded.percentile,
             account_ids = excluded.account_ids, best_account_id = excluded.best_account_id, run_id = excluded.run_id, computed_at = now()
           WHERE NOT s.is_final`,
          [
            modelVersion,
            day,
            runId,
            persons.map((p) => p.personId),
            persons.map((p) => p.score),
            persons.map((p) => p.percentile),
            persons.map((p) => p.accountIds.join(',')),
            persons.map((p) => p.bestAccountId),
          ],
        );
      }
      if (second) {
        await second.query('COMMIT');
        secondCommitted = true;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (second && !secondCommitted) await second.query('ROLLBACK').catch(() => undefined);
      if (secondCommitted) {
        await this.pool
          .query(`DELETE FROM account_score_snapshots WHERE run_id = $1 AND day = $2 AND model_version = $3 AND NOT is_final`, [runId, day, modelVersion])
          .catch(() => undefined);
      }
      throw err;
    } finally {
      client.release();
      second?.release();
    }
  }

  async startRun(modelVersion: string, day: string, trigger: string): Promise<string> {
    const { rows } = await this.pool.query(
      `INSERT INTO scoring_runs (model_version, as_of_day, trigger, status, stage) VALUES ($1, $2, $3, 'running', 'starting') RETURNING id`,
      [modelVersion, day, trigger],
    );
    return rows[0].id;
  }

  async updateRun(runId: string, patch: { stage?: string; progress?: number; stageTimings?: object }) {
    await this.pool.query(
      `UPDATE scoring_runs SET stage = coalesce($2, stage), progress = coalesce($3, progress), stage_timings = coalesce($4, stage_timings) WHERE id = $1`,
      [runId, patch.stage ?? null, patch.progress ?? null, patch.stageTimings ? JSON.stringify(patch.stageTimings) : null],
    );
  }

  async finishRun(runId: string, result: { status: 'succeeded' | 'failed'; accountsScored?: number; calibration?: object; error?: string; stageTimings?: object }) {
    await this.pool.query(
      `UPDATE scoring_runs SET status = $2, stage = CASE WHEN $2 = 'succeeded' THEN 'done' ELSE stage END, progress = CASE WHEN $2 = 'succeeded' THEN 1 ELSE progress END,
         accounts_scored = $3, calibration = $4, error = $5, stage_timings = coalesce($6, stage_timings), finished_at = now() WHERE id = $1`,
      [runId, result.status, result.accountsScored ?? null, result.calibration ? JSON.stringify(result.calibration) : null, result.error ?? null, result.stageTimings ? JSON.stringify(result.stageTimings) : null],
    );
  }
}
