import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobHandler, logger } from '@renown/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { hashClaimToken, looksLikeClaimToken, newClaimToken } from '../invitations/claim-token.js';
import { CampaignMailer } from '../mail/campaign-mailer.js';
import { renderCampaignMail } from '../mail/render-campaign-mail.js';
import { sqlOne, sqlRows } from '../sql-rows.js';

export const CHECK_HANDLE_PROOFS_QUEUE = 'campaigns.check-handle-proofs';
const TOKEN_DAYS = 7;
export const CREATOR_PLATFORMS = ['twitter', 'bluesky', 'mastodon'] as const;

export interface CreatorHandle {
  platform: string;
  handle: string;
  proofCode: string;
  provenAt: Date | null;
}

export interface CreatorView {
  email: string;
  verifiedAt: Date;
  handles: CreatorHandle[];
}

/**
 * Influencers who come to Renown themselves: they give an email (verified by a mailed link, which then
 * serves for 7 days as their key: no password), then prove each handle by posting a short code from it.
 * The proof is a query over ingested posts (the ingestion pipeline sees the post; nobody types "yes").
 * A proven handle makes the creator invitable by any brand that targets that account (consent basis:
 * self_registered).
 */
@Injectable()
export class CreatorSignupService {
  constructor(
    private readonly ds: DataSource,
    private readonly mailer: CampaignMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Always answers the same, whether or not the address is known (no enumeration). */
  async start(emailInput: string): Promise<void> {
    const email = emailInput.trim().toLowerCase();
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email) || email.length > 254) {
      throw CampaignsError.badInput('Enter your email address, like name@example.com', { fields: { email: 'Enter a valid email address' } });
    }
    const { token, hash } = newClaimToken();
    await this.ds.transaction(async (em) => {
      // One link per address per 10 minutes: the page cannot be used to flood someone's inbox.
      const recent = await sqlOne(em, `SELECT 1 FROM creator_signups WHERE email = $1 AND email_token_expires_at > now() + make_interval(days => $2) - interval '10 minutes' FOR UPDATE`, [email, TOKEN_DAYS]);
      if (recent) return;
      const row = await sqlOne<{ id: string }>(
        em,
        `INSERT INTO creator_signups (email, email_token_hash, email_token_expires_at) VALUES ($1, $2, now() + make_interval(days => $3))
         ON CONFLICT (email) DO UPDATE SET email_token_hash = EXCLUDED.email_token_hash, email_token_expires_at = EXCLUDED.email_token_expires_at
         RETURNING id`,
        [email, hash, TOKEN_DAYS],
      );
      const url = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/creators/verify/${token}`;
      await this.mailer.enqueue(em, {
        kind: 'campaigns.creator-verify',
        brandId: null,
        to: email,
        dedupeKey: `creator-verify:${row!.id}:${hash.toString('hex').slice(0, 16)}`,
        render: (unsubscribeUrl) =>
          renderCampaignMail({
            brandName: 'Renown',
            unsubscribeUrl,
            subject: 'Confirm your email for Renown',
            paragraphs: ['Confirm your email address to receive perk invitations from brands on Renown.', `The link works for ${TOKEN_DAYS} days; use it again to add or check your handles.`],
            action: { label: 'Confirm my email', url },
          }),
      });
    });
  }

  private async signupFor(token: string) {
    if (!looksLikeClaimToken(token)) return undefined;
    return sqlOne<{ id: string; email: string; verifiedAt: Date | null }>(
      this.ds.manager,
      `SELECT id, email, email_verified_at AS "verifiedAt" FROM creator_signups WHERE email_token_hash = $1 AND email_token_expires_at > now()`,
      [hashClaimToken(token)],
    );
  }

  /** Verifies the address (first use) and returns what the creator has registered; null for a bad or expired link. */
  async verify(token: string): Promise<CreatorView | null> {
    const s = await this.signupFor(token);
    if (!s) return null;
    const verified = await sqlOne<{ at: Date }>(this.ds.manager, `UPDATE creator_signups SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1 RETURNING email_verified_at AS at`, [s.id]);
    const handles = await sqlRows<CreatorHandle>(
      this.ds.manager,
      `SELECT platform, handle, proof_code AS "proofCode", proven_at AS "provenAt" FROM creator_handle_claims WHERE signup_id = $1 ORDER BY id`,
      [s.id],
    );
    return { email: s.email, verifiedAt: verified!.at, handles };
  }

  /** Registers a handle to prove; returns the code to post from it. Idempotent per handle. */
  async addHandle(token: string, platformInput: string, handleInput: string): Promise<CreatorHandle> {
    const s = await this.signupFor(token);
    if (!s?.verifiedAt) throw CampaignsError.notFound('Sign-up link', 'given');
    const platform = platformInput.trim().toLowerCase();
    const handle = handleInput.trim().replace(/^@/, '');
    const fields: Record<string, string> = {};
    if (!(CREATOR_PLATFORMS as readonly string[]).includes(platform)) fields.platform = `Choose one of ${CREATOR_PLATFORMS.join(', ')}`;
    if (!/^[\w.\-@]{1,100}$/.test(handle)) fields.handle = 'Enter your handle, like @name';
    if (Object.keys(fields).length) throw CampaignsError.badInput('Some fields need attention.', { fields });
    const code = `renown-${randomBytes(5).toString('hex')}`;
    await this.ds.query(
      `INSERT INTO creator_handle_claims (signup_id, platform, handle, proof_code) VALUES ($1, $2, $3, $4) ON CONFLICT (signup_id, platform, handle) DO NOTHING`,
      [s.id, platform, handle, code],
    );
    return (await sqlOne<CreatorHandle>(
      this.ds.manager,
      `SELECT platform, handle, proof_code AS "proofCode", proven_at AS "provenAt" FROM creator_handle_claims WHERE signup_id = $1 AND platform = $2 AND handle = $3`,
      [s.id, platform, handle],
    ))!;
  }

  /**
   * The ownership check, as a query over ingested posts: a pending handle is proven by a post authored by
   * the account with that platform and handle whose text carries the code, posted after the code was issued.
   */
  @JobHandler(CHECK_HANDLE_PROOFS_QUEUE, { cron: '*/10 * * * *' })
  async checkProofs(): Promise<number> {
    const proven = await sqlRows(
      this.ds.manager,
      `UPDATE creator_handle_claims h
          SET social_account_id = m.account_id, proven_by_post_id = m.post_id, proven_at = now()
         FROM (SELECT DISTINCT ON (h2.id) h2.id, a.id AS account_id, p.id AS post_id
                 FROM creator_handle_claims h2
                 JOIN social_accounts a ON a.platform = h2.platform AND lower(a.handle) = lower(h2.handle)
                 JOIN posts p ON p.author_account_id = a.id AND p.posted_at >= h2.created_at - interval '5 minutes'
                WHERE h2.proven_at IS NULL AND p.text ILIKE '%' || h2.proof_code || '%'
                ORDER BY h2.id, p.posted_at) m
        WHERE h.id = m.id
        RETURNING h.id`,
    );
    if (proven.length) logger.info({ proven: proven.length }, 'creator handles proven');
    return proven.length;
  }
}
