import type { Tx } from '../context.js';

/** One default per account: setting a new one clears the previous. */
export async function clearOtherDefaults(
  tx: Tx,
  accountId: number,
  table:
    | 'units'
    | 'payment_methods'
    | 'shipping_methods'
    | 'vehicles'
    | 'document_states'
    | 'contact_types'
    | 'item_categories'
    | 'taxes'
    | 'series'
    | 'stores',
): Promise<void> {
  await tx
    .updateTable(table as 'units')
    .set({ is_default: false })
    .where('account_id', '=', accountId)
    .where('is_default', '=', true)
    .execute();
}
