import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DATABASE_URL, logger } from '@renown/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { UserActor } from '../auth/actor.js';

/** The channel the triggers of migration 1763710000004 notify on: a user id, or `*` for everyone. */
export const AUTH_CHANGES_CHANNEL = 'renown_auth';
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = [250, 1_000, 5_000, 15_000];
/** How often the listener proves it still hears announcements, and how long a proof may take. */
const HEARTBEAT_MS = 5_000;
const HEARD_WITHIN_MS = 2_000;

interface Entry {
  actor: Readonly<UserActor>;
  validUntil: number;
}

/**
 * Who is behind a session token, remembered for a few seconds (SESSION_CACHE_SECONDS) so an API process does
 * not ask PostgreSQL on every request (under load that round trip cost a few percent of the search's
 * throughput and a round trip of its latency). A remembered session must not outlive what ends or narrows it:
 * - every change that can (revocation, expiry moved, brand switched, membership changed or removed, operator
 *   flag, user deleted) is announced by PostgreSQL triggers on channel `renown_auth` when its transaction
 *   commits, and each API process LISTENs on one connection of its own and forgets that user's sessions;
 * - the process that made the change also forgets at once (`forgetUser`), so its own next request sees it;
 * - the listener proves it hears announcements before anything is remembered and every 5 s after (a marker
 *   sent through the app's pool must come back within 2 s: this catches a pooler that accepts LISTEN but never
 *   delivers, and a dead connection TCP has not noticed); nothing is remembered while it is down or unproven,
 *   and all is forgotten when it is lost or comes back, since announcements may have been missed;
 * - nothing is remembered past the session's expiry (by PostgreSQL's clock);
 * - a lookup that was in flight when anything was forgotten is not remembered (it may have read the old state).
 * What remains is the delay of an announcement between processes (well under a millisecond on one host).
 * Unknown tokens are never remembered. SESSION_CACHE_SECONDS=0 turns this off.
 */
