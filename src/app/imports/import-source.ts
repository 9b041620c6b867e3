import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A file to import, read as a stream as many times as needed (each pass over it holds a chunk at a time, never the
 * file): an upload spooled to a temporary file, the CLI's own file, or a staged console upload copied out of the
 * database. `dispose` removes what it made (a temporary file), once, and is safe to call more.
 */
export interface ImportSource {
  bytes: number;
  sha256: string;
  open(): Readable;
  dispose(): Promise<void>;
}

/** An upload larger than the cap: refused while it streamed, nothing of it kept. */
export class UploadTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
  }
}

const fileAt = (path: string, bytes: number, sha256: string, remove?: () => Promise<void>): ImportSource => ({
  bytes,
  sha256,
  open: () => createReadStream(path, { highWaterMark: 64 * 1024 }),
  dispose: async () => remove?.(),
});

/**
 * Writes a stream to a temporary file of its own, counting its size and sha256 as it goes; past `maxBytes` it stops
 * with `UploadTooLarge`. On any failure (too large, a client that went away) the file is removed before the error
 * comes back; otherwise the caller disposes of the source.
 */
export async function spoolToTempFile(
  input: Readable,
  maxBytes: number,
  truncated: () => boolean = () => false,
): Promise<ImportSource> {
  const dir = await mkdtemp(join(tmpdir(), 'faturador-import-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await pipeline(
      input,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > maxBytes) return done(new UploadTooLarge(maxBytes));
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(path),
    );
    // A multipart parser that hit its own limit ends the part early rather than failing it.
    if (truncated()) throw new UploadTooLarge(maxBytes);
  } catch (err) {
    await remove();
    throw err;
  }
  return fileAt(path, bytes, hash.digest('hex'), remove);
}

/** A file of the machine's (the CLI's), read where it is; its size and sha256 from one pass over it. */
export async function fileSource(path: string): Promise<ImportSource> {
  const { size } = await stat(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return fileAt(path, size, hash.digest('hex'));
}
