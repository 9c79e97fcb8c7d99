import { createHash, randomBytes } from 'node:crypto';

/**
 * A claim link carries 32 random bytes (base64url, 43 characters); only their SHA-256 is stored, so a
 * leaked database cannot be turned into working links.
 */
export function newClaimToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashClaimToken(token) };
}

export function hashClaimToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Cheap shape check before touching the database: 43 base64url characters. */
export function looksLikeClaimToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
