import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Foreign ids on an item must belong to the same account. */
export async function checkItemReferences(tx: Tx, accountId: number, values: Record<string, unknown>): Promise<void> {
  const refs: [string, 'units' | 'taxes', unknown][] = [
    ['unitId', 'units', values.unit_id],
    ['taxId', 'taxes', values.tax_id],
    ['purchaseTaxId', 'taxes', values.purchase_tax_id],
  ];
  for (const [field, table, id] of refs) {
    if (id === undefined || id === null) continue;
    const row = await tx
      .selectFrom(table)
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (!row)
      throw new DomainError(
        'not_found',
        `${field} ${id} does not exist.`,
        [{ field, issue: 'unknown', message: 'Not found in this account.' }],
        { resource: table === 'units' ? 'unit' : 'tax' },
      );
  }
  const categoryIds = (values.category_ids as number[] | undefined) ?? [];
  if (categoryIds.length) {
    const found = await tx
      .selectFrom('item_categories')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', 'in', categoryIds.map(Number))
      .execute();
    const missing = categoryIds.find((id) => !found.some((r) => r.id === Number(id)));
    if (missing !== undefined)
      throw new DomainError(
        'not_found',
        `Item category ${missing} does not exist.`,
        [{ field: 'categoryIds', issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'item category' },
      );
  }
}
