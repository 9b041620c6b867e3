import type { Tx } from '../context.js';

export interface PartyAccess {
  partyAccountId: number;
  legalName: string;
  grantedAt: string;
}

/** The client accounts whose party the keys of `accountId` may act for, oldest grant first. */
export async function listPartyAccess(tx: Tx, accountId: number): Promise<PartyAccess[]> {
  const rows = await tx
    .selectFrom('billit_party_access')
    .innerJoin('accounts', 'accounts.id', 'billit_party_access.party_account_id')
    .select(['billit_party_access.party_account_id', 'accounts.legal_name', 'billit_party_access.created_at'])
    .where('billit_party_access.account_id', '=', accountId)
    .orderBy('billit_party_access.created_at')
    .orderBy('billit_party_access.party_account_id')
    .execute();
  return rows.map((r) => ({
    partyAccountId: r.party_account_id,
    legalName: r.legal_name,
    grantedAt: r.created_at,
  }));
}
