import type { Ctx, Tx } from '../context.js';
import type { ImportPreview } from './preview-import.js';
import { stagedUploadExpiry, uploadTokenHash } from './stage-upload.js';

/** Records a new check of the session's upload (after a mapping) and keeps it for another full period. */
export async function updateStagedUpload(
  tx: Tx,
  ctx: Ctx,
  input: { token: string; sessionId: number; mapping: Record<string, string>; preview?: ImportPreview | null },
): Promise<void> {
  await tx
    .updateTable('import_uploads')
    .set({
      mapping: JSON.stringify(input.mapping),
      ...(input.preview === undefined ? {} : { preview: input.preview ? JSON.stringify(input.preview) : null }),
      expires_at: stagedUploadExpiry(ctx),
    })
    .where('token_hash', '=', uploadTokenHash(input.token))
    .where('account_id', '=', ctx.accountId)
    .where('session_id', '=', input.sessionId)
    .where('import_id', 'is', null)
    .execute();
}
