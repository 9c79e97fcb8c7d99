import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IngestionError } from '../ingestion.error.js';

export interface ImportRunRow {
  id: string;
  source: string;
  format: string;
  file: string | null;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  readCount: number;
  insertedCount: number;
  updatedCount: number;
  unchangedCount: number;
  quarantinedCount: number;
  countsByEntity: Record<string, any>;
  error: string | null;
}

export interface QuarantinedRecordRow {
  id: string;
  file: string | null;
  lineOrOffset: string | null;
  reason: string;
  raw: string | null;
  createdAt: Date;
}

const RUN_COLUMNS = `id::text, source, format, file, status, started_at AS "startedAt", finished_at AS "finishedAt",
  read_count::float8 AS "readCount", inserted_count::float8 AS "insertedCount", updated_count::float8 AS "updatedCount",
  unchanged_count::float8 AS "unchangedCount", quarantined_count::float8 AS "quarantinedCount", counts_by_entity AS "countsByEntity", error`;

/** Reads import runs and their quarantined records for operators. */
@Injectable()
export class ImportRunsService {
  constructor(private readonly db: DataSource) {}

  async list(limit = 50, offset = 0): Promise<ImportRunRow[]> {
    return this.db.query(`SELECT ${RUN_COLUMNS} FROM import_runs ORDER BY id DESC LIMIT $1 OFFSET $2`, [Math.min(Math.max(limit, 1), 200), Math.max(offset, 0)]);
  }

  async getOrThrow(id: string): Promise<ImportRunRow> {
    if (!/^\d{1,18}$/.test(id)) throw IngestionError.runNotFound(id);
    const rows = await this.db.query(`SELECT ${RUN_COLUMNS} FROM import_runs WHERE id = $1`, [id]);
    if (!rows[0]) throw IngestionError.runNotFound(id);
    return rows[0];
  }

  async quarantined(runId: string, limit = 20): Promise<QuarantinedRecordRow[]> {
    return this.db.query(
      `SELECT id::text, file, line_or_offset::text AS "lineOrOffset", reason, left(raw, 2000) AS raw, created_at AS "createdAt"
       FROM import_quarantine WHERE import_run_id = $1 ORDER BY id LIMIT $2`,
      [runId, Math.min(Math.max(limit, 1), 200)],
    );
  }
}
