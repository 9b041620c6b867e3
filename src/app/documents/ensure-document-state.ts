import type { Tx } from '../context.js';

/**
 * The id of the account's document state with this name (case-insensitive), created when missing. Dialects whose
 * vendor has fixed commercial states (an accepted or refused quote) keep them as account document states: not
 * fiscal data, so they may change after a document is finalized.
 */
export async function ensureDocumentState(tx: Tx, accountId: number, name: string): Promise<number> {
  const found = await tx
    .selectFrom('document_states')
    .select('id')
    .where('account_id', '=', accountId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found.id;
  const row = await tx
    .insertInto('document_states')
    .values({ account_id: accountId, name } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
