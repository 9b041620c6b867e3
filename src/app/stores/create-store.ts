import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';
import { type StoreInput, storeValues } from './store-input.js';

export async function createStore(tx: Tx, accountId: number, input: StoreInput) {
  const values = await storeValues(tx, accountId, input, false);
  if (values.is_default) await clearOtherDefaults(tx, accountId, 'stores');
  return tx
    .insertInto('stores')
    .values({ ...values, account_id: accountId } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}
