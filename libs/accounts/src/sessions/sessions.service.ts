import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Nullable, preparedQuery, type RowOf } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountsError } from '../accounts.error.js';
import { type BrandRole, type UserActor } from '../auth/actor.js';
import { asBrandId } from '../brand-scope/brand-id.js';
import { rowsOf } from '../brand-scope/rows-of.js';
import { newSecretToken, SESSION_TOKEN_PREFIX, sha256 } from '../crypto/secret-token.js';
import { SessionCache } from './session-cache.js';

export interface IssuedSession {
  id: string;
  token: string;
  expiresAt: Date;
}

export type SessionRow = RowOf<'sessions', 'id' | 'created_at' | 'last_seen_at' | 'expires_at' | 'user_agent' | 'ip'>;

/** What authenticate reads: the session, its user, and the membership of the chosen brand (gone when removed). */
type AuthenticatedRow = RowOf<'sessions', 'id' | 'user_id' | 'last_seen_at'> & { ms_left: number } & RowOf<'users', 'email' | 'is_operator'> &
  Nullable<RowOf<'memberships', 'brand_id' | 'role'>>;

/** Sessions are per person, not per brand: they carry the brand currently chosen. Only the token's hash is stored. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: SessionCache,
  ) {}

  async issue(userId: string, brandId: string | null, meta: { userAgent?: string; ip?: string }, em: EntityManager = this.db.manager): Promise<IssuedSession> {
    const { token, hash } = newSecretToken(SESSION_TOKEN_PREFIX);
    const [row]: Array<RowOf<'sessions', 'id' | 'expires_at'>> = await em.query(
      `INSERT INTO sessions (user_id, brand_id, token_hash, user_agent, ip, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING id, expires_at`,
      [userId, brandId, hash, meta.userAgent?.slice(0, 300) ?? null, meta.ip ?? null, this.config.SESSION_TTL_SECONDS],
    );
    return { id: row.id, token, expiresAt: row.expires_at };
  }

  /**
   * The actor behind a session token, or null when it is unknown, expired or revoked. Remembered for a few
   * seconds per process (SessionCache: forgotten at once on any change that could end or narrow it).
   */
  async authenticate(token: string): Promise<UserActor | null> {
    const hash = sha256(token);
    const key = hash.toString('base64');
    const remembered = this.cache.get(key);
    if (remembered) return remembered;
    const since = this.cache.begin();
    const [row] = await preparedQuery<AuthenticatedRow>(
      this.db,
      `SELECT s.id, s.user_id, s.last_seen_at, (extract(epoch FROM s.expires_at - now()) * 1000)::float8 AS ms_left,
              u.email, u.is_operator, m.brand_id, m.role
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN memberships m ON m.brand_id = s.brand_id AND m.user_id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hash],
    );
    if (!row) return null;
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [row.id]);
    }
    const actor: UserActor = {
      kind: 'user',
      userId: row.user_id,
      email: row.email,
      sessionId: row.id,
      // A member removed from the brand keeps the session but loses the brand at once.
      brandId: row.brand_id ? asBrandId(row.brand_id) : null,
      role: (row.role as BrandRole) ?? null,
      isOperator: row.is_operator,
    };
    return this.cache.set(key, since, actor, row.ms_left);
  }

  /**
   * Resolves once THIS process has heard of every session, membership or user change committed before the call
   * (by any process or by plain SQL). For tests that change those tables with SQL and then send a request to this
   * process at once; it cannot make other processes catch up.
   */
  async changesSeen(): Promise<void> {
    await this.cache.caughtUp();
  }

  /** This process forgets the user's remembered sessions now; other processes hear of it from PostgreSQL. */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }

  async revoke(sessionId: string): Promise<void> {
    const rows = rowsOf<RowOf<'sessions', 'user_id'>>(
      await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING user_id`, [sessionId]),
    );
    for (const row of rows) this.cache.forgetUser(row.user_id);
  }

  /** Revokes one of the user's own sessions; someone else's session id answers NOT_FOUND. */
  async revokeOwn(userId: string, sessionId: string): Promise<void> {
    const rows = rowsOf(await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id::text = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`, [
      sessionId,
      userId,
    ]));
    if (!rows.length) throw AccountsError.notFound('Session');
    this.cache.forgetUser(userId);
  }

  /** Inside a caller's transaction, the caller also forgets the user (forgetUser) once it has committed. */
  async revokeAllForUser(userId: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    this.cache.forgetUser(userId);
  }

  async listActive(userId: string): Promise<SessionRow[]> {
    return this.db.query(
      `SELECT id, created_at, last_seen_at, expires_at, user_agent, ip FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC`,
      [userId],
    );
  }

  async switchBrand(actor: UserActor, brandId: string): Promise<void> {
    const rows = rowsOf(await this.db.query(
      `UPDATE sessions s SET brand_id = m.brand_id FROM memberships m
        WHERE s.id = $1 AND m.user_id = s.user_id AND m.brand_id::text = $2 RETURNING s.id`,
      [actor.sessionId, brandId],
    ));
    if (!rows.length) throw AccountsError.notFound('Brand');
    this.cache.forgetUser(actor.userId);
  }
}
