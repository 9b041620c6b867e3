import { deleteOrder } from '../../../app/billit/delete-order.js';
import { type OrderPatch, patchOrder } from '../../../app/billit/patch-order.js';
import { DomainError } from '../../../domain/errors.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { parseBillitDate } from '../dates.js';
import { billitTypeOfDoc } from '../order-types.js';

/** What Billit lets a client change on an order (B order.py; D update-order): anything else is refused. */
const PATCHABLE = [
  'Paid',
  'PaidDate',
  'IsSent',
  'ApprovalStatus',
  'AccountCode',
  'InternalInfo',
  'Invoiced',
  'AccountantVerificationNeeded',
];

const typeName = (docType: string) => billitTypeOfDoc(docType, null);

/** An OrderID the party does not own (or one Billit deleted) answers 401, as Billit does (D 401.md). */
export async function ownOrder<T>(c: Call, fn: () => Promise<T>): Promise<T> {
  if (!c.id) throw BillitError.unauthorized();
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw BillitError.unauthorized();
    throw err;
  }
}

function readPatch(c: Call): OrderPatch {
  const b = c.body;
  const unknown = b.keys().filter((k) => !PATCHABLE.some((p) => p.toLowerCase() === k.toLowerCase()));
  if (unknown.length)
    throw new BillitError(
      400,
      unknown.map((k) => ({
        Code: 'GenericError',
        Description: `The property '${k}' cannot be patched; patchable properties: ${PATCHABLE.join(', ')}.`,
      })),
    );
  const patch: OrderPatch = {};
  const paid = b.bool('Paid');
  if (paid !== undefined) patch.paid = paid;
  if (b.isNull('PaidDate')) patch.paidDate = null;
  else {
    const raw = b.text('PaidDate');
    if (raw) {
      const d = parseBillitDate(raw);
      if (!d) b.fail('InvalidValue', `The value '${raw}' of PaidDate is not a valid date.`);
      else patch.paidDate = d.dateTime;
    }
  }
  const isSent = b.bool('IsSent');
  if (isSent !== undefined) patch.isSent = isSent;
  const avn = b.bool('AccountantVerificationNeeded');
  if (avn !== undefined) patch.accountantVerificationNeeded = avn;
  if (b.sent('Invoiced')) patch.invoiced = b.isNull('Invoiced') ? null : (b.bool('Invoiced') ?? null);
  for (const [key, field] of [
    ['ApprovalStatus', 'approvalStatus'],
    ['AccountCode', 'accountCode'],
    ['InternalInfo', 'internalInfo'],
  ] as const) {
    if (!b.sent(key)) continue;
    const v = b.text(key);
    if (v !== undefined) patch[field] = v === null ? null : v.trim() || null;
  }
  b.check();
  return patch;
}

/**
 * `PATCH /v1/orders/{id}` (only Billit's patchable fields; Paid settles an invoice through a receipt, see
 * patchOrder) → 200 with no body. `DELETE /v1/orders/{id}` → `true`, only before the order was sent: a draft is
 * deleted, an issued order cancelled with its number kept (deleteOrder).
 */
export function registerOrdersState(route: Route): void {
  route('PATCH', '/orders/:id', {}, async (c) => {
    const patch = readPatch(c);
    await ownOrder(c, () => c.docTx((tx) => patchOrder(tx, c.ctx, c.id, typeName, patch)));
    return undefined;
  });

  route('DELETE', '/orders/:id', {}, async (c) => {
    await ownOrder(c, () => c.docTx((tx) => deleteOrder(tx, c.ctx, c.id, typeName)));
    return true;
  });
}
