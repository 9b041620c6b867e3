import type { Tx } from '../context.js';
import { checkOwned, checkOwnedList } from '../check-owned.js';

/** Foreign ids on an item must belong to the same account. */
export async function checkItemReferences(tx: Tx, accountId: number, values: Record<string, unknown>): Promise<void> {
  await checkOwned(tx, accountId, [
    ['unitId', 'units', values.unit_id, 'unit', 'unitId'],
    ['taxId', 'taxes', values.tax_id, 'tax', 'taxId'],
    ['purchaseTaxId', 'taxes', values.purchase_tax_id, 'tax', 'purchaseTaxId'],
  ]);
  const categoryIds = (values.category_ids as number[] | undefined) ?? [];
  await checkOwnedList(tx, accountId, 'categoryIds', 'item_categories', categoryIds, 'item category');
}
