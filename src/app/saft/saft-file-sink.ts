import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** A stored SAF-T file's chunk size (migration 0039): every chunk but the last holds exactly this many bytes. */
export const SAFT_CHUNK_BYTES = 1024 * 1024;

/**
 * Stores what is written to it as the chunks of one generation of a SAF-T file, in the caller's transaction, as it
 * arrives: a chunk is inserted once SAFT_CHUNK_BYTES are in, and the writer waits for it (backpressure), so about
 * one chunk is held whatever the file's size. `finish()` stores the rest and answers the file's size.
 */
export class SaftFileSink extends Writable {
  /** Why a chunk could not be stored, if one could not (the export then fails with this, not its own symptom). */
  failure: Error | null = null;
  size = 0;
  chunks = 0;
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(
    private readonly tx: Tx,
    private readonly file: { accountId: number; fileId: number; generation: number },
    private readonly chunkBytes = SAFT_CHUNK_BYTES,
  ) {
    super({ highWaterMark: 64 * 1024 });
    // The failure is kept and rethrown by finish(); the export's writer sees the stream destroyed.
    this.on('error', (err) => (this.failure ??= err));
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    this.size += chunk.length;
    if (this.#pendingBytes < this.chunkBytes) return done();
    this.#flush(false).then(() => done(), done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.#flush(true).then(() => done(), done);
  }

  /** Ends the stream once the export is written, and answers the size once every chunk is stored. */
  async finish(): Promise<number> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.once('error', reject);
      this.end(() => resolve());
    });
    if (this.failure) throw this.failure;
    return this.size;
  }

  /** Stores every whole chunk of what is pending, and the rest too when `last`. */
  async #flush(last: boolean): Promise<void> {
    if (!this.#pendingBytes) return;
    const all = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending, this.#pendingBytes);
    let at = 0;
    while (all.length - at >= this.chunkBytes || (last && at < all.length)) {
      const end = Math.min(at + this.chunkBytes, all.length);
      await this.#insert(all.subarray(at, end));
      at = end;
    }
    // The rest is copied: a view would keep the whole concatenation alive until the next chunk.
    this.#pending = at < all.length ? [Buffer.from(all.subarray(at))] : [];
    this.#pendingBytes = all.length - at;
  }

  async #insert(bytes: Buffer): Promise<void> {
    // Bytes travel as base64 text, as in document-file-cache.ts (PGlite's bytea codec is slow on large values).
    await this.tx
      .insertInto('saft_file_chunks')
      .values({
        account_id: this.file.accountId,
        file_id: this.file.fileId,
        generation: this.file.generation,
        seq: this.chunks,
        bytes: sql<Uint8Array>`decode(${bytes.toString('base64')}, 'base64')`,
      })
      .execute();
    this.chunks += 1;
  }
}