@Injectable()
export class SessionCache implements OnModuleDestroy {
  private readonly ttlMs: number;
  private readonly entries = new Map<string, Entry>();
  private readonly keysByUser = new Map<string, Set<string>>();
  /** Bumped whenever anything is forgotten; a lookup stores its answer only if it did not move meanwhile. */
  private generation = 0;
  private state: 'idle' | 'connecting' | 'listening' | 'closed' = 'idle';
  private client?: pg.Client;
  private retry = 0;
  private retryTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private readonly barriers = new Map<string, () => void>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: DataSource,
    @Optional() @Inject(DATABASE_URL) private readonly url?: string,
  ) {
    this.ttlMs = url ? config.SESSION_CACHE_SECONDS * 1000 : 0;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** True while announcements are known to arrive, i.e. while anything may be remembered. */
  get listening(): boolean {
    return this.state === 'listening';
  }

  get(key: string, now = Date.now()): Readonly<UserActor> | undefined {
    if (this.state !== 'listening') return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil <= now) {
      this.delete(key, entry);
      return undefined;
    }
    return entry.actor;
  }

  /** Call before reading a session from PostgreSQL; pass what it returns to `set`. Starts listening on first use. */
  begin(): number {
    if (this.state === 'idle' && this.enabled) this.connect();
    return this.generation;
  }

  /** Remembers the actor unless anything was forgotten since `begin`; `msLeft`: the session's remaining life. */
  set(key: string, since: number, actor: UserActor, msLeft: number): Readonly<UserActor> {
    const frozen = Object.freeze({ ...actor });
    if (this.state !== 'listening' || since !== this.generation) return frozen;
    const now = Date.now();
    const validUntil = Math.min(now + this.ttlMs, now + msLeft);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest, this.entries.get(oldest)!);
    }
    this.entries.set(key, { actor: frozen, validUntil });
    let keys = this.keysByUser.get(actor.userId);
    if (!keys) this.keysByUser.set(actor.userId, (keys = new Set()));
    keys.add(key);
    return frozen;
  }

  forgetUser(userId: string): void {
    this.generation++;
    for (const key of this.keysByUser.get(userId) ?? []) this.entries.delete(key);
    this.keysByUser.delete(userId);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.keysByUser.clear();
  }

  /**
   * Resolves once this process has heard every announcement committed before the call: it sends a marker
   * through the app's pool and waits for it to come back, since a listener receives announcements in commit
   * order. When it does not come back within 2 s the listener counts as lost (everything is forgotten), which
   * is as good: nothing stale is left to serve. Resolves at once when nothing is remembered anyway.
   */
  async caughtUp(): Promise<void> {
    const client = this.client;
    if (this.state !== 'listening' || !client) return;
    if (!(await this.heard(client))) this.lost(client, new Error('an announcement did not come back within 2 s'));
  }

  async onModuleDestroy(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    clearTimeout(this.heartbeatTimer);
    this.forgetAll();
    this.releaseBarriers();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    this.state = 'connecting';
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'renown-auth-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
    });
    this.client = client;
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => this.received(msg.payload ?? '*'));
    client
      .connect()
      .then(() => client.query(`LISTEN ${AUTH_CHANGES_CHANNEL}`))
      .then(() => this.heard(client))
      .then((heard) => {
        if (this.client !== client || this.state === 'closed') {
          client.end().catch(() => undefined); // closed while connecting
          return;
        }
        if (!heard) throw new Error('LISTEN was accepted but announcements do not arrive (a pooler in transaction mode?)');
        this.forgetAll(); // announcements may have been missed while no one listened
        this.retry = 0;
        this.state = 'listening';
        this.scheduleHeartbeat(client);
      })
      .catch((err: Error) => this.lost(client, err));
  }

  /** Sends a marker through the app's pool; true once it came back on `client`, false after 2 s or on error. */
  private async heard(client: pg.Client): Promise<boolean> {
    const marker = `sync:${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const back = new Promise<boolean>((resolve) => {
      this.barriers.set(marker, () => resolve(this.client === client));
      timer = setTimeout(() => resolve(false), HEARD_WITHIN_MS);
    });
    try {
      await this.db.query(`SELECT pg_notify($1, $2)`, [AUTH_CHANGES_CHANNEL, marker]);
      return await back;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.barriers.delete(marker);
    }
  }

  private scheduleHeartbeat(client: pg.Client): void {
    this.heartbeatTimer = setTimeout(() => {
      if (this.client !== client || this.state !== 'listening') return;
      void this.heard(client).then((ok) => {
        if (ok) this.scheduleHeartbeat(client);
        else this.lost(client, new Error('an announcement did not come back within 2 s'));
      });
    }, HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  /** The listener is gone or deaf: remember nothing until a new one has proved it hears. */
  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client || this.state === 'closed') {
      client.end().catch(() => undefined);
      return;
    }
    if (err) logger.warn({ event: 'session-cache.listener-lost', err: err.message }, 'sessions not remembered until the listener is back');
    this.client = undefined;
    this.state = 'connecting';
    this.forgetAll();
    this.releaseBarriers();
    clearTimeout(this.heartbeatTimer);
    client.end().catch(() => undefined);
    const delay = RECONNECT_MS[Math.min(this.retry++, RECONNECT_MS.length - 1)];
    this.retryTimer = setTimeout(() => this.state === 'connecting' && this.connect(), delay);
    this.retryTimer.unref();
  }

  private received(payload: string): void {
    if (payload.startsWith('sync:')) {
      this.barriers.get(payload)?.();
    } else if (payload === '*') {
      this.forgetAll();
    } else {
      this.forgetUser(payload);
    }
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    const keys = this.keysByUser.get(entry.actor.userId);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByUser.delete(entry.actor.userId);
  }

  /** Nothing is remembered once the listener is lost, so whoever waits has nothing stale to fear. */
  private releaseBarriers(): void {
    for (const done of this.barriers.values()) done();
    this.barriers.clear();
  }
}
