import type pg from 'pg';
import { loadScoringInput, type LoadedScoringInput } from './load-scoring-input.js';
import type { PersonSnapshotRow, SnapshotRowSource } from './score-snapshot-rows.js';
import { PARALLEL_WRITE_MIN_ROWS, writeScoreSnapshots } from './write-score-snapshots.js';

/**
 * The scoring run's database side: set-based reads streamed with COPY TO (load-scoring-input.ts), writes with
 * COPY FROM, straight into the snapshot table or into a staging table and one upsert (write-score-snapshots.ts),
 * and the run's own row in scoring_runs. Takes a pg Pool so the bench can use it without Nest.
 */
export class InfluenceScoreStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { parallelWriteMinRows?: number } = {},
  ) {}

  /** Accounts, own posts and interactions as of `asOf`, in one transaction; `onStage` is told each stage as it starts. */
  loadInput(asOf: Date, onStage: (stage: string) => Promise<void> = async () => undefined): Promise<LoadedScoringInput> {
    return loadScoringInput(this.pool, asOf, onStage);
  }

  /** The day's snapshots (see writeScoreSnapshots: earlier days become final, this day's rows replaced only while not final). */
  writeSnapshots(runId: string, modelVersion: string, day: string, source: SnapshotRowSource, persons: PersonSnapshotRow[]): Promise<void> {
    return writeScoreSnapshots(this.pool, this.options.parallelWriteMinRows ?? PARALLEL_WRITE_MIN_ROWS, runId, modelVersion, day, source, persons);
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
