import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { CopyBinaryWriter } from './copy-binary-writer.js';
import type { PersonSnapshotRow, SnapshotRow, SnapshotRowSource } from './score-snapshot-rows.js';

/** From this many accounts on, the day's first write goes over two connections. */
export const PARALLEL_WRITE_MIN_ROWS = 50_000;

const COLUMNS = `(model_version, day, run_id, account_id, score, percentile, reach_score, amplification_score, network_score, raw, signals, contributions, top_engager_ids, top_engager_weights)`;

/** The rows as binary COPY data, in chunks of about 256 kB. */
function* encodeSnapshotRows(rows: Iterable<SnapshotRow>, run: number, modelVersion: string, day: string) {
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
}

/** A re-run the same day: the rows go to a staging table, then one upsert that leaves final rows alone. */
async function upsertAccountSnapshots(client: pg.PoolClient, copyRows: (c: pg.PoolClient, table: string, from: number, to: number) => Promise<void>, n: number, runId: string, modelVersion: string, day: string) {
  await client.query(`
          CREATE TEMP TABLE staging_account_scores (model_version text, day date, run_id bigint, account_id bigint, score real, percentile double precision,
            reach_score real, amplification_score real, network_score real, raw double precision, signals double precision[], contributions real[],
            top_engager_ids bigint[], top_engager_weights real[]) ON COMMIT DROP`);
  await copyRows(client, 'staging_account_scores', 0, n);
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

async function upsertPersonSnapshots(client: pg.PoolClient, persons: PersonSnapshotRow[], runId: string, modelVersion: string, day: string) {
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
export async function writeScoreSnapshots(pool: pg.Pool, parallelWriteMinRows: number, runId: string, modelVersion: string, day: string, source: SnapshotRowSource, persons: PersonSnapshotRow[]) {
  const client = await pool.connect();
  let second: pg.PoolClient | null = null;
  let secondCommitted = false;
  const run = Number(runId);
  const copyRows = (c: pg.PoolClient, table: string, from: number, to: number) =>
    pipeline(Readable.from(encodeSnapshotRows(source.rows(from, to), run, modelVersion, day), { objectMode: false }), c.query(copyStreams.from(`COPY ${table} ${COLUMNS} FROM STDIN (FORMAT binary)`)));
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE account_score_snapshots SET is_final = true WHERE day < $1 AND NOT is_final`, [day]);
    await client.query(`UPDATE person_score_snapshots SET is_final = true WHERE day < $1 AND NOT is_final`, [day]);
    const { rows: existing } = await client.query(`SELECT 1 FROM account_score_snapshots WHERE day = $1 AND model_version = $2 AND NOT is_final LIMIT 1`, [day, modelVersion]);
    const direct = existing.length === 0;
    const n = source.count;
    if (direct && n >= parallelWriteMinRows && n > 1) {
      second = await pool.connect();
      await second.query('BEGIN');
      const half = Math.ceil(n / 2);
      // allSettled: both COPYs have ended (either way) before anything is rolled back.
      const results = await Promise.allSettled([copyRows(client, 'account_score_snapshots', 0, half), copyRows(second, 'account_score_snapshots', half, n)]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } else if (direct) {
      await copyRows(client, 'account_score_snapshots', 0, n);
    } else {
      await upsertAccountSnapshots(client, copyRows, n, runId, modelVersion, day);
    }
    if (persons.length > 0) await upsertPersonSnapshots(client, persons, runId, modelVersion, day);
    if (second) {
      await second.query('COMMIT');
      secondCommitted = true;
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (second && !secondCommitted) await second.query('ROLLBACK').catch(() => undefined);
    if (secondCommitted) {
      await pool
        .query(`DELETE FROM account_score_snapshots WHERE run_id = $1 AND day = $2 AND model_version = $3 AND NOT is_final`, [runId, day, modelVersion])
        .catch(() => undefined);
    }
    throw err;
  } finally {
    client.release();
    second?.release();
  }
}
