import { Injectable } from '@nestjs/common';
import type { Narrow, RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { AccountsError } from '../accounts.error.js';
import type { BrandRole } from '../auth/actor.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import { checkName } from '../sign-up/validate-account-input.js';
import { BrandsRepository, type BrandRow } from './brands.repository.js';

@Injectable()
export class BrandsService {
  constructor(
    private readonly db: DataSource,
    private readonly brands: BrandsRepository,
  ) {}

  async getOrFail(brandId: BrandId): Promise<BrandRow> {
    const brand = await this.brands.findById(brandId);
    if (!brand) throw AccountsError.notFound('Brand');
    return brand;
  }

  async rename(brandId: BrandId, name: string): Promise<BrandRow> {
    const brand = await this.brands.rename(brandId, checkName(name, 'brand name'));
    if (!brand) throw AccountsError.notFound('Brand');
    return brand;
  }

  /** The brands a person belongs to (for the brand switcher). Per user, not per brand. */
  listForUser(userId: string): Promise<Array<BrandRow & Narrow<RowOf<'memberships', 'role'>, { role: BrandRole }>>> {
    return this.db.query(
      `SELECT b.id, b.name, b.created_at, m.role FROM memberships m JOIN brands b ON b.id = m.brand_id WHERE m.user_id = $1 ORDER BY b.name`,
      [userId],
    );
  }

  async getUser(userId: string): Promise<RowOf<'users', 'id' | 'email' | 'name' | 'email_verified_at' | 'is_operator'>> {
    const [user]: Array<RowOf<'users', 'id' | 'email' | 'name' | 'email_verified_at' | 'is_operator'>> = await this.db.query(`SELECT id, email, name, email_verified_at, is_operator FROM users WHERE id = $1`, [userId]);
    if (!user) throw AccountsError.unauthenticated();
    return user;
  }
}
