import type { Ctx, Tx } from '../context.js';
import { uploadTokenHash } from './stage-upload.js';

const bySession = (ctx: Ctx, input: { token: string; sessionId: number }) => ({
  token_hash: uploadTokenHash(input.token),
  account_id: ctx.accountId,
  session_id: input.sessionId,
});

/**
 * Takes the session's upload for issuing, in the caller's transaction (the one that records its import): its check
 * is dropped and the row locked (its file is read once more to issue it, and dropped by `markStagedUploadIssued`). Of two clicks at once the second waits for the first's lock, then finds it
 * taken: `issued` gives the import the first one made (`markStagedUploadIssued`), or null if the upload is gone.
 */
export async function takeStagedUpload(
  tx: Tx,
  ctx: Ctx,
  input: { token: string; sessionId: number },
): Promise<{ taken: true } | { taken: false; issued: number | null }> {
  const where = bySession(ctx, input);
  const row = await tx
    .updateTable('import_uploads')
    .set({ preview: null, headers: '[]' })
    .where('token_hash', '=', where.token_hash)
    .where('account_id', '=', where.account_id)
    .where('session_id', '=', where.session_id)
    .where('import_id', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (row) return { taken: true };
  const issued = await tx
    .selectFrom('import_uploads')
    .select('import_id')
    .where('token_hash', '=', where.token_hash)
    .where('account_id', '=', where.account_id)
    .where('session_id', '=', where.session_id)
    .executeTakeFirst();
  return { taken: false, issued: issued?.import_id ?? null };
}

/** Records the import a taken upload became, so a later click on it leads there; its file goes. */
export async function markStagedUploadIssued(
  tx: Tx,
  ctx: Ctx,
  input: { token: string; sessionId: number; importId: number },
): Promise<void> {
  const where = bySession(ctx, input);
  await tx
    .updateTable('import_uploads')
    .set({ import_id: input.importId, bytes: new Uint8Array(0), mapping: '{}' })
    .where('token_hash', '=', where.token_hash)
    .where('account_id', '=', where.account_id)
    .where('session_id', '=', where.session_id)
    .execute();
}
