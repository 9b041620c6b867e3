import { recordOrderPayment } from '../../../app/billit/record-order-payment.js';
import { brusselsDate } from '../../../domain/be/clock.js';
import { BillitError } from '../billit-error.js';
import type { Route } from '../context.js';
import { parseBillitDate } from '../dates.js';
import { ownOrder } from './orders-state.js';

/** Billit's PaymentType (E orders.ts) as the SAF-T payment mechanism the account's payment method is found by. */
const MECHANISM: Readonly<Record<string, string>> = {
  wired: 'TB',
  domiciliation: 'TB',
  visa: 'CC',
  bancontact: 'CD',
  contant: 'NU',
  online: 'OU',
  privateaccount: 'OU',
  other: 'OU',
};

/**
 * `POST /v1/orders/{id}/payments`, in both body shapes real clients send: E's `{Amount, PaymentDate, PaymentType,
 * Reference}` and T's (= Billit's OpenAPI) `{Amount, Description, Date}`. The payment is a receipt (RG) of the core
 * for that amount, so the order's Paid, ToPay and OrderStatus follow from it; answers the receipt's id.
 */
export function registerOrdersPayments(route: Route): void {
  route('POST', '/orders/:id/payments', {}, async (c) => {
    const b = c.body;
    const amount = b.decimal('Amount');
    if (amount === undefined && !b.has('Amount')) b.fail('Required', 'The field Amount is required.');
    else if (amount !== undefined && !/^\d+(\.\d{1,2})?$/.test(amount.replace(',', '.')))
      b.fail('InvalidValue', 'Amount must be a positive amount with at most 2 decimals.');
    const rawDate = b.text('PaymentDate', 'Date');
    const date = rawDate ? parseBillitDate(rawDate) : undefined;
    if (rawDate && !date) b.fail('InvalidValue', `The value '${rawDate}' is not a valid date.`);
    const type = b.text('PaymentType');
    const mechanism = type ? MECHANISM[type.trim().toLowerCase()] : undefined;
    if (type && !mechanism)
      b.fail('InvalidValue', `The PaymentType '${type}' is not one of ${Object.keys(MECHANISM).join(', ')}.`);
    const note = [b.text('Reference'), b.text('Description')].filter(Boolean).join(' — ') || null;
    b.check();
    if (amount === undefined) throw BillitError.bad('InvalidValue', 'Amount must be a positive amount.');
    return ownOrder(c, () =>
      c.docTx((tx) =>
        recordOrderPayment(tx, c.ctx, c.id, {
          amount: amount.replace(',', '.'),
          date: date?.date ?? brusselsDate(c.ctx.now),
          ...(mechanism ? { mechanism } : {}),
          note,
        }),
      ),
    );
  });
}
