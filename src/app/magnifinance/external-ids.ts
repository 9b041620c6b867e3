import type { Generated } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** A document's ExternalId (migration 0030): MagniFinance's idempotency, at most once per account. */
export interface MagnifinanceExternalIdsTable {
  account_id: number;
  external_id: string;
  document_id: number;
  created_at: Generated<string>;
}

declare module '../../infra/db/schema.js' {
  interface DB {
    magnifinance_external_ids: MagnifinanceExternalIdsTable;
  }
}

/** The refusal of a create whose ExternalId the account already used (`meta.externalIdOf`: that document). */
export function duplicateExternalId(externalId: string, documentId?: number): DomainError {
  return new DomainError(
    'conflict',
    'Duplicate Document',
    [{ field: 'externalId', issue: 'not_unique', message: 'Duplicate Document', value: externalId }],
    { reason: 'duplicate_external_id', documentId },
  );
}

/** The document created under an ExternalId, if any. */
export async function documentOfExternalId(tx: Tx, accountId: number, externalId: string): Promise<number | null> {
  const row = await tx
    .selectFrom('magnifinance_external_ids')
    .select('document_id')
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.document_id ?? null;
}

/**
 * Records the ExternalIds of documents in the transaction that wrote them; answers how many were new. One the
 * account already has (committed, or written by a transaction that has not committed yet: the insert waits for it,
 * then conflicts), or one twice in the list, is not counted.
 */
export async function claimExternalIds(
  tx: Tx,
  accountId: number,
  claims: { externalId: string; documentId: number }[],
): Promise<number> {
  const rows = await tx
    .insertInto('magnifinance_external_ids')
    .values(claims.map((c) => ({ account_id: accountId, external_id: c.externalId, document_id: c.documentId })))
    .onConflict((oc) => oc.columns(['account_id', 'external_id']).doNothing())
    .returning('external_id')
    .execute();
  return rows.length;
}
