import type { As, RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { hashPassword } from '../crypto/password-hasher.js';

export const DEMO_BRAND_NAME = 'Acme Motors';
export const DEMO_OWNER_EMAIL = 'demo@renown.local';
/** Documented in the README: the demo is local-only, the password is meant to be known. */
export const DEMO_OWNER_PASSWORD = 'renown-demo-2026';

/**
 * Idempotent: creates the demo brand "Acme Motors" and its confirmed owner only if the owner does not exist.
 * Returns the brand id (for other domains' demo data) and whether anything was created.
 */
export async function seedDemoBrand(dataSource: DataSource): Promise<{ brandId: string; userId: string; created: boolean }> {
  return dataSource.transaction(async (em) => {
    // Serialises concurrent seeds (two starts at once) without a unique brand name.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('renown:seed-demo-brand'))`);
    const [existing]: Array<As<'users', { user_id: 'id' }> & RowOf<'memberships', 'brand_id'>> = await em.query(
      `SELECT u.id AS user_id, m.brand_id FROM users u JOIN memberships m ON m.user_id = u.id AND m.role = 'owner'
        JOIN brands b ON b.id = m.brand_id WHERE u.email = $1 AND b.name = $2 LIMIT 1`,
      [DEMO_OWNER_EMAIL, DEMO_BRAND_NAME],
    );
    if (existing) return { brandId: existing.brand_id, userId: existing.user_id, created: false };
    const hash = await hashPassword(DEMO_OWNER_PASSWORD);
    const [user]: Array<RowOf<'users', 'id'>> = await em.query(
      `INSERT INTO users (email, name, password_hash, email_verified_at) VALUES ($1, 'Demo Owner', $2, now())
       ON CONFLICT (email) DO UPDATE SET email_verified_at = COALESCE(users.email_verified_at, now()) RETURNING id`,
      [DEMO_OWNER_EMAIL, hash],
    );
    const [brand]: Array<RowOf<'brands', 'id'>> = await em.query(`INSERT INTO brands (name) VALUES ($1) RETURNING id`, [DEMO_BRAND_NAME]);
    await em.query(`INSERT INTO memberships (brand_id, user_id, role) VALUES ($1, $2, 'owner')`, [brand.id, user.id]);
    return { brandId: brand.id, userId: user.id, created: true };
  });
}
