import type { Tx } from '../context.js';
import type { Catalog } from './catalogs.js';

export async function listCatalog(tx: Tx, accountId: number, cat: Catalog) {
  return tx
    .selectFrom(cat.table as 'units')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}
