import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

// PostgreSQL COPY text format (tab-separated, \N for null): the binary format's readers and writers are in
// copy-binary-reader.ts and copy-binary-writer.ts.

/** Reads COPY ... TO STDOUT text rows, calling onRow with the split fields (\N → null). */
export async function copyOut(client: pg.PoolClient, sql: string, onRow: (f: (string | null)[]) => void) {
  const stream = client.query(copyStreams.to(sql));
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + chunk.toString('utf8');
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      onRow(line.split('\t').map((f) => (f === '\\N' ? null : f)));
    }
    rest = text.slice(start);
  }
}

/** COPY text-format escaping of one field. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
