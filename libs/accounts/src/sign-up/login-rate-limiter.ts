import { Injectable } from '@nestjs/common';
import type { RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { AccountsError } from '../accounts.error.js';

export const LOGIN_LIMITS = {
  windowSeconds: 15 * 60,
  /** Failed attempts per email in the window: stops guessing one account's password. */
  perEmail: 5,
  /** Failed attempts per IP in the window: stops trying one password on many accounts. */
  perIp: 30,
};

/**
 * Counts failed logins in PostgreSQL, so the limit holds across API processes. Each attempt is recorded as a
 * failure BEFORE the password is checked and only then counted, so concurrent guesses cannot slip through
 * between a count and an insert; a success flips its own row.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(private readonly db: DataSource) {}

  /** Records the attempt; throws RATE_LIMITED (with retryAfterSeconds) when over a limit. Returns the attempt id. */
  async begin(email: string, ip: string): Promise<string> {
    const [{ id }]: Array<RowOf<'login_attempts', 'id'>> = await this.db.query(`INSERT INTO login_attempts (email, ip) VALUES ($1, $2) RETURNING id`, [email, ip]);
    // count(*) is bigint: a string, as node-postgres returns it. An oldest_* is read only when its count is over the limit, never null then.
    const [counts]: Array<{ by_email: string; oldest_email: Date; by_ip: string; oldest_ip: Date; now: Date }> = await this.db.query(
      `SELECT
         count(*) FILTER (WHERE email = $1) AS by_email,
         min(attempted_at) FILTER (WHERE email = $1) AS oldest_email,
         count(*) FILTER (WHERE ip = $2) AS by_ip,
         min(attempted_at) FILTER (WHERE ip = $2) AS oldest_ip,
         now() AS now
       FROM login_attempts
       WHERE NOT succeeded AND (email = $1 OR ip = $2) AND attempted_at > now() - make_interval(secs => $3) AND id < $4`,
      [email, ip, LOGIN_LIMITS.windowSeconds, id],
    );
    const retryAfter = (oldest: Date) =>
      Math.max(1, Math.ceil(LOGIN_LIMITS.windowSeconds - (new Date(counts.now).getTime() - new Date(oldest).getTime()) / 1000));
    const overEmail = Number(counts.by_email) >= LOGIN_LIMITS.perEmail;
    const overIp = Number(counts.by_ip) >= LOGIN_LIMITS.perIp;
    if (overEmail || overIp) {
      // A refused attempt checked no password: it does not count, so retryAfter stays true.
      await this.db.query(`DELETE FROM login_attempts WHERE id = $1`, [id]);
      throw AccountsError.rateLimited(Math.max(overEmail ? retryAfter(counts.oldest_email) : 0, overIp ? retryAfter(counts.oldest_ip) : 0));
    }
    return String(id);
  }

  async succeeded(attemptId: string): Promise<void> {
    await this.db.query(`UPDATE login_attempts SET succeeded = true WHERE id = $1`, [attemptId]);
  }

  /** Old rows are only history; drop them once out of every window. */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'`);
  }
}
