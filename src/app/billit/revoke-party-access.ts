import type { Tx } from '../context.js';

/** Ends a delegation granted with grantPartyAccess; true when there was one to end. */
export async function revokePartyAccess(tx: Tx, accountId: number, partyAccountId: number): Promise<boolean> {
  const r = await tx
    .deleteFrom('billit_party_access')
    .where('account_id', '=', accountId)
    .where('party_account_id', '=', partyAccountId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}
