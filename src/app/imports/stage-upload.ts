import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx, Tx } from '../context.js';
import type { ImportSource } from './import-source.js';
import type { ImportPreview } from './preview-import.js';

/** An uploaded file waiting for its "Issue" click, as the console session that uploaded it sees it. */
export interface StagedUpload {
  token: string;
  fileName: string;
  issueValid: boolean;
  sendEmail: boolean;
  /** File header → template column, once the mapping form was sent. */
  mapping: Record<string, string>;
  /** The file's header row (for the mapping form). */
  headers: string[];
  /** The last check of the file (its document summaries, not their inputs); null once issued. */
  preview: ImportPreview | null;
  /** The import it was issued as (its file and check are then gone). */
  importId: number | null;
}

/** How long an unissued upload is kept (from its last check), and how many a session keeps (the oldest go first). */
export const STAGED_UPLOAD_TTL_MS = 60 * 60_000;
export const STAGED_UPLOADS_PER_SESSION = 3;

export const uploadTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const stagedUploadExpiry = (ctx: Ctx) => new Date(ctx.now.getTime() + STAGED_UPLOAD_TTL_MS).toISOString();

/** The file goes into the database in pieces of this size, so no more of it is held at once. */
const WRITE_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Keeps an upload and its check for the session's "Issue" click; its token comes back (only its hash is stored).
 * Expired uploads of every account are swept first, and the session keeps only its newest few
 * (not counting the markers of issued ones). The file is streamed in, a piece at a time.
 */
export async function stageUpload(
  tx: Tx,
  ctx: Ctx,
  input: Omit<StagedUpload, 'token' | 'importId'> & { sessionId: number; source: ImportSource },
): Promise<string> {
  const token = randomBytes(18).toString('base64url');
  await tx.deleteFrom('import_uploads').where('expires_at', '<', ctx.now.toISOString()).execute();
  const { id } = await tx
    .insertInto('import_uploads')
    .values({
      token_hash: uploadTokenHash(token),
      account_id: ctx.accountId,
      session_id: input.sessionId,
      file_name: input.fileName.slice(0, 255),
      bytes: new Uint8Array(0),
      sha256: input.source.sha256,
      issue_valid: input.issueValid,
      send_email: input.sendEmail,
      mapping: JSON.stringify(input.mapping),
      headers: JSON.stringify(input.headers),
      preview: input.preview ? JSON.stringify(input.preview) : null,
      expires_at: stagedUploadExpiry(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const append = (piece: Buffer) =>
    tx
      .updateTable('import_uploads')
      .set({ bytes: sql<Uint8Array>`bytes || ${piece}` })
      .where('id', '=', id)
      .execute();
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.source.open()) {
    pending.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size < WRITE_CHUNK_BYTES) continue;
    await append(Buffer.concat(pending));
    pending = [];
    size = 0;
  }
  if (size) await append(Buffer.concat(pending));
  await tx
    .deleteFrom('import_uploads')
    .where('session_id', '=', input.sessionId)
    .where('import_id', 'is', null)
    .where(
      'id',
      'not in',
      tx
        .selectFrom('import_uploads')
        .select('id')
        .where('session_id', '=', input.sessionId)
        .where('import_id', 'is', null)
        .orderBy('id', 'desc')
        .limit(STAGED_UPLOADS_PER_SESSION),
    )
    .execute();
  return token;
}
