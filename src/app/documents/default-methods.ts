import { DomainError } from '../../domain/errors.js';
import { WritesNeeded, type Tx } from '../context.js';
import type { ContactInput } from '../contacts/contact-input.js';
import { resolveCustomer } from '../contacts/resolve-customer.js';

export interface DocumentMethods {
  paymentMethodId: number | null;
  shippingMethodId: number | null;
}

/**
 * The payment and shipping methods a new document gets when its request names none: the customer's, else the
 * account's default one. Reads only: an inline customer that does not exist yet counts with the methods it brings;
 * a customer that cannot be resolved is left for the create use case to report, in its order.
 */
export async function defaultDocumentMethods(
  tx: Tx,
  accountId: number,
  contactId: number | null | undefined,
  inline: (ContactInput & { id?: number | null }) | null | undefined,
): Promise<DocumentMethods> {
  let customer: DocumentMethods;
  try {
    const c = await resolveCustomer(tx, accountId, contactId, inline, true);
    customer = { paymentMethodId: c.default_payment_method_id, shippingMethodId: c.default_shipping_method_id };
  } catch (err) {
    // An inline customer still to be created (WritesNeeded), or one that cannot be resolved (a DomainError the
    // create reports in its order); a database failure propagates.
    if (!(err instanceof WritesNeeded || err instanceof DomainError)) throw err;
    customer = {
      paymentMethodId: inline?.defaultPaymentMethodId ?? null,
      shippingMethodId: inline?.defaultShippingMethodId ?? null,
    };
  }
  return {
    paymentMethodId: customer.paymentMethodId ?? (await accountDefault(tx, 'payment_methods', accountId)) ?? null,
    shippingMethodId: customer.shippingMethodId ?? (await accountDefault(tx, 'shipping_methods', accountId)) ?? null,
  };
}

async function accountDefault(
  tx: Tx,
  table: 'payment_methods' | 'shipping_methods',
  accountId: number,
): Promise<number | undefined> {
  const row = await tx
    .selectFrom(table)
    .select('id')
    .where('account_id', '=', accountId)
    .where('is_default', '=', true)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}
