import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-API-key request counter of the developer REST API: one row per key holding the current fixed window
 * and how many requests it has seen. Kept in PostgreSQL so every API process counts against the same limit;
 * one row per key (overwritten when a new window starts) so the table never grows and needs no pruning.
 */
export class DeveloperApiRateLimits1763760000040 implements MigrationInterface {
  name = 'DeveloperApiRateLimits1763760000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE developer_api_rate_counters (
        api_key_id uuid PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
        window_start timestamptz NOT NULL,
        window_seconds integer NOT NULL CHECK (window_seconds > 0),
        request_count integer NOT NULL CHECK (request_count > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE developer_api_rate_counters`);
  }
}
