import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type pg from 'pg';
import { logger } from '@renown/core';
import { detectFormat } from '../formats/detect-format.js';
import type { FormatName, ParserOptions, RecordParser } from '../formats/format-parser.js';
import { FORMAT_NAMES, findFormat } from '../formats/format-registry.js';
import { IngestionError } from '../ingestion.error.js';
import type { ParseOutcome, RawRecord, RecordPosition } from '../model/graph-observation.js';
import { isGzipFile, openInputWithProgress, readHead } from '../reading/open-input.js';
import { readLines, readWholeDocument } from '../reading/read-records.js';
import { PersonLinker } from '../persons/person-linker.js';
import { copyRow } from '../writing/encode-copy-text.js';
import { GraphBatch } from '../writing/graph-batch.js';
import { GraphWriter } from '../writing/graph-writer.js';
import { addBatchCounts, emptyRunCounts, type RunCounts } from './run-counts.js';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export const ACCOUNTS_TOUCHED_JOB = 'scoring.accounts-touched';
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const MAX_RAW_IN_QUARANTINE = 64 * 1024;

/** Where jobs go (QueueService in the app; anything with `send` in scripts). */
export interface JobSender {
  send(name: string, data: object, options?: object): Promise<string | null>;
}

export interface IngestOptions {
  format: FormatName;
  /** What fed the run: 'file', 'jetstream', 'mastodon', 'generator'... */
  source?: string;
  /** A file path or a stream URL, shown in runs and quarantine rows. */
  file?: string | null;
  /** Identifies the input across runs: a run interrupted on the same fingerprint is resumed, not restarted. */
  fingerprint?: string | null;
  parser?: ParserOptions;
  /**
   * Check foreign keys with PostgreSQL's per-row triggers even when the session may turn them off (a superuser's
   * default is to COPY new rows without them, having locked what they reference). For tests and comparisons.
   */
  perRowForeignKeyChecks?: boolean;
  /** Records per committed batch (default 10,000 graph items; 20,000 measured 20% less PostgreSQL CPU but a peak RSS over 500 MB). */
  batchSize?: number;
  onProgress?: (p: { counts: RunCounts; position: RecordPosition | null }) => void;
  /** Called after each batch is durably committed, with its last record's position (cursor for live sources). */
  onBatchCommitted?: (p: { importRunId: string; position: RecordPosition; counts: RunCounts }) => void | Promise<void>;
}

export interface IngestFileOptions {
  /** Skip detection. The file must still look like this format. */
  format?: FormatName | string;
  parser?: ParserOptions;
  perRowForeignKeyChecks?: boolean;
  batchSize?: number;
  onProgress?: (p: { counts: RunCounts; position: RecordPosition | null; fileBytesRead: number; fileBytes: number }) => void;
}

export interface ImportResult {
  importRunId: string;
  format: FormatName;
  file: string | null;
  status: 'succeeded' | 'failed';
  resumed: boolean;
  counts: RunCounts;
}

export interface PlannedFile {
  file: string;
  format: FormatName;
  layout: 'lines' | 'document';
}

/** size + hashes of the first and last MiB: cheap, and stable across copies of the same content. */
async function fingerprintFile(path: string): Promise<string> {
  const { size } = await stat(path);
  const fh = await open(path, 'r');
  try {
    const h = createHash('sha256').update(String(size));
    const span = Math.min(size, 1 << 20);
    const head = Buffer.alloc(span);
    await fh.read(head, 0, span, 0);
    h.update(head);
    if (size > span) {
      const tail = Buffer.alloc(span);
      await fh.read(tail, 0, span, size - span);
      h.update(tail);
    }
    return h.digest('hex');
  } finally {
    await fh.close();
  }
}

/**
 * Imports platform payloads into the social graph. Records stream in, are parsed into observations, and are
 * written in batches; each batch commits atomically together with the run's counts and checkpoint, so a
 * crash loses at most the uncommitted batch and a re-run resumes after the last checkpoint. Every write is
 * an idempotent upsert, so replaying a batch changes nothing either.
 */
