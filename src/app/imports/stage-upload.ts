import { createHash, randomBytes } from 'node:crypto';
import type { Ctx, Tx } from '../context.js';
import type { ImportPreview } from './preview-import.js';

/** An uploaded file waiting for its "Issue" click, as the console session that uploaded it sees it. */
export interface StagedUpload {
  token: string;
  fileName: string;
  /** Empty when read without them (`getStagedUpload` without `withBytes`). */
  bytes: Uint8Array;
  issueValid: boolean;
  sendEmail: boolean;
  /** File header → template column, once the mapping form was sent. */
  mapping: Record<string, string>;
  /** The file's header row (for the mapping form). */
  headers: string[];
  /** The last check of the file; null while its headers need mapping. */
  preview: ImportPreview | null;
  /** The import it was issued as (its file and check are then gone). */
  importId: number | null;
}

/** How long an unissued upload is kept (from its last check), and how many a session keeps (the oldest go first). */
export const STAGED_UPLOAD_TTL_MS = 60 * 60_000;
export const STAGED_UPLOADS_PER_SESSION = 3;

export const uploadTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const stagedUploadExpiry = (ctx: Ctx) => new Date(ctx.now.getTime() + STAGED_UPLOAD_TTL_MS).toISOString();

/**
 * Keeps an upload and its check for the session's "Issue" click; its token comes back (only its hash is stored).
 * Expired uploads of every account are swept first, and the session keeps only its newest few
 * (not counting the markers of issued ones).
 */
export async function stageUpload(
  tx: Tx,
  ctx: Ctx,
  input: Omit<StagedUpload, 'token' | 'importId'> & { sessionId: number; sha256: string },
): Promise<string> {
  const token = randomBytes(18).toString('base64url');
  await tx.deleteFrom('import_uploads').where('expires_at', '<', ctx.now.toISOString()).execute();
  await tx
    .insertInto('import_uploads')
    .values({
      token_hash: uploadTokenHash(token),
      account_id: ctx.accountId,
      session_id: input.sessionId,
      file_name: input.fileName.slice(0, 255),
      bytes: input.bytes,
      sha256: input.sha256,
      issue_valid: input.issueValid,
      send_email: input.sendEmail,
      mapping: JSON.stringify(input.mapping),
      headers: JSON.stringify(input.headers),
      preview: input.preview ? JSON.stringify(input.preview) : null,
      expires_at: stagedUploadExpiry(ctx),
    })
    .execute();
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
