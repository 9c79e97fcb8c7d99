import { Injectable, Module } from '@nestjs/common';
import { JobHandler, logger } from '@renown/core';
import { DataSource } from 'typeorm';
import { rowsOf } from './brand-scope/rows-of.js';

/** Rows kept this long after they stop mattering, for support questions ("was I logged out?"). */
const KEEP_DAYS = 30;

/**
 * Hourly clean-up in the worker: login attempts out of every rate-limit window, and sessions, confirmation
 * links and invitations long expired or used. Idempotent; nothing here is needed for correctness.
 */
@Injectable()
export class AccountsMaintenanceJobs {
  constructor(private readonly db: DataSource) {}

  @JobHandler('accounts.prune', { cron: '17 * * * *' })
  async prune(): Promise<void> {
    const counts: Record<string, number> = {};
    const run = async (name: string, sql: string, params: unknown[] = []) => {
      counts[name] = rowsOf(await this.db.query(`${sql} RETURNING 1`, params)).length;
    };
    await run('loginAttempts', `DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'`);
    await run('sessions', `DELETE FROM sessions WHERE COALESCE(revoked_at, expires_at) < now() - make_interval(days => $1)`, [KEEP_DAYS]);
    await run('emailVerifications', `DELETE FROM email_verifications WHERE COALESCE(used_at, expires_at) < now() - make_interval(days => $1)`, [KEEP_DAYS]);
    await run('teamInvitations', `DELETE FROM team_invitations WHERE COALESCE(used_at, revoked_at, expires_at) < now() - make_interval(days => $1)`, [KEEP_DAYS]);
    logger.info({ deleted: counts }, 'accounts clean-up');
  }
}

/** The accounts library's worker side (register in apps/worker/src/worker.module.ts). */
@Module({ providers: [AccountsMaintenanceJobs] })
export class AccountsWorkerModule {}
