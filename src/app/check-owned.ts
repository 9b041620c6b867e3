import { DomainError } from '../domain/errors.js';
import type { Tx } from './context.js';

type OwnedTable =
  | 'payment_methods'
  | 'shipping_methods'
  | 'document_states'
  | 'documents'
  | 'units'
  | 'taxes'
  | 'contact_types'
  | 'item_categories';

/** A foreign id of a request: its field, its table, the id (absent or null: not checked), its resource name. */
export type OwnedRef = readonly [field: string, table: OwnedTable, id: unknown, resource: string, named?: string];

function unknownRef(field: string, named: string, id: unknown, resource: string): DomainError {
  return new DomainError(
    'not_found',
    `${named} ${String(id)} does not exist.`,
    [{ field, issue: 'unknown', message: 'Not found in this account.' }],
    { resource },
  );
}

/** Each given id must belong to the account; the first that does not is not_found (named by `named` ?? resource). */
export async function checkOwned(tx: Tx, accountId: number, refs: readonly OwnedRef[]): Promise<void> {
  for (const [field, table, id, resource, named = resource] of refs) {
    if (id === undefined || id === null) continue;
    const row = await tx
      .selectFrom(table)
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (!row) throw unknownRef(field, named, id, resource);
  }
}

/** A list of ids that must all belong to the account, in one query; not_found names the first missing one. */
export async function checkOwnedList(
  tx: Tx,
  accountId: number,
  field: string,
  table: OwnedTable,
  ids: readonly number[],
  resource: string,
): Promise<void> {
  if (!ids.length) return;
  const found = await tx
    .selectFrom(table)
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids.map(Number))
    .execute();
  const missing = ids.find((id) => !found.some((r) => r.id === Number(id)));
  if (missing !== undefined)
    throw unknownRef(field, resource.charAt(0).toUpperCase() + resource.slice(1), missing, resource);
}
