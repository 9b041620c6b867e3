import type { BookingEntry } from '../../../app/billit/booking-entry.js';
import { loadCostOrder } from '../../../app/billit/load-cost-order.js';
import { loadOrders } from '../../../app/billit/load-orders.js';
import { saveBookingEntries } from '../../../app/billit/save-booking-entries.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { purchaseIdOf } from '../order-ids.js';
import { BillitInput } from '../reader.js';

/** At most this many entries in one request (an order's bookkeeping, not a ledger import). */
const MAX_ENTRIES = 500;

/** The names an entry's known fields go by (T sends `GLAccount`); any other field is kept as sent. */
const FIELDS = {
  glAccount: ['GLAccount', 'GLAccountCode', 'GeneralLedgerAccount', 'AccountCode'],
  amount: ['Amount', 'AmountExcl', 'TotalExcl'],
  vatPercentage: ['VATPercentage', 'VAT', 'VatPercentage'],
  vatAmount: ['VATAmount', 'AmountVAT', 'TotalVAT'],
  description: ['Description'],
  journal: ['Journal', 'JournalCode'],
};
const KNOWN = new Set(
  Object.values(FIELDS)
    .flat()
    .map((k) => k.toLowerCase()),
);

/** An OrderID of the account (a sale, or a Cost order), not deleted; else 401 as Billit answers (D 401.md). */
async function ownOrderId(c: Call): Promise<number> {
  const id = c.id;
  if (!id) throw BillitError.unauthorized();
  const purchaseId = purchaseIdOf(id);
  const tracking = purchaseId
    ? (await loadCostOrder(c.db, c.accountId, id, purchaseId))?.tracking
    : (await loadOrders(c.db, c.accountId, [id]))[0]?.tracking;
  if (!tracking || tracking.deletedAt) throw BillitError.unauthorized();
  return id;
}

/** The entries of the body: a JSON array of objects (T and B send that), or `{BookingEntries: [...]}`. */
function readEntries(c: Call): BookingEntry[] {
  const raw = c.request.body;
  const wrapped =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? c.body.list('BookingEntries', 'Entries') : undefined;
  const items: BillitInput[] = Array.isArray(raw)
    ? raw.map((x, i) => {
        if (!x || typeof x !== 'object' || Array.isArray(x))
          throw BillitError.bad('InvalidValue', `Booking entry [${i}] is not an object.`);
        return new BillitInput(x as Record<string, unknown>, undefined, `[${i}]`);
      })
    : (wrapped ?? []);
  if (!Array.isArray(raw) && !wrapped)
    throw BillitError.bad('InvalidValue', 'The body must be the list of booking entries.');
  if (items.length > MAX_ENTRIES)
    throw BillitError.bad('InvalidValue', `At most ${MAX_ENTRIES} booking entries are taken at once.`);
  const entries = items.map((b, i) => {
    const glAccount = b.text(...FIELDS.glAccount) ?? null;
    if (!glAccount) b.fail('InvalidValue', `Booking entry [${i}] needs its GLAccount.`);
    return {
      glAccount,
      amount: b.decimal(...FIELDS.amount) ?? null,
      vatPercentage: b.decimal(...FIELDS.vatPercentage) ?? null,
      vatAmount: b.decimal(...FIELDS.vatAmount) ?? null,
      description: b.text(...FIELDS.description) ?? null,
      journal: b.text(...FIELDS.journal) ?? null,
      extra: Object.fromEntries(Object.entries(b.data).filter(([k]) => !KNOWN.has(k.toLowerCase()))),
    };
  });
  for (const b of items) b.check();
  return entries;
}

/**
 * Booking entries of an order (issue #17, "Booking entries as Billit exposes them"): `PUT /v1/orders/{id}/bookingEntries`
 * (T) replaces them, `POST /v1/orders/{id}/booking` (B) adds to them; both take the list of entries and answer 200.
 * GET /v1/orders/{id} shows them as `BookingEntries`. Sales and Cost orders alike.
 */
export function registerOrdersBooking(route: Route): void {
  const save = (mode: 'replace' | 'add') => async (c: Call) => {
    const id = await ownOrderId(c);
    const entries = readEntries(c);
    await c.tx((tx) => saveBookingEntries(tx, c.accountId, id, entries, mode));
  };
  route('PUT', '/orders/:id/bookingEntries', {}, save('replace'));
  route('POST', '/orders/:id/booking', {}, save('add'));
}
