import type { Ctx, Tx } from '../context.js';
import type { ImportPreview } from './preview-import.js';
import { uploadTokenHash, type StagedUpload } from './stage-upload.js';

/**
 * The session's upload of that token; another session's, another account's or an expired one is none. Its file is
 * not read (see `stagedUploadSource`).
 */
export async function getStagedUpload(
  tx: Tx,
  ctx: Ctx,
  input: { token: string; sessionId: number },
): Promise<StagedUpload | undefined> {
  const row = await tx
    .selectFrom('import_uploads')
    .select(['file_name', 'issue_valid', 'send_email', 'mapping', 'headers', 'preview', 'import_id'])
    .where('token_hash', '=', uploadTokenHash(input.token))
    .where('account_id', '=', ctx.accountId)
    .where('session_id', '=', input.sessionId)
    .where('expires_at', '>', ctx.now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    token: input.token,
    fileName: row.file_name,
    issueValid: row.issue_valid,
    sendEmail: row.send_email,
    mapping: row.mapping,
    headers: row.headers,
    preview: (row.preview as ImportPreview | null) ?? null,
    importId: row.import_id,
  };
}
