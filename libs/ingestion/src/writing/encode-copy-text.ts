/**
 * PostgreSQL COPY text format (tab-separated, \N for null) for the staging tables. Strings lose NUL characters,
 * which PostgreSQL text and jsonb cannot hold.
 */
const SPECIAL = /[\\\n\r\t\u0000]/;

export function escapeCopyText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/\u0000/g, '').replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** A PostgreSQL array literal for text[] / bigint[] ({"a","b"}). */
export function arrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    out += '"' + values[i].replace(/\u0000/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }
  return out + '}';
}

/** JSON text without NUL characters (jsonb refuses \u0000); the replacer pass only when the plain text has one. */
function jsonWithoutNul(v: unknown): string {
  const json = JSON.stringify(v);
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(v, (_k, x) => (typeof x === 'string' ? x.replace(/\u0000/g, '') : x));
}

export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return escapeCopyText(v);
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return escapeCopyText(arrayLiteral(v));
      return escapeCopyText(jsonWithoutNul(v));
  }
}

export function copyRow(values: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i ? '\t' : '') + copyValue(values[i]);
  return out + '\n';
}
