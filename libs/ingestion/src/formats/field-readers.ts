/** Small, total readers for untrusted payload fields: they return null instead of throwing. */

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v.length ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return null;
}

/** A platform id: string digits or any non-empty string; numbers only when they are exactly representable. */
export function id(v: unknown): string | null {
  if (typeof v === 'string') return v.length ? v : null;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}

export function count(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(Math.trunc(v));
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
  return null;
}

export function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** An ISO-8601 timestamp from any date the platforms use (ISO strings, Twitter v1.1 "Thu Nov 08 02:31:41 +0000 2012"). */
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function isoTime(v: unknown): string | null {
  if (typeof v !== 'string' || !v) return null;
  if (CANONICAL_ISO.test(v)) return v; // already what toISOString() would give: skip a parse and an allocation
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function obj(v: unknown): Record<string, any> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : null;
}

export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

export function uniq<T>(values: (T | null | undefined)[]): T[] {
  // Most lists are empty or one item (a tweet's hashtags, mentions, urls): no Set for those.
  if (values.length === 0) return [];
  if (values.length === 1) return values[0] === null || values[0] === undefined ? [] : [values[0]];
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}

export function hashtag(v: unknown): string | null {
  const s = str(v);
  return s ? s.replace(/^#/, '').toLowerCase() : null;
}
