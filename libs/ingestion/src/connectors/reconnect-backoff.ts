export interface BackoffOptions {
  /** Delay before the first retry (ms). */
  initialMs: number;
  /** Ceiling (ms): a long outage is retried at this pace, not ever more slowly. */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Exponential backoff with "full jitter" (a uniform draw up to the exponential bound), so many connectors cut off
 * by the same outage do not reconnect in lockstep. `attempt` counts from 0; `random` is injected for tests.
 */
export function reconnectDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const bound = Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, Math.max(0, attempt)));
  return Math.round(options.initialMs / 2 + random() * (bound - options.initialMs / 2));
}
