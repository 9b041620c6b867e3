import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/**
 * Lets keys of `accountId` (an accountant's) act for `partyAccountId` (a client company) through Billit's PartyID /
 * ContextPartyID headers. Granting twice is a no-op.
 */
export async function grantPartyAccess(tx: Tx, accountId: number, partyAccountId: number): Promise<void> {
  if (accountId === partyAccountId) return;
  const party = await tx.selectFrom('accounts').select('id').where('id', '=', partyAccountId).executeTakeFirst();
  if (!party)
    throw new DomainError('not_found', `Account ${partyAccountId} does not exist.`, [], { resource: 'account' });
  await tx
    .insertInto('billit_party_access')
    .values({ account_id: accountId, party_account_id: partyAccountId })
    .onConflict((oc) => oc.columns(['account_id', 'party_account_id']).doNothing())
    .execute();
}
