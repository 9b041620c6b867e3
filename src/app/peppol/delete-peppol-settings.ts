import type { Tx } from '../context.js';

/** Removes the account's access point: documents can no longer be sent over Peppol until one is set again. */
export async function deletePeppolSettings(tx: Tx, accountId: number): Promise<boolean> {
  const r = await tx.deleteFrom('peppol_settings').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
