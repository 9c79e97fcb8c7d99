import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a secret, the only form in which tokens and API keys are stored. */
export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** 32 random bytes, base64url: the secret carried by emailed links and session tokens. */
export function newSecretToken(prefix = ''): { token: string; hash: Buffer } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export const API_KEY_PREFIX = 'rnk_';
export const SESSION_TOKEN_PREFIX = 'rns_';
/** How much of an API key stays visible in lists ("rnk_AbCdEfGh"): enough to recognise it, useless to use. */
export const API_KEY_VISIBLE_CHARS = 12;

export function newApiKeySecret() {
  const { token, hash } = newSecretToken(API_KEY_PREFIX);
  return { secret: token, hash, prefix: token.slice(0, API_KEY_VISIBLE_CHARS) };
}
