/**
 * Encodes rows for `COPY ... FROM STDIN (FORMAT binary)`. Values go into one growing buffer as PostgreSQL's
 * send/recv formats expect them (big-endian numbers, arrays with their element type), so neither side turns
 * numbers into text and back: at a million snapshot rows a day, formatting and parsing the text form of
 * the number arrays was most of the write.
 *
 * Usage: `header()` once, then per row `row(fieldCount)` followed by exactly that many field writes, then
 * `trailer()`; `take()` hands over what is encoded so far (e.g. every 256 kB) and starts a new chunk.
 */
export const PG_TYPE_OID = { int8: 20, float4: 700, float8: 701 } as const;

/** Days from 1970-01-01 to 2000-01-01, PostgreSQL's date epoch. */
const PG_EPOCH_DAYS = 10957;

export class CopyBinaryWriter {
  private buf: Buffer;
  /** Big-endian writes through a DataView: much cheaper per value than Buffer's checked write methods. */
  private view: DataView;
  private pos = 0;

  constructor(initialBytes = 1 << 18) {
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** Bytes encoded and not yet taken. */
  get length() {
    return this.pos;
  }

  private room(bytes: number) {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.length);
  }

  header() {
    this.room(19);
    this.buf.write('PGCOPY\n\xff\r\n\0', this.pos, 'latin1');
    this.view.setInt32(this.pos + 11, 0); // flags
    this.view.setInt32(this.pos + 15, 0); // header extension length
    this.pos += 19;
  }

  trailer() {
    this.room(2);
    this.view.setInt16(this.pos, -1);
    this.pos += 2;
  }

  row(fieldCount: number) {
    this.room(2);
    this.view.setInt16(this.pos, fieldCount);
    this.pos += 2;
  }

  null() {
    this.room(4);
    this.view.setInt32(this.pos, -1);
    this.pos += 4;
  }

  private int8Raw(v: number) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer id: ${v}`);
    const hi = Math.floor(v / 4294967296);
    this.view.setInt32(this.pos, hi);
    this.view.setUint32(this.pos + 4, v - hi * 4294967296);
    this.pos += 8;
  }

  int8(v: number) {
    this.room(12);
    this.view.setInt32(this.pos, 8);
    this.pos += 4;
    this.int8Raw(v);
  }

  float4(v: number) {
    this.room(8);
    this.view.setInt32(this.pos, 4);
    this.view.setFloat32(this.pos + 4, v);
    this.pos += 8;
  }

  float8(v: number) {
    this.room(12);
    this.view.setInt32(this.pos, 8);
    this.view.setFloat64(this.pos + 4, v);
    this.pos += 12;
  }

  /** A field encoded once by `CopyBinaryWriter.encode` (a value repeated on every row). */
  encoded(field: Buffer) {
    this.room(field.length);
    field.copy(this.buf, this.pos);
    this.pos += field.length;
  }

  /** `date` ('YYYY-MM-DD') or `text` (UTF-8) as a complete field (length and value), to repeat with `encoded`. */
  static encode(type: 'date' | 'text', v: string): Buffer {
    if (type === 'text') {
      const bytes = Buffer.from(v, 'utf8');
      const out = Buffer.allocUnsafe(4 + bytes.length);
      out.writeInt32BE(bytes.length, 0);
      bytes.copy(out, 4);
      return out;
    }
    const ms = Date.parse(`${v}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(ms)) throw new RangeError(`not a date: ${v}`);
    const out = Buffer.allocUnsafe(8);
    out.writeInt32BE(4, 0);
    out.writeInt32BE(Math.round(ms / 86_400_000) - PG_EPOCH_DAYS, 4);
    return out;
  }

  /** A one-dimensional array without NULLs of `count` values from `values[from ..]`; an empty array when count is 0. */
  array(type: keyof typeof PG_TYPE_OID, values: ArrayLike<number>, from = 0, count = values.length - from) {
    const elem = type === 'float4' ? 4 : 8;
    const bytes = count === 0 ? 12 : 20 + count * (4 + elem);
    this.room(4 + bytes);
    const v = this.view;
    let p = this.pos;
    v.setInt32(p, bytes);
    v.setInt32(p + 4, count === 0 ? 0 : 1); // dimensions
    v.setInt32(p + 8, 0); // has nulls
    v.setInt32(p + 12, PG_TYPE_OID[type]);
    p += 16;
    if (count > 0) {
      v.setInt32(p, count);
      v.setInt32(p + 4, 1); // lower bound
      p += 8;
    }
    if (type === 'float4') {
      for (let k = 0; k < count; k++, p += 8) {
        v.setInt32(p, 4);
        v.setFloat32(p + 4, values[from + k]);
      }
    } else if (type === 'float8') {
      for (let k = 0; k < count; k++, p += 12) {
        v.setInt32(p, 8);
        v.setFloat64(p + 4, values[from + k]);
      }
    } else {
      this.pos = p;
      for (let k = 0; k < count; k++) {
        v.setInt32(this.pos, 8);
        this.pos += 4;
        this.int8Raw(values[from + k]);
      }
      return;
    }
    this.pos = p;
  }

  /** The bytes encoded since the last take (the caller owns them); the writer goes on in a new buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafeSlow(this.buf.length);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    this.pos = 0;
    return out;
  }
}
