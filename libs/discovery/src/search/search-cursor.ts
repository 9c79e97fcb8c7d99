import { DiscoveryError } from '../discovery.error.js';

/** A cursor names a stored search and a position in its ranking: opaque to clients. */
export function encodeSearchCursor(searchId: string, position: number): string {
  return Buffer.from(`${searchId}:${position}`).toString('base64url');
}

export function decodeSearchCursorOrThrow(cursor: string): { searchId: string; position: number } {
  const m = /^([0-9a-f-]{36}):(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw DiscoveryError.badInput('This cursor is not one Renown gave out: pass an endCursor or edge cursor from a previous page.', { field: 'after' });
  return { searchId: m[1], position: Number(m[2]) };
}
