import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { insertWithFreeCode } from '../insert-with-free-code.js';
import { type ItemInput, itemValues } from './item-input.js';
import { checkItemReferences } from './check-item-references.js';

/**
 * Creates an item. With `autoCode`, an item sent without a code gets its id as code, or a free one where that is
 * taken (`insertWithFreeCode`), as contacts do.
 */
export async function createItem(
  tx: Tx,
  accountId: number,
  input: ItemInput,
  path = '',
  opts: { autoCode?: boolean } = {},
) {
  const generate =
    !!opts.autoCode && (input.code === undefined || input.code === null || String(input.code).trim() === '');
  const values = itemValues(generate ? { ...input, code: '#' } : input, false, path);
  await checkItemReferences(tx, accountId, values);
  if (!generate) {
    const clash = await tx
      .selectFrom('items')
      .select('id')
      .where('account_id', '=', accountId)
      .where('code', '=', values.code as string)
      .executeTakeFirst();
    if (clash)
      throw new DomainError('conflict', `An item with code ${values.code} already exists.`, [
        { field: path ? `${path}.code` : 'code', issue: 'not_unique', message: 'The code is already used.' },
      ]);
  }
  const row = { ...(values as object), account_id: accountId, description: values.description as string };
  if (generate) return insertWithFreeCode(tx, 'items', row);
  return tx
    .insertInto('items')
    .values({ ...row, code: values.code as string })
    .returningAll()
    .executeTakeFirstOrThrow();
}
