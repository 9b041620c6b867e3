import type { Tx } from '../context.js';
import { type Catalog, catalogValues } from './catalogs.js';
import { clearOtherDefaults } from './clear-other-defaults.js';

export async function createCatalogEntry(tx: Tx, accountId: number, cat: Catalog, input: Record<string, unknown>) {
  const values = catalogValues(cat, input, false);
  if (values.is_default) await clearOtherDefaults(tx, accountId, cat.table);
  return tx
    .insertInto(cat.table)
    .values({ ...values, account_id: accountId } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}
