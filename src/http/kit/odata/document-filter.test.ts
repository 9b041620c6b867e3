import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from './filter-parser.js';
import { parseODataQuery } from './query.js';
import { type ODataFieldMap, toDocumentFilter, toDocumentOrder, toPageRequest } from './document-filter.js';
import { ODataError } from './odata-error.js';

/** A Billit-like map, as the coming dialect would declare it. */
const billit: ODataFieldMap = {
  OrderType: { to: 'type', values: { Invoice: ['FT', 'FR', 'FS'], CreditNote: 'NC' } },
  OrderStatus: { to: 'status', values: { Draft: 'draft', ToSend: 'final', Cancelled: 'cancelled' } },
  OrderDate: { to: 'date' },
  ExpiryDate: { to: 'dueDate' },
  Paid: { to: 'paid' },
  'CounterParty/PartyID': { to: 'contactId' },
  OrderNumber: { to: 'number' },
  TotalExcl: { to: 'net' },
  OrderID: { to: 'id' },
};

const filterOf = (f: string) => toDocumentFilter(parseFilter(f), billit);

test("OrderType eq 'Invoice' and Paid eq false", () => {
  assert.deepEqual(filterOf("OrderType eq 'Invoice' and Paid eq false"), { types: ['FT', 'FR', 'FS'], paid: false });
});

test('dates: datetime, bare dates and date-times become inclusive calendar bounds', () => {
  assert.deepEqual(filterOf("OrderDate ge datetime'2024-01-01'"), { dateFrom: '2024-01-01' });
  assert.deepEqual(filterOf('OrderDate gt 2026-01-01'), { dateFrom: '2026-01-02' });
  assert.deepEqual(filterOf("OrderDate ge DateTime'2024-01-01T10:00:00'"), { dateFrom: '2024-01-02' });
  assert.deepEqual(filterOf("OrderDate ge datetime'2024-01-01T00:00:00Z'"), { dateFrom: '2024-01-01' });
  assert.deepEqual(filterOf('OrderDate lt 2024-03-01'), { dateTo: '2024-02-29' });
  assert.deepEqual(
    filterOf("OrderDate le '2024-03-01T12:00:00' and OrderDate ge 2024-02-01 and OrderDate ge 2024-02-10"),
    {
      dateTo: '2024-03-01',
      dateFrom: '2024-02-10',
    },
  );
  assert.deepEqual(filterOf('ExpiryDate eq 2024-05-01'), { dueFrom: '2024-05-01', dueTo: '2024-05-01' });
});

test('or between values of one enum property is one list; not is pushed inwards', () => {
  assert.deepEqual(filterOf("(OrderType eq 'Invoice' or OrderType eq 'CreditNote') and not (Paid eq true)"), {
    types: ['FT', 'FR', 'FS', 'NC'],
    paid: false,
  });
  assert.deepEqual(filterOf('CounterParty/PartyID eq 42 and TotalExcl ge 10.5'), { contactId: 42, netFrom: '10.5' });
  assert.deepEqual(filterOf("contains(OrderNumber, 'FT 2026')"), { likes: [{ field: 'doc_no', value: 'FT 2026' }] });
  assert.deepEqual(filterOf("orderstatus eq 'draft'"), { statuses: ['draft'] });
});

test("a property the dialect doesn't list is a property error naming it (Billit's GenericError text)", () => {
  assert.throws(
    () => filterOf("VATNumber eq 'BE0123'"),
    (e: unknown) => e instanceof ODataError && e.kind === 'property' && e.property === 'VATNumber',
  );
});

test('what the app filter cannot express is refused, never widened', () => {
  for (const f of [
    "OrderType eq 'Invoice' or Paid eq true",
    "OrderType ne 'Invoice'",
    "OrderType eq 'Offer'",
    'TotalExcl gt 10',
    "startswith(OrderNumber, 'FT')",
    "OrderDate eq DateTime'2024-01-01T10:00:00'",
  ]) {
    assert.throws(
      () => filterOf(f),
      (e: unknown) => e instanceof ODataError && e.kind === 'unsupported',
      f,
    );
  }
});

test('query options: $top clamped, $skip, $orderby, $count, $select, case-insensitive names', () => {
  const q = parseODataQuery(
    '?%24top=200&%24skip=0&%24filter=OrderType+eq+%27Invoice%27+and+%28OrderDate+gt+2026-01-01%29&%24orderby=OrderDate+desc',
    { defaultTop: 120, maxTop: 120 },
  );
  assert.equal(q.top, 120);
  assert.equal(q.skip, 0);
  assert.deepEqual(q.orderby, [{ field: 'OrderDate', dir: 'desc' }]);
  assert.deepEqual(toDocumentFilter(q.filter, billit), { types: ['FT', 'FR', 'FS'], dateFrom: '2026-01-02' });
  assert.deepEqual(toDocumentOrder(q.orderby, billit), { field: 'doc_date', dir: 'desc' });
  assert.deepEqual(toPageRequest(240, 120), { page: 3, perPage: 120 });
  const r = parseODataQuery(
    { $Top: '5', $SKIP: '10', $count: 'true', $select: 'OrderID, OrderNumber' },
    { defaultTop: 120, maxTop: 120 },
  );
  assert.deepEqual(r, { top: 5, skip: 10, orderby: [], count: true, select: ['OrderID', 'OrderNumber'] });
  assert.equal(parseODataQuery({ $inlinecount: 'allpages' }, { defaultTop: 20, maxTop: 120 }).count, true);
  assert.equal(parseODataQuery({}, { defaultTop: 20, maxTop: 120 }).top, 20);
});

test('bad options are option errors; an orderby property must be sortable', () => {
  for (const q of [{ $top: '-1' }, { $skip: 'x' }, { $count: 'yes' }]) {
    assert.throws(
      () => parseODataQuery(q, { defaultTop: 20, maxTop: 120 }),
      (e: unknown) => e instanceof ODataError && e.kind === 'option',
    );
  }
  assert.throws(
    () => toPageRequest(5, 10),
    (e: unknown) => e instanceof ODataError && e.kind === 'option',
  );
  assert.throws(
    () => toDocumentOrder([{ field: 'Paid', dir: 'asc' }], billit),
    (e: unknown) => e instanceof ODataError && e.kind === 'property',
  );
});
