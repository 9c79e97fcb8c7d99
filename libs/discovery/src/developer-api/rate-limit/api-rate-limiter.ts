import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@renown/core';
import { ApiRateCounterRepository } from './api-rate-counter.repository.js';

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window restarts: the Retry-After of a refused request. */
  resetInSeconds: number;
  windowSeconds: number;
}

/**
 * Fixed-window limit per API key: DEVELOPER_API_RATE_LIMIT requests per DEVELOPER_API_RATE_WINDOW_SECONDS,
 * counted in PostgreSQL so every API process shares the count. A fixed window can let through up to twice
 * the limit across a window boundary; that is the price of one row per key and no clean-up.
 */
@Injectable()
export class ApiRateLimiter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: ApiRateCounterRepository,
  ) {}

  async hit(apiKeyId: string): Promise<RateLimitState> {
    const limit = this.config.DEVELOPER_API_RATE_LIMIT;
    const windowSeconds = this.config.DEVELOPER_API_RATE_WINDOW_SECONDS;
    const { count, resetInSeconds } = await this.counters.hit(apiKeyId, windowSeconds);
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetInSeconds, windowSeconds };
  }
}
