import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DATABASE_URL, logger } from '@renown/core';
import pg from 'pg';
import type { UserActor } from '../auth/actor.js';

/** The channel the triggers of migration 1763710000004 notify on: a user id, or `*` for everyone. */
export const AUTH_CHANGES_CHANNEL = 'renown_auth';
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = [250, 1_000, 5_000, 15_000];

interface Entry {
  actor: Readonly<UserActor>;
  validUntil: number;
}

/**
 * Who is behind a session token, remembered for a few seconds (SESSION_CACHE_SECONDS) so an API process does
 * not ask PostgreSQL on every request (under load that round trip cost about a tenth of the search's
 * throughput). It must never let a session outlive what ends or narrows it:
 * - every change that can (revocation, expiry moved, brand switched, membership changed or removed, operator
 *   flag, user deleted) is announced by PostgreSQL triggers on channel `renown_auth` when its transaction
 *   commits, and each API process LISTENs on one connection of its own and forgets that user's sessions;
 * - the process that made the change also forgets at once (`forgetUser`), so its own next request sees it;
 * - nothing is remembered while that connection is down (and all is forgotten when it comes back, since
 *   announcements may have been missed), nor past the session's expiry;
 * - a lookup that was in flight when anything was forgotten is not remembered (it may have read the old state).
 * What remains is the delay of a notification between processes (well under a millisecond on one host).
 * Unknown tokens are never remembered. SESSION_CACHE_SECONDS=0 turns this off (e.g. behind a pooler that
 * cannot LISTEN).
 */
@Injectable()
export class SessionCache implements OnModuleDestroy {
  private readonly ttlMs: number;
  private readonly entries = new Map<string, Entry>();
  /** Bumped whenever anything is forgotten; a lookup stores its answer only if it did not move meanwhile. */
  private generation = 0;
  private state: 'idle' | 'connecting' | 'listening' | 'closed' = 'idle';
  private client?: pg.Client;
  private retry = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly barriers = new Map<string, () => void>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(DATABASE_URL) private readonly url?: string,
  ) {
    this.ttlMs = url ? config.SESSION_CACHE_SECONDS * 1000 : 0;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** True while announcements are being received, i.e. while anything may be remembered. */
  get listening(): boolean {
    return this.state === 'listening';
  }

  get(key: string, now = Date.now()): Readonly<UserActor> | undefined {
    if (this.state !== 'listening') return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.actor;
  }

  /** Call before reading a session from PostgreSQL; pass what it returns to `set`. Starts listening on first use. */
  begin(): number {
    if (this.state === 'idle' && this.enabled) this.connect();
    return this.generation;
  }

  set(key: string, since: number, actor: UserActor, expiresAt: Date): Readonly<UserActor> {
    const frozen = Object.freeze({ ...actor });
    if (this.state !== 'listening' || since !== this.generation) return frozen;
    const validUntil = Math.min(Date.now() + this.ttlMs, expiresAt.getTime());
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { actor: frozen, validUntil });
    return frozen;
  }

  forgetUser(userId: string): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(key);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  /**
   * Resolves once every change committed before the call has been received here: it announces a marker through
   * `notify` (any connection) and waits for it to come back, since a listener receives announcements in commit
   * order. For tools and tests that change sessions with plain SQL and then act on the result at once.
   */
  async caughtUp(notify: (sql: string, params: unknown[]) => Promise<unknown>): Promise<void> {
    if (this.state !== 'listening') return;
    const marker = `sync:${randomUUID()}`;
    const seen = new Promise<void>((resolve) => this.barriers.set(marker, resolve));
    await notify(`SELECT pg_notify($1, $2)`, [AUTH_CHANGES_CHANNEL, marker]);
    await seen;
  }

  async onModuleDestroy(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    this.forgetAll();
    this.releaseBarriers();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    this.state = 'connecting';
    const client = new pg.Client({ connectionString: this.url, application_name: 'renown-auth-listener', keepAlive: true });
    this.client = client;
    const lost = (err?: Error) => {
      if (this.client !== client || this.state === 'closed') {
        client.end().catch(() => undefined);
        return;
      }
      if (err) logger.warn({ event: 'session-cache.listener-lost', err: err.message }, 'session cache off until the listener reconnects');
      this.client = undefined;
      this.state = 'connecting';
      this.forgetAll();
      this.releaseBarriers();
      client.end().catch(() => undefined);
      const delay = RECONNECT_MS[Math.min(this.retry++, RECONNECT_MS.length - 1)];
      this.retryTimer = setTimeout(() => this.state === 'connecting' && this.connect(), delay);
      this.retryTimer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', (msg) => this.received(msg.payload ?? '*'));
    client
      .connect()
      .then(() => client.query(`LISTEN ${AUTH_CHANGES_CHANNEL}`))
      .then(() => {
        if (this.client !== client || this.state === 'closed') {
          client.end().catch(() => undefined); // closed while connecting
          return;
        }
        this.forgetAll(); // announcements may have been missed while no one listened
        this.retry = 0;
        this.state = 'listening';
      })
      .catch((err: Error) => lost(err));
  }

  private received(payload: string): void {
    if (payload.startsWith('sync:')) {
      const done = this.barriers.get(payload);
      this.barriers.delete(payload);
      done?.();
    } else if (payload === '*') {
      this.forgetAll();
    } else {
      this.forgetUser(payload);
    }
  }

  /** Nothing is remembered while not listening, so whoever waits has nothing stale to fear. */
  private releaseBarriers(): void {
    for (const done of this.barriers.values()) done();
    this.barriers.clear();
  }
}
