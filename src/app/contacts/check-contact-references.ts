import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** Foreign ids on a contact (default payment and shipping methods, contact types) must belong to the same account. */
export async function checkContactReferences(
  tx: Tx,
  accountId: number,
  values: Record<string, unknown>,
  path = '',
): Promise<void> {
  const f = (n: string) => (path ? `${path}.${n}` : n);
  const refs = [
    ['defaultPaymentMethodId', 'payment_methods', values.default_payment_method_id, 'payment method'],
    ['defaultShippingMethodId', 'shipping_methods', values.default_shipping_method_id, 'shipping method'],
  ] as const;
  for (const [field, table, id, resource] of refs) {
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
        `${resource} ${id} does not exist.`,
        [{ field: f(field), issue: 'unknown', message: 'Not found in this account.' }],
        { resource },
      );
  }
  const typeIds = (values.type_ids as number[] | undefined) ?? [];
  if (typeIds.length) {
    const found = await tx
      .selectFrom('contact_types')
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', 'in', typeIds.map(Number))
      .execute();
    const missing = typeIds.find((id) => !found.some((r) => r.id === Number(id)));
    if (missing !== undefined)
      throw new DomainError(
        'not_found',
        `Contact type ${missing} does not exist.`,
        [{ field: f('typeIds'), issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'contact type' },
      );
  }
}
