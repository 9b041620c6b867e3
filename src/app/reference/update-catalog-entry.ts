import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { type Catalog, catalogValues } from './catalogs.js';
import { clearOtherDefaults } from './clear-other-defaults.js';

export async function updateCatalogEntry(
  tx: Tx,
  accountId: number,
  cat: Catalog,
  id: number,
  input: Record<string, unknown>,
) {
  const values = catalogValues(cat, input, true);
  const exists = await tx
    .selectFrom(cat.table as 'units')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!exists) throw notFound(cat.resource, id);
  if (values.is_default) await clearOtherDefaults(tx, accountId, cat.table);
  // A DELETE that committed between the check and here leaves nothing to read or update: that is a 404 too.
  const row = !Object.keys(values).length
    ? await tx
        .selectFrom(cat.table as 'units')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst()
    : await tx
        .updateTable(cat.table as 'units')
        .set(values as never)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
  if (!row) throw notFound(cat.resource, id);
  return row;
}
