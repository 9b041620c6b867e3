import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** Stores a generated SAF-T file and the fingerprint of the data it was generated from. */
export async function storeSaftFile(
  tx: Tx,
  accountId: number,
  id: number,
  file: { fingerprint: string; fileName: string; bytes: Uint8Array },
): Promise<void> {
  // Bytes travel as base64 text, as in document-file-cache.ts (PGlite's bytea codec is slow on large values).
  const b64 = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64');
  await tx
    .updateTable('saft_files')
    .set({
      status: 'ready',
      fingerprint: file.fingerprint,
      file_name: file.fileName,
      bytes: sql<Uint8Array>`decode(${b64}, 'base64')`,
      generated_at: sql`now()`,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
