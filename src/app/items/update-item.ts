import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { type ItemInput, itemValues } from './item-input.js';
import { checkItemReferences } from './check-item-references.js';

/**
 * Updates an item. Documents keep their own copy of code and description, so issued documents never change;
 * the item's code, the key in SAF-T MasterFiles, is fixed once the item has been used.
 */
export async function updateItem(tx: Tx, accountId: number, id: number, input: ItemInput) {
  const current = await tx
    .selectFrom('items')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('item', id);
  const values = itemValues(input, true);
  await checkItemReferences(tx, accountId, values);
  if (values.code !== undefined && values.code !== current.code) {
    const used = await tx
      .selectFrom('document_lines')
      .select('id')
      .where('account_id', '=', accountId)
      .where('item_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (used)
      throw new DomainError('in_use', 'The code of an item used in documents cannot change.', [
        { field: 'code', issue: 'locked', message: 'The item is used in documents.' },
      ]);
    const clash = await tx
      .selectFrom('items')
      .select('id')
      .where('account_id', '=', accountId)
      .where('code', '=', values.code as string)
      .executeTakeFirst();
    if (clash)
      throw new DomainError('conflict', `An item with code ${values.code} already exists.`, [
        { field: 'code', issue: 'not_unique', message: 'The code is already used.' },
      ]);
  }
  return tx
    .updateTable('items')
    .set({ ...(values as object), updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
