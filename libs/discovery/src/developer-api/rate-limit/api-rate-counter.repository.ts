import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RateCounterHit {
  /** Requests of this key in the current window, this one included. */
  count: number;
  /** Seconds until the current window ends (at least 1). */
  resetInSeconds: number;
}

/**
 * One row per API key in developer_api_rate_counters. A hit is one upsert on the database's clock, so API
 * processes with skewed clocks still agree on the window, and concurrent hits serialize on the key's row.
 * A request that computed an older window than the stored one (it read the clock just before the boundary,
 * committed just after) counts into the newer window instead of rolling it back.
 */
@Injectable()
export class ApiRateCounterRepository {
  constructor(private readonly db: DataSource) {}

  async hit(apiKeyId: string, windowSeconds: number): Promise<RateCounterHit> {
    const [row] = await this.db.query(
      `INSERT INTO developer_api_rate_counters AS c (api_key_id, window_start, window_seconds, request_count)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2) * $2), $2, 1)
       ON CONFLICT (api_key_id) DO UPDATE SET
         request_count = CASE
           WHEN EXCLUDED.window_seconds <> c.window_seconds OR EXCLUDED.window_start > c.window_start THEN 1
           ELSE c.request_count + 1 END,
         window_start = CASE
           WHEN EXCLUDED.window_seconds <> c.window_seconds THEN EXCLUDED.window_start
           ELSE greatest(c.window_start, EXCLUDED.window_start) END,
         window_seconds = EXCLUDED.window_seconds
       RETURNING request_count AS count,
         extract(epoch FROM (window_start + make_interval(secs => window_seconds) - clock_timestamp()))::float8 AS "resetIn"`,
      [apiKeyId, windowSeconds],
    );
    return { count: Number(row.count), resetInSeconds: Math.max(1, Math.ceil(Number(row.resetIn))) };
  }
}