export class GraphImporter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly jobs: JobSender | null = null,
  ) {}

  /** Detects formats of a file or the files of a directory, refusing a single file in no known format. */
  async plan(path: string, format?: string): Promise<{ files: PlannedFile[]; ignored: { file: string; why: string }[] }> {
    if (format && !findFormat(format)) throw IngestionError.unknownFormatName(format, FORMAT_NAMES);
    const info = await stat(path);
    if (!info.isDirectory()) return { files: [await this.planFile(path, format)], ignored: [] };
    const files: PlannedFile[] = [];
    const ignored: { file: string; why: string }[] = [];
    const entries = (await readdir(path, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? path, e.name))
      .sort();
    for (const f of entries) {
      if (/\.(md|txt\.md|license|upstream)$/i.test(f) || /(^|\/)(LICENSE|MANIFEST)[^/]*$/i.test(f)) {
        ignored.push({ file: f, why: 'documentation' });
        continue;
      }
      try {
        files.push(await this.planFile(f, format));
      } catch (err) {
        if (!(err instanceof IngestionError)) throw err;
        ignored.push({ file: f, why: err.message });
      }
    }
    return { files, ignored };
  }

  private async planFile(file: string, format?: string): Promise<PlannedFile> {
    const { size } = await stat(file);
    const head = await readHead(file);
    const complete = head.length >= size || (await isGzipFile(file)) && head.length < 256 * 1024;
    const detected = detectFormat(head, complete);
    if (format) {
      // A JSON document too large to sniff is taken on the caller's word; its records are still checked one by one.
      const tooLargeToSniff = !complete && detected.format === null && detected.layout === 'document';
      if (tooLargeToSniff && findFormat(format)?.unit === 'json') return { file, format: format as FormatName, layout: 'document' };
      if (detected.format !== format) throw IngestionError.formatMismatch(file, format, detected.format);
      return { file, format: format as FormatName, layout: detected.layout };
    }
    if (!detected.format) throw IngestionError.unknownFormat(file, detected.why ?? 'unrecognized content', FORMAT_NAMES);
    return { file, format: detected.format, layout: detected.layout };
  }

  /** Imports one file (gzip or not). Refuses, before writing anything, a file in no known format. */
  async ingestFile(path: string, options: IngestFileOptions = {}): Promise<ImportResult> {
    const planned = await this.planFile(path, options.format);
    return this.ingestPlanned(planned, options);
  }

  async ingestPlanned(planned: PlannedFile, options: IngestFileOptions = {}): Promise<ImportResult> {
    const { size } = await stat(planned.file);
    const input = await openInputWithProgress(planned.file);
    const source = planned.layout === 'document' ? readWholeDocument(input.stream, MAX_DOCUMENT_BYTES) : readLines(input.stream);
    try {
      return await this.ingest(source, {
        format: planned.format,
        source: 'file',
        file: planned.file,
        fingerprint: await fingerprintFile(planned.file),
        parser: { fileName: basename(planned.file), ...options.parser },
        batchSize: options.batchSize,
        perRowForeignKeyChecks: options.perRowForeignKeyChecks,
        onProgress: options.onProgress ? (p) => options.onProgress!({ ...p, fileBytesRead: input.fileBytesRead(), fileBytes: size }) : undefined,
      });
    } finally {
      input.stream.destroy();
    }
  }

  /**
   * Imports a stream of raw records (lines or JSON documents) of one format. The live connectors call this
   * with their received messages; files go through ingestFile.
   */
  async ingest(source: AsyncIterable<RawRecord>, options: IngestOptions): Promise<ImportResult> {
    const format = findFormat(options.format);
    if (!format) throw IngestionError.unknownFormatName(options.format, FORMAT_NAMES);
    const parser = format.create(options.parser ?? {});
    const client = await this.pool.connect();
    let lockKey: string | null = null;
    let finished: { runId: string; counts: RunCounts; resumed: boolean; lastPosition: RecordPosition | null } | undefined;
    try {
      if (options.fingerprint) {
        // The connection of an import killed a moment ago (kill -9) may still hold the lock until the server
        // notices the closed socket (a few milliseconds): give it up to 2 s before calling the import running.
        let ok = false;
        for (let waited = 0; !ok; waited += 50) {
          ok = (await client.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [options.fingerprint])).rows[0].ok;
          if (!ok && waited >= 2_000) throw IngestionError.alreadyRunning(options.file ?? options.fingerprint);
          if (!ok) await new Promise((r) => setTimeout(r, 50));
        }
        lockKey = options.fingerprint;
      }
      const { runId, counts, checkpoint, resumed } = await this.openRun(client, options);
      if (resumed) logger.info({ importRunId: runId, checkpoint }, 'resuming an interrupted import');
      const writer = new GraphWriter(client, { perRowForeignKeyChecks: options.perRowForeignKeyChecks });
      await writer.prepare();
      const limit = options.batchSize ?? 10_000;
      let batch = new GraphBatch();
      let inflight: Promise<void> | null = null;
      const flush = (b: GraphBatch) => this.commitBatch(client, writer, runId, b, counts, options);
      try {
        for await (const record of source) {
          if (checkpoint && record.position.line <= checkpoint.line) {
            // Already committed. The first lines still go through the parser, which may keep state from them
            // (an edge list's header), and their output is dropped.
            if (record.position.line <= 5) this.parseInto(parser, record, new GraphBatch());
            continue;
          }
          batch.records++;
          batch.lastPosition = record.position;
          this.parseInto(parser, record, batch);
          if (batch.size >= limit) {
            if (inflight) await inflight;
            const p: Promise<void> = flush(batch);
            p.catch(() => undefined); // awaited below; avoid an unhandled rejection while parsing goes on
            inflight = p;
            batch = new GraphBatch();
            options.onProgress?.({ counts, position: record.position });
          }
        }
        if (inflight) await inflight;
        if (batch.records > 0) await flush(batch);
      } catch (err) {
        if (inflight) await inflight.catch(() => undefined);
        await client.query(`ROLLBACK`).catch(() => undefined);
        await client.query(`UPDATE import_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [runId, String(err?.message ?? err).slice(0, 2000)]);
        throw err;
      }
      await client.query(`UPDATE import_runs SET status = 'succeeded', finished_at = now(), error = NULL WHERE id = $1`, [runId]);
      finished = { runId, counts, resumed, lastPosition: batch.lastPosition };
    } finally {
      if (lockKey) await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey]).catch(() => undefined);
      // The writer's staging tables and planner settings belong to this import, not to the pool's next user
      // (and dropping temp tables here, not when the pool closes the connection, keeps that close instant).
      await client.query('DISCARD ALL').catch(() => undefined);
      client.release();
    }
    // After the import's connection is back in the pool: the linker takes its own, and an importer sharing a small
    // pool with other work (a crawl's concurrent imports) must never hold one connection while waiting for another.
    const { runId, counts, resumed, lastPosition } = finished!;
    try {
      await new PersonLinker(this.pool).linkFromProfileLinks(runId);
    } catch (err) {
      logger.warn({ err, importRunId: runId }, 'linking accounts to persons by profile links failed; the import itself succeeded');
    }
    options.onProgress?.({ counts, position: lastPosition });
    // Scoring runs in the worker, never inline: it reloads the run's accounts from import_run_accounts.
    if (this.jobs) await this.jobs.send(ACCOUNTS_TOUCHED_JOB, { importRunId: runId }, { singletonKey: `import-run-${runId}` });
    return { importRunId: runId, format: format.name, file: options.file ?? null, status: 'succeeded', resumed, counts };
  }

  private parseInto(parser: RecordParser, record: RawRecord, batch: GraphBatch) {
    let outcome: ParseOutcome;
    try {
      outcome = parser.parse(record);
    } catch (err) {
      const why = err instanceof SyntaxError ? `malformed JSON: ${err.message}` : `unreadable record: ${err?.message ?? err}`;
      outcome = { ok: false, reason: why };
    }
    if (outcome.ok) {
      batch.add(outcome.items);
      for (const part of outcome.rejected ?? []) batch.quarantine.push({ position: record.position, reason: part.reason, raw: part.raw });
    } else {
      const reason = record.unterminated ? `truncated last line (no newline at end of file): ${outcome.reason}` : outcome.reason;
      batch.quarantine.push({ position: record.position, reason, raw: record.raw });
    }
  }

  private async openRun(client: pg.PoolClient, options: IngestOptions) {
    if (options.fingerprint) {
      const { rows } = await client.query(
        `SELECT id, checkpoint, read_count, inserted_count, updated_count, unchanged_count, quarantined_count, counts_by_entity
         FROM import_runs WHERE file_fingerprint = $1 AND format = $2 AND status IN ('running', 'failed') ORDER BY id DESC LIMIT 1`,
        [options.fingerprint, options.format],
      );
      if (rows[0]) {
        const r = rows[0];
        await client.query(`UPDATE import_runs SET status = 'running', error = NULL, finished_at = NULL WHERE id = $1`, [r.id]);
        const counts: RunCounts = { ...emptyRunCounts(), ...(r.counts_by_entity?.totals ?? {}) };
        if (r.counts_by_entity?.byEntity) counts.byEntity = r.counts_by_entity.byEntity;
        return { runId: String(r.id), counts, checkpoint: (r.checkpoint as RecordPosition | null) ?? null, resumed: true };
      }
    }
    const { rows } = await client.query(
      `INSERT INTO import_runs (source, format, file, file_fingerprint, status) VALUES ($1, $2, $3, $4, 'running') RETURNING id`,
      [options.source ?? 'file', options.format, options.file ?? null, options.fingerprint ?? null],
    );
    return { runId: String(rows[0].id), counts: emptyRunCounts(), checkpoint: null, resumed: false };
  }

  /** One batch, its quarantined records, the run's counts and checkpoint: all or nothing. */
  private async commitBatch(client: pg.PoolClient, writer: GraphWriter, runId: string, batch: GraphBatch, counts: RunCounts, options: IngestOptions) {
    const t0 = performance.now();
    await client.query('BEGIN');
    try {
      let written;
      try {
        await client.query('SAVEPOINT fast_write');
        written = await writer.write(batch, runId, 'fast');
        await client.query('RELEASE SAVEPOINT fast_write');
      } catch (err) {
        // Another writer inserted one of the rows the fast path took for new: merge the batch instead.
        if ((err as { code?: string })?.code !== '23505') throw err;
        await client.query('ROLLBACK TO SAVEPOINT fast_write');
        logger.info({ importRunId: runId }, 'a row of the batch appeared meanwhile: writing it through the staged merge');
        written = await writer.write(batch, runId, 'safe');
      }
      if (batch.quarantine.length) {
        const rows = batch.quarantine.map((q) => copyRow([runId, options.file ?? null, q.position.line, q.reason, q.raw.length > MAX_RAW_IN_QUARANTINE ? q.raw.slice(0, MAX_RAW_IN_QUARANTINE) : q.raw]));
        await pipeline(Readable.from([rows.join('')]), client.query(copyFrom(`COPY import_quarantine (import_run_id, file, line_or_offset, reason, raw) FROM STDIN`)));
      }
      const next = structuredClone(counts);
      addBatchCounts(next, written, batch.records, batch.quarantine.length, batch.skipped);
      await client.query(
        `UPDATE import_runs SET read_count = $2, inserted_count = $3, updated_count = $4, unchanged_count = $5, quarantined_count = $6,
           counts_by_entity = $7, checkpoint = $8 WHERE id = $1`,
        [runId, next.read, next.inserted, next.updated, next.unchanged, next.quarantined,
          JSON.stringify({ totals: { read: next.read, inserted: next.inserted, updated: next.updated, unchanged: next.unchanged, quarantined: next.quarantined, skipped: next.skipped }, byEntity: next.byEntity }),
          JSON.stringify(batch.lastPosition)],
      );
      await client.query('COMMIT');
      writer.markCommitted();
      if (process.env.RENOWN_INGEST_TRACE) console.error(`${(performance.now() - t0).toFixed(0)}ms batch of ${batch.records} records committed`);
      Object.assign(counts, next);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    if (options.onBatchCommitted && batch.lastPosition) await options.onBatchCommitted({ importRunId: runId, position: batch.lastPosition, counts });
  }
}
