import type { Ctx, Tx } from '../context.js';

/** "Sign out everywhere": revokes every open session of the acting user; returns how many there were. */
export async function endAllSessions(tx: Tx, ctx: Ctx): Promise<number> {
  if (ctx.userId === null) return 0;
  const rows = await tx
    .updateTable('console_sessions')
    .set({ revoked_at: ctx.now.toISOString() })
    .where('account_id', '=', ctx.accountId)
    .where('user_id', '=', ctx.userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}
