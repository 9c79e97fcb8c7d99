import { Injectable } from '@nestjs/common';
import type { Narrow, RowOf } from '@renown/core';
import type { EntityManager } from 'typeorm';
import type { BrandRole } from '../auth/actor.js';
import { BrandScopedRepository } from '../brand-scope/brand-scoped-repository.js';
import type { BrandId } from '../brand-scope/brand-id.js';

export type BrandRow = RowOf<'brands', 'id' | 'name' | 'created_at'>;

export type MemberRow = Narrow<RowOf<'memberships', 'user_id' | 'role' | 'created_at'>, { role: BrandRole }> & RowOf<'users', 'email' | 'name'>;

/** The brand row itself and its memberships: both keyed by the brand id. */
@Injectable()
export class BrandsRepository extends BrandScopedRepository {
  async create(name: string, em: EntityManager): Promise<BrandRow> {
    const [row]: BrandRow[] = await em.query(`INSERT INTO brands (name) VALUES ($1) RETURNING id, name, created_at`, [name]);
    return row;
  }

  findById(brandId: BrandId, em?: EntityManager): Promise<BrandRow | undefined> {
    return this.queryOne<BrandRow>(brandId, `SELECT id, name, created_at FROM brands WHERE id = $1`, [], em);
  }

  rename(brandId: BrandId, name: string): Promise<BrandRow | undefined> {
    return this.queryOne<BrandRow>(brandId, `UPDATE brands SET name = $2, updated_at = now() WHERE id = $1 RETURNING id, name, created_at`, [name]);
  }

  async addMember(brandId: BrandId, userId: string, role: BrandRole, em?: EntityManager): Promise<void> {
    await this.query(brandId, `INSERT INTO memberships (brand_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (brand_id, user_id) DO NOTHING`, [userId, role], em);
  }

  listMembers(brandId: BrandId): Promise<MemberRow[]> {
    return this.query<MemberRow>(
      brandId,
      `SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.brand_id = $1 ORDER BY m.created_at, u.email`,
    );
  }

  findMember(brandId: BrandId, userId: string, em?: EntityManager): Promise<MemberRow | undefined> {
    return this.queryOne<MemberRow>(
      brandId,
      `SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.brand_id = $1 AND m.user_id::text = $2 FOR UPDATE OF m`,
      [userId],
      em,
    );
  }

  async setRole(brandId: BrandId, userId: string, role: BrandRole, em: EntityManager): Promise<void> {
    await this.query(brandId, `UPDATE memberships SET role = $3 WHERE brand_id = $1 AND user_id = $2`, [userId, role], em);
  }

  async removeMember(brandId: BrandId, userId: string, em: EntityManager): Promise<void> {
    await this.query(brandId, `DELETE FROM memberships WHERE brand_id = $1 AND user_id = $2`, [userId], em);
  }

  /** Locks the brand's owners so two concurrent demotions cannot leave a brand without one. */
  async countOwnersForUpdate(brandId: BrandId, em: EntityManager): Promise<number> {
    const rows = await this.query<RowOf<'memberships', 'user_id'>>(brandId, `SELECT user_id FROM memberships WHERE brand_id = $1 AND role = 'owner' FOR UPDATE`, [], em);
    return rows.length;
  }
}
