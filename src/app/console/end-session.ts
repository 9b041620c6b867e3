import type { Ctx, Tx } from '../context.js';

/** Signs one session out (the current one, on "sign out"). */
export async function endSession(tx: Tx, ctx: Ctx, input: { sessionId: number }): Promise<void> {
  await tx
    .updateTable('console_sessions')
    .set({ revoked_at: ctx.now.toISOString() })
    .where('id', '=', input.sessionId)
    .where('account_id', '=', ctx.accountId)
    .where('revoked_at', 'is', null)
    .execute();
}
