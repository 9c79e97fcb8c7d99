import { DiscoveryError } from '../../discovery.error.js';

const MAX_BIGINT = 9223372036854775807n;

/** A Renown account id: digits, within PostgreSQL's bigint. Anything else is a 400 naming the value. */
export function parseAccountId(raw: string, field = 'id'): string {
  if (!/^\d{1,19}$/.test(raw) || BigInt(raw) > MAX_BIGINT || BigInt(raw) === 0n) {
    throw DiscoveryError.badInput(`"${raw.slice(0, 40)}" is not a Renown account id: ids are whole numbers sent as strings, e.g. "1042". Look one up with GET /v1/identity/{platform}/{handle}.`, { field });
  }
  return BigInt(raw).toString();
}

/** Platform names as ingestion stores them: lower-case, e.g. twitter, bluesky, mastodon. */
export function parsePlatform(raw: string): string {
  const platform = raw.trim().toLowerCase();
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(platform)) {
    throw DiscoveryError.badInput(`"${raw.slice(0, 40)}" is not a platform name; use e.g. twitter, bluesky or mastodon.`, { field: 'platform' });
  }
  return platform;
}

/** A handle as typed, with or without its leading @ (matched case-insensitively). */
export function parseHandle(raw: string): string {
  const handle = raw.trim().replace(/^@/, '');
  if (!handle || handle.length > 320) throw DiscoveryError.badInput('Give the handle without spaces, e.g. /v1/identity/twitter/renownhq.', { field: 'handle' });
  return handle;
}

/** `?limit=` of list endpoints: 1 to `max`, `fallback` when absent. */
export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw DiscoveryError.badInput(`limit must be a whole number from 1 to ${max}; got "${raw.slice(0, 20)}".`, { field: 'limit' });
  return n;
}
