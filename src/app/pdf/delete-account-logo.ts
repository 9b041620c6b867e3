import type { Tx } from '../context.js';

/** Removes the account's logo; documents rendered from now on have none. */
export async function deleteAccountLogo(tx: Tx, accountId: number): Promise<void> {
  await tx.deleteFrom('account_logos').where('account_id', '=', accountId).execute();
}
