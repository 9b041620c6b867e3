import type { Tx } from '../context.js';

/** The account a request acts on once its PartyID is resolved. */
export interface PartyAccount {
  accountId: number;
  sandbox: boolean;
  configVersion: string;
}

/**
 * The account `partyId` names, when a key of `ownAccountId` may act on it: its own account, or a client account
 * delegated to it (billit_party_access). undefined otherwise (the edge answers Billit's 401).
 */
export async function reachParty(tx: Tx, ownAccountId: number, partyId: number): Promise<PartyAccount | undefined> {
  let query = tx
    .selectFrom('accounts')
    .select(['accounts.id', 'accounts.sandbox', 'accounts.config_version'])
    .where('accounts.id', '=', partyId);
  if (partyId !== ownAccountId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('billit_party_access')
          .select('billit_party_access.party_account_id')
          .where('billit_party_access.account_id', '=', ownAccountId)
          .where('billit_party_access.party_account_id', '=', partyId),
      ),
    );
  const row = await query.executeTakeFirst();
  return row ? { accountId: row.id, sandbox: row.sandbox, configVersion: row.config_version } : undefined;
}
