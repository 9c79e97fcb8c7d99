import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Whether a file is gzip, judged by its first two bytes (not its name). */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1];
  } finally {
    await fh.close();
  }
}

export interface OpenedInput {
  stream: Readable;
  /** Bytes of the file read so far (compressed bytes for gzip), for progress against the file size. */
  fileBytesRead(): number;
}

/** A byte stream of the file's content, decompressed when it is gzip (judged by magic bytes). */
export async function openInputWithProgress(path: string): Promise<OpenedInput> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const fileBytesRead = () => raw.bytesRead;
  if (!(await isGzipFile(path))) return { stream: raw, fileBytesRead };
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (err) => gunzip.destroy(err));
  return { stream: raw.pipe(gunzip), fileBytesRead };
}

export async function openInput(path: string): Promise<Readable> {
  return (await openInputWithProgress(path)).stream;
}

/**
 * The first `bytes` of the (decompressed) content for format detection, extended to the end of the first line
 * (API pages are single lines of up to several MB), at most `maxBytes`.
 */
export async function readHead(path: string, bytes = 256 * 1024, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
  const stream = await openInput(path);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= bytes && ((chunk as Buffer).includes(0x0a) || chunks.some((c) => c.includes(0x0a)) || total >= maxBytes)) break;
    }
  } catch (err) {
    // A corrupt gzip still yields what was decoded before the error; detection decides with that.
    if (total === 0) throw err;
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}
