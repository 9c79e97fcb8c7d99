import type pg from 'pg';
import type { NetworkName } from '@renown/ingestion';

/**
 * People who told their network not to be read by outside services (Bluesky's `!no-unauthenticated` self-label,
 * Mastodon's `noindex` or `discoverable: false`). Renown remembers them, never crawls them again, and removes
 * what it held: the account, its posts (and with them their engagement) and its edges.
 */
export async function recordOptOut(pool: pg.Pool, platform: NetworkName, externalId: string, handle: string | null, reason: string): Promise<{ removedAccounts: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO network_opt_outs (platform, external_id, handle, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, external_id) DO UPDATE SET handle = COALESCE(EXCLUDED.handle, network_opt_outs.handle), reason = EXCLUDED.reason, seen_at = now()`,
      [platform, externalId, handle, reason],
    );
    const { rows } = await client.query(
      `SELECT id FROM social_accounts WHERE platform = $1 AND (external_id = $2 OR ($3::text IS NOT NULL AND lower(handle) = lower($3)))`,
      [platform, externalId, handle],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length) {
      // Posts keep their author with ON DELETE SET NULL; an opted-out person's posts go with them.
      await client.query(`DELETE FROM posts WHERE author_account_id = ANY($1::bigint[])`, [ids]);
      await client.query(`DELETE FROM social_accounts WHERE id = ANY($1::bigint[])`, [ids]);
    }
    await client.query('COMMIT');
    return { removedAccounts: ids.length };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function isOptedOut(pool: pg.Pool, platform: NetworkName, ref: string): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM network_opt_outs WHERE platform = $1 AND (external_id = $2 OR lower(handle) = lower($2))`, [platform, ref]);
  return rows.length > 0;
}
