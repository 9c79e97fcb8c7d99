import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type As, logger, MailOutbox, type Narrow, type Nullable, type RowOf } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountsError } from '../accounts.error.js';
import { BrandRole } from '../auth/actor.js';
import { BrandsRepository } from '../brands/brands.repository.js';
import { asBrandId } from '../brand-scope/brand-id.js';
import { rowsOf } from '../brand-scope/rows-of.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../crypto/password-hasher.js';
import { newSecretToken, sha256 } from '../crypto/secret-token.js';
import { alreadyRegisteredMail, verifyEmailMail } from '../mail/accounts-mail.js';
import { type IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { checkName, checkNewPassword, normaliseEmail } from './validate-account-input.js';

export interface SignUpInputData {
  email: string;
  password: string;
  name: string;
  brandName: string;
}

export interface RequestMeta {
  ip: string;
  userAgent?: string;
}

export interface LoggedIn {
  session: IssuedSession;
  userId: string;
  brandId: string | null;
  role: BrandRole | null;
}

/** The same words whether the address is new or known: sign-up must not reveal who has an account. */
export const SIGN_UP_ANSWER = 'Check your inbox: we sent a link to confirm your email address.';
export const LOG_IN_REFUSED = 'Email or password is incorrect.';
const VERIFY_TTL_HOURS = 24;

@Injectable()
export class AccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly brands: BrandsRepository,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginRateLimiter,
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new address gets a user, its brand (as owner) and a confirmation link; a known address gets a "you
   * already have an account" mail (or a fresh link if it never confirmed). The caller cannot tell which.
   */
  async signUp(input: SignUpInputData): Promise<string> {
    const email = normaliseEmail(input.email);
    const password = checkNewPassword(input.password);
    const name = checkName(input.name, 'name');
    const brandName = checkName(input.brandName, 'brand name');
    // Hashing happens on both paths, so both take the same time.
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (em) => {
      const created: Array<RowOf<'users', 'id'>> = await em.query(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, name, passwordHash],
      );
      if (created.length) {
        const brand = await this.brands.create(brandName, em);
        await this.brands.addMember(asBrandId(brand.id), created[0].id, BrandRole.OWNER, em);
        await this.sendVerification(em, created[0].id, email, brand.name);
        return;
      }
      const [existing]: Array<RowOf<'users', 'id' | 'email_verified_at'> & Nullable<As<'brands', { brand_name: 'name' }>>> = await em.query(
        `SELECT u.id, u.email_verified_at, b.name AS brand_name FROM users u
           LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN brands b ON b.id = m.brand_id
          WHERE u.email = $1 ORDER BY m.created_at LIMIT 1`,
        [email],
      );
      if (existing.email_verified_at) {
        await this.outbox.enqueue(em, alreadyRegisteredMail(email, `${this.config.PUBLIC_URL}/login`));
      } else {
        await this.sendVerification(em, existing.id, email, existing.brand_name ?? 'your brand');
      }
    });
    return SIGN_UP_ANSWER;
  }

  private async sendVerification(em: EntityManager, userId: string, email: string, brandName: string) {
    const { token, hash } = newSecretToken();
    await em.query(`INSERT INTO email_verifications (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
      userId,
      hash,
      VERIFY_TTL_HOURS,
    ]);
    const url = `${this.config.PUBLIC_URL}/verify-email?token=${encodeURIComponent(token)}`;
    await this.outbox.enqueue(em, verifyEmailMail(email, url, brandName));
  }

  /** Confirms the address behind a link (once, before it expires) and logs the person in. */
  async verifyEmail(token: string, meta: RequestMeta): Promise<LoggedIn> {
    return this.db.transaction(async (em) => {
      const [row] = rowsOf<RowOf<'email_verifications', 'user_id'>>(await em.query(
        `UPDATE email_verifications SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [sha256(String(token ?? ''))],
      ));
      if (!row) throw AccountsError.badInput('This confirmation link is invalid, used or expired. Sign up again to get a new one.');
      await em.query(`UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() WHERE id = $1`, [row.user_id]);
      return this.startSession(row.user_id, meta, em);
    });
  }

  /**
   * One answer for an unknown email and a wrong password, with the same scrypt work for both. Limited per
   * email and per IP (RATE_LIMITED with retryAfterSeconds).
   */
  async logIn(emailInput: string, password: string, meta: RequestMeta): Promise<LoggedIn> {
    const email = String(emailInput ?? '').trim().toLowerCase().slice(0, 254);
    const attemptId = await this.limiter.begin(email, meta.ip);
    const [user]: Array<RowOf<'users', 'id' | 'password_hash' | 'email_verified_at'>> = await this.db.query(`SELECT id, password_hash, email_verified_at FROM users WHERE email = $1`, [email]);
    const ok = await verifyPassword(String(password ?? ''), user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      logger.info({ event: 'login.failed' }, 'login refused');
      throw AccountsError.unauthenticated(LOG_IN_REFUSED);
    }
    await this.limiter.succeeded(attemptId);
    if (!user.email_verified_at) {
      // Only said to someone who knows the password: it reveals nothing to a guesser.
      throw AccountsError.forbidden('Confirm your email first: open the link we mailed you, or sign up again to get a new one.', {
        reason: 'EMAIL_NOT_VERIFIED',
      });
    }
    return this.startSession(user.id, meta);
  }

  /** Changing the password ends every session of the user and starts a fresh one. */
  async changePassword(userId: string, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<LoggedIn> {
    const next = checkNewPassword(newPassword);
    const [user]: Array<RowOf<'users', 'password_hash'>> = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
    if (!user || !(await verifyPassword(String(currentPassword ?? ''), user.password_hash))) {
      throw AccountsError.badInput('Your current password is not correct.', { field: 'currentPassword' });
    }
    const hash = await hashPassword(next);
    const loggedIn = await this.db.transaction(async (em) => {
      await em.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, hash]);
      await this.sessions.revokeAllForUser(userId, em);
      return this.startSession(userId, meta, em);
    });
    this.sessions.forgetUser(userId);
    return loggedIn;
  }

  /** Opens a session on the user's most recently joined brand (switchBrand changes it). */
  async startSession(userId: string, meta: RequestMeta, em: EntityManager = this.db.manager): Promise<LoggedIn> {
    const [m]: Array<Narrow<RowOf<'memberships', 'brand_id' | 'role'>, { role: BrandRole }>> = await em.query(`SELECT brand_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [userId]);
    const session = await this.sessions.issue(userId, m?.brand_id ?? null, { ip: meta.ip, userAgent: meta.userAgent }, em);
    return { session, userId, brandId: m?.brand_id ?? null, role: m?.role ?? null };
  }
}
