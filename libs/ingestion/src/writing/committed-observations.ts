import { copyRow } from './encode-copy-text.js';

/**
 * Observations this writer's run has committed (kind + key -> digest of the row as it was sent), so that an
 * identical one seen again (the author included again in every page of a file, a popular post in many pages)
 * is not sent again: merging it would change nothing. What a batch writes is `pending` until the caller
 * commits it.
 */
export class CommittedObservations {
  private readonly written = new Map<string, string>();
  private pending: [string, string][] = [];

  /** A new batch: what the previous one left pending was not committed. */
  startBatch() {
    this.pending = [];
  }

  /** The digest of a row as it would be COPYed. */
  digest(row: unknown[]): string {
    return rowDigest(copyRow(row));
  }

  /** Whether `key` was committed in this run with the same digest. */
  isCommitted(key: string, digest: string): boolean {
    return this.written.get(key) === digest;
  }

  /** Remembers `key` once the batch that writes it commits. */
  remember(key: string, digest: string) {
    this.pending.push([key, digest]);
  }

  /** The caller committed the last batch: what it wrote may be skipped when seen again, identical, in this run. */
  markCommitted() {
    if (this.written.size + this.pending.length > 100_000) this.written.clear(); // bounded memory (about 11 MB) on huge runs
    for (const [k, digest] of this.pending) this.written.set(k, digest);
    this.pending = [];
  }
}

/**
 * A 64-bit digest of an encoded row (two independent 32-bit multiply-xorshift lanes, cyrb53's mixing): only
 * ever compared with the digest of the same key's previous row in this run, so a false "identical" needs a 2^-64
 * coincidence. sha1 cost ~0.4 s of CPU per 100k posts for the same purpose.
 */
function rowDigest(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(36) + ':' + (h2 >>> 0).toString(36) + ':' + s.length.toString(36);
}
