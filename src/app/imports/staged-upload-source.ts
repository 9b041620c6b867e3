import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Ctx, Tx } from '../context.js';
import { spoolToTempFile, type ImportSource } from './import-source.js';
import { uploadTokenHash } from './stage-upload.js';

/** A staged file is read out of the database in pieces of this size. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The file of the session's staged upload, copied piece by piece to a temporary file to be read from there as often
 * as a check needs (the caller disposes of it); none when the upload is not the session's, expired, or issued.
 */
export async function stagedUploadSource(
  tx: Tx,
  ctx: Ctx,
  input: { token: string; sessionId: number },
): Promise<ImportSource | undefined> {
  const row = await tx
    .selectFrom('import_uploads')
    .select(['id', 'sha256', sql<number>`octet_length(bytes)`.as('size')])
    .where('token_hash', '=', uploadTokenHash(input.token))
    .where('account_id', '=', ctx.accountId)
    .where('session_id', '=', input.sessionId)
    .where('import_id', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const size = Number(row.size);
  async function* pieces() {
    for (let offset = 0; offset < size; offset += READ_CHUNK_BYTES) {
      const { piece } = await tx
        .selectFrom('import_uploads')
        .select(sql<Uint8Array>`substring(bytes from ${offset + 1} for ${READ_CHUNK_BYTES})`.as('piece'))
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow();
      yield Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    }
  }
  const source = await spoolToTempFile(Readable.from(pieces()), Number.MAX_SAFE_INTEGER);
  // The stored sha256 is the upload's as received (the same bytes).
  return { ...source, sha256: row.sha256 };
}
