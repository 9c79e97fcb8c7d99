import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Influence scoring: runs (with progress), and append-only daily snapshots per account and per person.
 * History rule: one row per (account, model version, day). A re-run on the same day replaces that day's row
 * while it is not final; a run for a later day first marks every earlier day final, and a trigger refuses
 * any UPDATE of a final row, so past history can never be rewritten (only erased with its account).
 */
export class InfluenceScores1763730000001 implements MigrationInterface {
  name = 'InfluenceScores1763730000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scoring_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        model_version text NOT NULL,
        as_of_day date NOT NULL,
        trigger text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        stage text NOT NULL,
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        accounts_scored integer,
        stage_timings jsonb NOT NULL DEFAULT '{}',
        calibration jsonb,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX scoring_runs_started_at_idx ON scoring_runs (started_at DESC)`);

    await q.query(`
      CREATE TABLE account_score_snapshots (
        account_id bigint NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
        model_version text NOT NULL,
        day date NOT NULL,
        score real NOT NULL CHECK (score BETWEEN 1 AND 100),
        percentile double precision NOT NULL,
        reach_score real NOT NULL,
        amplification_score real NOT NULL,
        network_score real NOT NULL,
        raw double precision NOT NULL,
        signals jsonb NOT NULL,
        explanation jsonb NOT NULL,
        run_id bigint NOT NULL,
        is_final boolean NOT NULL DEFAULT false,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, model_version, day)
      )`);
    await q.query(`CREATE INDEX account_score_snapshots_day_idx ON account_score_snapshots (day) WHERE NOT is_final`);

    await q.query(`
      CREATE TABLE person_score_snapshots (
        person_id bigint NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        model_version text NOT NULL,
        day date NOT NULL,
        score real NOT NULL CHECK (score BETWEEN 1 AND 100),
        percentile double precision NOT NULL,
        account_ids bigint[] NOT NULL,
        best_account_id bigint NOT NULL,
        run_id bigint NOT NULL,
        is_final boolean NOT NULL DEFAULT false,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, model_version, day)
      )`);
    await q.query(`CREATE INDEX person_score_snapshots_day_idx ON person_score_snapshots (day) WHERE NOT is_final`);

    await q.query(`
      CREATE FUNCTION score_snapshot_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.is_final THEN
          RAISE EXCEPTION 'score snapshot of % (model %) is final: history is never rewritten', OLD.day, OLD.model_version
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER account_score_snapshots_history_guard BEFORE UPDATE ON account_score_snapshots FOR EACH ROW EXECUTE FUNCTION score_snapshot_history_guard()`);
    await q.query(`CREATE TRIGGER person_score_snapshots_history_guard BEFORE UPDATE ON person_score_snapshots FOR EACH ROW EXECUTE FUNCTION score_snapshot_history_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS person_score_snapshots`);
    await q.query(`DROP TABLE IF EXISTS account_score_snapshots`);
    await q.query(`DROP FUNCTION IF EXISTS score_snapshot_history_guard()`);
    await q.query(`DROP TABLE IF EXISTS scoring_runs`);
  }
}
