import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, MailOutbox, type RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { AccountsError } from '../accounts.error.js';
import { BrandRole, type UserActor } from '../auth/actor.js';
import { BrandsRepository, type MemberRow } from '../brands/brands.repository.js';
import { asBrandId, type BrandId } from '../brand-scope/brand-id.js';
import { hashPassword } from '../crypto/password-hasher.js';
import { newSecretToken, sha256 } from '../crypto/secret-token.js';
import { teamInvitationMail } from '../mail/accounts-mail.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { type LoggedIn, AccountsService, type RequestMeta } from '../sign-up/accounts.service.js';
import { checkName, checkNewPassword, normaliseEmail } from '../sign-up/validate-account-input.js';
import { InvitationsRepository, type InvitationRow } from './invitations.repository.js';

const INVITATION_TTL_DAYS = 7;

export interface AcceptedInvitation {
  brandId: BrandId;
  role: BrandRole;
  /** A session for a person who just created their account; null when they already had one (they log in). */
  loggedIn: LoggedIn | null;
}

/** Invitations by email link, roles and removal. Only an owner can make or unmake an owner; a brand keeps at least one. */
@Injectable()
export class TeamService {
  constructor(
    private readonly db: DataSource,
    private readonly brands: BrandsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  listMembers(brandId: BrandId) {
    return this.brands.listMembers(brandId);
  }

  listInvitations(brandId: BrandId) {
    return this.invitations.listPending(brandId);
  }

  async invite(actor: UserActor, brandId: BrandId, emailInput: string, role: BrandRole): Promise<InvitationRow> {
    const email = normaliseEmail(emailInput);
    this.assertMayGrant(actor, role);
    return this.db.transaction(async (em) => {
      const [already] = await em.query(`SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.brand_id = $1 AND u.email = $2`, [brandId, email]);
      if (already) throw AccountsError.conflict(`${email} is already in this team. Change their role instead.`);
      const brand = await this.brands.findById(brandId, em);
      const { token, hash } = newSecretToken();
      const invitation = await this.invitations.create(brandId, email, role, hash, actor.userId, INVITATION_TTL_DAYS, em);
      const url = `${this.config.PUBLIC_URL}/accept-invitation?token=${encodeURIComponent(token)}`;
      await this.outbox.enqueue(em, {
        ...teamInvitationMail(email, url, brand!.name, role, actor.email),
        brandId,
        dedupeKey: `team-invitation:${invitation.id}`,
      });
      return invitation;
    });
  }

  async revokeInvitation(brandId: BrandId, id: string): Promise<InvitationRow> {
    const row = await this.invitations.revoke(brandId, id);
    if (!row) throw AccountsError.notFound('Invitation');
    return row;
  }

  /**
   * The emailed token proves the address. A new person gives a name and password and is logged in; someone
   * who already has an account joins the brand and logs in as usual.
   */
  async accept(token: string, name: string | undefined, password: string | undefined, meta: RequestMeta): Promise<AcceptedInvitation> {
    const accepted = await this.db.transaction(async (em) => {
      const invitation = await this.invitations.claimByTokenHash(sha256(String(token ?? '')), em);
      if (!invitation) throw AccountsError.badInput('This invitation link is invalid, used, revoked or expired. Ask the team for a new one.');
      const brandId = asBrandId(invitation.brand_id);
      let [user]: Array<RowOf<'users', 'id'>> = await em.query(`SELECT id FROM users WHERE email = $1`, [invitation.email]);
      let loggedIn: LoggedIn | null = null;
      await (async () => {
        if (user) return;
        if (!password) throw AccountsError.badInput('Choose a password to create your account.', { field: 'password' });
        const hash = await hashPassword(checkNewPassword(password));
        [user] = await em.query(
          `INSERT INTO users (email, name, password_hash, email_verified_at) VALUES ($1, $2, $3, now()) RETURNING id`,
          [invitation.email, checkName(name, 'name'), hash],
        );
        await this.brands.addMember(brandId, user.id, invitation.role, em);
        loggedIn = await this.accounts.startSession(user.id, meta, em);
      })();
      await this.brands.addMember(brandId, user.id, invitation.role, em);
      return { brandId, role: invitation.role, loggedIn, userId: user.id };
    });
    this.sessions.forgetUser(accepted.userId);
    return { brandId: accepted.brandId, role: accepted.role, loggedIn: accepted.loggedIn };
  }

  async changeRole(actor: UserActor, brandId: BrandId, userId: string, role: BrandRole): Promise<MemberRow> {
    const changed = await this.db.transaction(async (em) => {
      const member = await this.brands.findMember(brandId, userId, em);
      if (!member) throw AccountsError.notFound('Team member');
      if (member.role === BrandRole.OWNER || role === BrandRole.OWNER) this.assertMayGrant(actor, BrandRole.OWNER);
      if (member.role === BrandRole.OWNER && role !== BrandRole.OWNER && (await this.brands.countOwnersForUpdate(brandId, em)) <= 1) {
        throw AccountsError.conflict('A brand needs at least one owner. Make someone else owner first.');
      }
      await this.brands.setRole(brandId, member.user_id, role, em);
      return { ...member, role };
    });
    this.sessions.forgetUser(changed.user_id);
    return changed;
  }

  async remove(actor: UserActor, brandId: BrandId, userId: string): Promise<void> {
    const removed = await this.db.transaction(async (em) => {
      const member = await this.brands.findMember(brandId, userId, em);
      if (!member) throw AccountsError.notFound('Team member');
      if (member.role === BrandRole.OWNER) {
        this.assertMayGrant(actor, BrandRole.OWNER);
        if ((await this.brands.countOwnersForUpdate(brandId, em)) <= 1) {
          throw AccountsError.conflict('A brand needs at least one owner. Make someone else owner first.');
        }
      }
      await this.brands.removeMember(brandId, member.user_id, em);
      return member.user_id;
    });
    this.sessions.forgetUser(removed);
  }

  private assertMayGrant(actor: UserActor, role: BrandRole) {
    if (role === BrandRole.OWNER && actor.role !== BrandRole.OWNER) {
      throw AccountsError.forbidden('Only an owner can make or change an owner.');
    }
  }
}
