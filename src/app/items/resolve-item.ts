import { DomainError } from '../../domain/errors.js';
import { WritesNeeded, type Tx } from '../context.js';
import type { Item } from '../../infra/db/schema.js';
import type { ItemInput } from './item-input.js';
import { createItem } from './create-item.js';
import { updateItem } from './update-item.js';

/**
 * A line's item: by id; or inline, found by code then by description, or created. With `updateExisting`
 * (InvoiceXpress semantics) a found item takes the new values; with `matchCodeOnly` (InvoiceXpress keys items by
 * name) it is never matched by description. With `readOnly`, throws `WritesNeeded` instead of creating or updating.
 */
export async function resolveItem(
  tx: Tx,
  accountId: number,
  itemId: number | null | undefined,
  inline: (ItemInput & { updateExisting?: boolean; matchCodeOnly?: boolean }) | null | undefined,
  path: string,
  readOnly = false,
): Promise<Item | null> {
  const base = tx.selectFrom('items').selectAll().where('account_id', '=', accountId);
  if (itemId !== undefined && itemId !== null) {
    const row = await base.where('id', '=', Number(itemId)).executeTakeFirst();
    if (!row)
      throw new DomainError(
        'not_found',
        `Item ${itemId} does not exist.`,
        [{ field: `${path}.itemId`, issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'item' },
      );
    return row;
  }
  if (!inline) return null;
  const { updateExisting, matchCodeOnly, ...values } = inline;
  let found: Item | undefined;
  if (values.code) found = await base.where('code', '=', String(values.code).trim()).executeTakeFirst();
  if (!found && values.description && !matchCodeOnly)
    found = await base.where('description', '=', values.description.trim()).orderBy('id').executeTakeFirst();
  if (found) {
    if (!updateExisting) return found;
    if (readOnly) throw new WritesNeeded('item');
    const { code: _code, ...changes } = values;
    return updateItem(tx, accountId, found.id, changes);
  }
  if (readOnly) throw new WritesNeeded('item');
  return createItem(tx, accountId, { ...values, code: values.code ?? values.description?.trim().slice(0, 60) }, path);
}
