import type { Tx } from '../context.js';
import { checkOwned, checkOwnedList } from '../check-owned.js';

/** Foreign ids on a contact (default payment and shipping methods, contact types) must belong to the same account. */
export async function checkContactReferences(
  tx: Tx,
  accountId: number,
  values: Record<string, unknown>,
  path = '',
): Promise<void> {
  const f = (n: string) => (path ? `${path}.${n}` : n);
  await checkOwned(tx, accountId, [
    [f('defaultPaymentMethodId'), 'payment_methods', values.default_payment_method_id, 'payment method'],
    [f('defaultShippingMethodId'), 'shipping_methods', values.default_shipping_method_id, 'shipping method'],
  ]);
  const typeIds = (values.type_ids as number[] | undefined) ?? [];
  await checkOwnedList(tx, accountId, f('typeIds'), 'contact_types', typeIds, 'contact type');
}
