import { Injectable } from '@nestjs/common';
import type { Narrow, RowOf } from '@renown/core';
import type { EntityManager } from 'typeorm';
import type { BrandRole } from '../auth/actor.js';
import { BrandScopedRepository } from '../brand-scope/brand-scoped-repository.js';
import type { BrandId } from '../brand-scope/brand-id.js';

export type InvitationRow = Narrow<
  RowOf<'team_invitations', 'id' | 'brand_id' | 'email' | 'role' | 'created_at' | 'expires_at' | 'used_at' | 'revoked_at'>,
  { role: BrandRole }
>;

const COLUMNS = 'id, brand_id, email, role, created_at, expires_at, used_at, revoked_at';

@Injectable()
export class InvitationsRepository extends BrandScopedRepository {
  async create(brandId: BrandId, email: string, role: BrandRole, tokenHash: Buffer, invitedBy: string, ttlDays: number, em: EntityManager): Promise<InvitationRow> {
    const row = await this.queryOne<InvitationRow>(
      brandId,
      `INSERT INTO team_invitations (brand_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) RETURNING ${COLUMNS}`,
      [email, role, tokenHash, invitedBy, ttlDays],
      em,
    );
    return row!;
  }

  listPending(brandId: BrandId): Promise<InvitationRow[]> {
    return this.query<InvitationRow>(
      brandId,
      `SELECT ${COLUMNS} FROM team_invitations
        WHERE brand_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC`,
    );
  }

  revoke(brandId: BrandId, id: string): Promise<InvitationRow | undefined> {
    return this.queryOne<InvitationRow>(
      brandId,
      `UPDATE team_invitations SET revoked_at = COALESCE(revoked_at, now())
        WHERE brand_id = $1 AND id::text = $2 AND used_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    );
  }

  /** Marks a pending invitation used and returns it; the token is the capability, so the brand comes from it. */
  async claimByTokenHash(tokenHash: Buffer, em: EntityManager): Promise<InvitationRow | undefined> {
    const [row] = await this.unscopedQuery<InvitationRow>(
      'accepting an invitation: the emailed token decides the brand',
      `UPDATE team_invitations SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING ${COLUMNS}`,
      [tokenHash],
      em,
    );
    return row;
  }
}
