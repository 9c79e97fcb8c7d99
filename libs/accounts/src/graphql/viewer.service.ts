import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { asBrandId } from '../brand-scope/brand-id.js';
import { BrandsService } from '../brands/brands.service.js';
import type { BrandRow } from '../brands/brands.repository.js';
import type { InvitationRow } from '../team/invitations.repository.js';
import type { MemberRow } from '../brands/brands.repository.js';
import type { ApiKeyRow } from '../api-keys/api-keys.repository.js';
import { ActorType, type ApiKey, type Brand, type TeamInvitation, type TeamMember, type Viewer } from './account.models.js';

export const toBrand = (b: BrandRow): Brand => ({ id: b.id, name: b.name, createdAt: b.created_at });
export const toMember = (m: MemberRow): TeamMember => ({ userId: m.user_id, email: m.email, name: m.name, role: m.role, joinedAt: m.created_at });
export const toInvitation = (i: InvitationRow): TeamInvitation => ({
  id: i.id,
  email: i.email,
  role: i.role,
  invitedAt: i.created_at,
  expiresAt: i.expires_at,
  revokedAt: i.revoked_at ?? undefined,
});
export const toApiKey = (k: ApiKeyRow): ApiKey => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  kind: k.kind,
  createdBy: k.created_by && k.creator_email !== null ? { userId: k.created_by, name: k.creator_name ?? '', email: k.creator_email } : null,
  createdAt: k.created_at,
  lastUsedAt: k.last_used_at ?? undefined,
  revokedAt: k.revoked_at ?? undefined,
});

/** Builds the `Viewer` shown by `me` and returned with every new session. */
@Injectable()
export class ViewerService {
  constructor(private readonly brands: BrandsService) {}

  async forActor(actor: Actor): Promise<Viewer> {
    if (actor.kind === 'apiKey') {
      return { actorType: ActorType.API_KEY, user: null, brand: toBrand(await this.brands.getOrFail(actor.brandId)), role: null, memberships: [] };
    }
    return this.forUser(actor.userId, actor.brandId);
  }

  async forUser(userId: string, brandId: string | null): Promise<Viewer> {
    const [user, memberships] = await Promise.all([this.brands.getUser(userId), this.brands.listForUser(userId)]);
    const current = memberships.find((m) => m.id === brandId);
    return {
      actorType: ActorType.USER,
      user: { id: user.id, email: user.email, name: user.name, emailVerified: Boolean(user.email_verified_at), isOperator: user.is_operator },
      brand: current ? toBrand(current) : null,
      role: current?.role ?? null,
      memberships: memberships.map((m) => ({ brand: toBrand(m), role: m.role })),
    };
  }

  brand(brandId: string) {
    return this.brands.getOrFail(asBrandId(brandId)).then(toBrand);
  }
}
