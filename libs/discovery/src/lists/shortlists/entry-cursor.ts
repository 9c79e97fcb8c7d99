import { DiscoveryError } from '../../discovery.error.js';

/**
 * Opaque page cursor of a shortlist: the (added_at, account_id) of the last entry shown. added_at travels as
 * PostgreSQL printed it, so no microseconds are lost to a JS Date and no entry is skipped or repeated.
 */
export function encodeEntryCursor(addedAtText: string, accountId: string): string {
  return Buffer.from(JSON.stringify([addedAtText, accountId])).toString('base64url');
}

export function decodeEntryCursor(cursor: string): { addedAt: string; accountId: string } {
  try {
    const [addedAt, accountId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof addedAt === 'string' && !Number.isNaN(Date.parse(addedAt)) && typeof accountId === 'string' && /^\d{1,18}$/.test(accountId)) return { addedAt, accountId };
  } catch {
    // fall through to the error below
  }
  throw DiscoveryError.badInput('This page cursor is not one Renown gave out: pass the endCursor of the previous page, or omit `after` to start over.');
}
