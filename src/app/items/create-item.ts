import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { type ItemInput, itemValues } from './item-input.js';
import { checkItemReferences } from './check-item-references.js';

export async function createItem(tx: Tx, accountId: number, input: ItemInput, path = '') {
  const values = itemValues(input, false, path);
  await checkItemReferences(tx, accountId, values);
  const clash = await tx.selectFrom('items').select('id').where('account_id', '=', accountId).where('code', '=', values.code as string).executeTakeFirst();
  if (clash) throw new DomainError('conflict', `An item with code ${values.code} already exists.`, [{ field: path ? `${path}.code` : 'code', issue: 'not_unique', message: 'The code is already used.' }]);
  return tx.insertInto('items').values({ ...(values as object), account_id: accountId, code: values.code as string, description: values.description as string })
    .returningAll().executeTakeFirstOrThrow();
}
