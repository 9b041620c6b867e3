import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** A stored SAF-T file (migration 0039): the generation of it that its row serves, and its size in bytes. */
export interface StoredSaftFile {
  accountId: number;
  id: number;
  fileName: string;
  generation: number;
  size: number;
}

/**
 * The file's bytes, a chunk (1 MiB) per statement, each read when the previous one is consumed: one chunk in
 * memory, and no transaction held open while a client downloads. Throws if the generation's chunks end before
 * its size: the file was replaced meanwhile (storeSaftFile deleted them), and a download must not mix two files.
 */
export async function* saftFileChunks(tx: Tx, file: StoredSaftFile): AsyncGenerator<Buffer> {
  let read = 0;
  for (let seq = 0; read < file.size; seq++) {
    const row = await tx
      .selectFrom('saft_file_chunks')
      .select(sql<string>`encode(bytes, 'base64')`.as('b64'))
      .where('account_id', '=', file.accountId)
      .where('file_id', '=', file.id)
      .where('generation', '=', file.generation)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) throw new Error(`SAF-T file ${file.id} was replaced while it was read (chunk ${seq} is gone).`);
    const bytes = Buffer.from(row.b64, 'base64');
    read += bytes.length;
    yield bytes;
  }
}

/** The file as a byte stream for a response: the next chunk is read only once the previous one has left. */
export function saftFileStream(tx: Tx, file: StoredSaftFile): Readable {
  return Readable.from(saftFileChunks(tx, file), { objectMode: false, highWaterMark: 64 * 1024 });
}
