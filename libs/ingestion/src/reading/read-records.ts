import type { Readable } from 'node:stream';
import type { RawRecord } from '../model/graph-observation.js';

const NEWLINE = 0x0a;

/**
 * Lines of a byte stream with their 1-based number and byte offset, without holding more than one chunk plus
 * one partial line in memory. Empty lines are skipped (but counted). A last line without a newline is flagged
 * `unterminated`, so a parse failure there can be reported as a truncated file.
 */
export async function* readLines(stream: Readable): AsyncGenerator<RawRecord> {
  let carry: Buffer | null = null;
  let carryOffset = 0;
  let line = 0;
  let offset = 0; // byte offset of the start of `carry` or of the current chunk
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const base = carry ? carryOffset : offset;
    offset = base + buf.length;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0) break;
      line++;
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end > start) yield { raw: buf.toString('utf8', start, end), position: { line, byteOffset: base + start } };
      start = nl + 1;
    }
    if (start < buf.length) {
      carry = buf.subarray(start);
      carryOffset = base + start;
    } else {
      carry = null;
    }
  }
  if (carry && carry.length > 0) {
    line++;
    const text = carry.toString('utf8');
    if (text.trim()) yield { raw: text, position: { line, byteOffset: carryOffset }, unterminated: true };
  }
}

/** The whole stream as one record (for pretty-printed JSON documents, which are small API responses). */
export async function* readWholeDocument(stream: Readable, maxBytes: number): AsyncGenerator<RawRecord> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new RangeError(`a JSON document over ${maxBytes} bytes cannot be read whole; convert it to JSON Lines (one object per line)`);
    }
    chunks.push(chunk);
  }
  yield { raw: Buffer.concat(chunks).toString('utf8'), position: { line: 1, byteOffset: 0 } };
}
