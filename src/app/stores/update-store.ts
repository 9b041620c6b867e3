import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';
import { type StoreInput, storeValues } from './store-input.js';

export async function updateStore(tx: Tx, accountId: number, id: number, input: StoreInput) {
  const current = await tx
    .selectFrom('stores')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('store', id);
  const values = await storeValues(tx, accountId, input, true);
  if (values.is_default && !current.is_default) await clearOtherDefaults(tx, accountId, 'stores');
  if (values.is_default === false && current.is_default)
    throw new DomainError('validation', 'Set another store as default instead.', [
      { field: 'isDefault', issue: 'invalid', message: 'An account always has a default store.' },
    ]);
  if (!Object.keys(values).length) return current;
  return tx
    .updateTable('stores')
    .set(values as never)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
