import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BillitError } from './billit-error.js';
import { orderQueryOf } from './odata-orders.js';

test("E's wire form reads as OrderType and a date bound, clamped to 120, sorted by date", () => {
  const { query } = orderQueryOf(
    '%24top=200&%24skip=0&%24filter=OrderType+eq+%27Invoice%27+and+%28OrderDate+gt+2026-01-01%29&%24orderby=OrderDate+desc',
    7,
  );
  assert.deepEqual(query.where, {
    kind: 'and',
    all: [
      { kind: 'compare', field: 'orderType', op: 'eq', value: 'Invoice' },
      { kind: 'compare', field: 'date', op: 'gt', value: '2026-01-01' },
    ],
  });
  assert.deepEqual([query.limit, query.offset, query.order], [120, 0, [{ field: 'date', dir: 'desc' }]]);
});

test('a date compared with a time of day, instants on the Brussels clock, constants decided here', () => {
  const where = (f: string) => orderQueryOf(`$filter=${encodeURIComponent(f)}`, 7).query.where;
  assert.deepEqual(where("OrderDate ge datetime'2026-01-01T10:00:00Z'"), {
    kind: 'compare',
    field: 'date',
    op: 'gt',
    value: '2026-01-01',
  });
  assert.deepEqual(where("LastModified ge DateTime'2026-07-01T00:00:00Z'"), {
    kind: 'compare',
    field: 'updatedAt',
    op: 'ge',
    value: '2026-07-01T02:00:00',
  });
  assert.deepEqual(where('CompanyID eq 7'), { kind: 'const', value: true });
  assert.deepEqual(where("OrderDirection eq 'cost'"), { kind: 'compare', field: 'direction', op: 'eq', value: 'Cost' });
  assert.deepEqual(where("ExternalProviderID eq 'X-1'"), { kind: 'const', value: false });
  assert.deepEqual(where('orderstatus eq "paid"'), { kind: 'compare', field: 'orderStatus', op: 'eq', value: 'Paid' });
});

test("an unknown property is Billit's GenericError text, for $filter and $orderby alike", () => {
  for (const q of ["$filter=VATNumber eq 'BE1'", '$orderby=VATNumber desc']) {
    assert.throws(
      () => orderQueryOf(q, 7),
      (e: unknown) =>
        e instanceof BillitError &&
        e.status === 400 &&
        e.errors[0]!.Code === 'GenericError' &&
        e.errors[0]!.Description ===
          "Could not find a property named 'VATNumber' on type 'Domain.Order.OrderPartyPerformanceSafeColumns'.",
    );
  }
  assert.throws(() => orderQueryOf('$top=abc', 7), BillitError);
});

test("OrderNumber eq/ne and text functions look at the legal number and the client's own; gt and null the legal one", () => {
  const where = (f: string) => orderQueryOf(`$filter=${encodeURIComponent(f)}`, 7).query.where;
  const both = (op: 'eq' | 'ne') =>
    (['number', 'clientNumber'] as const).map((field) => ({ kind: 'compare', field, op, value: 'ERP-1' }));
  assert.deepEqual(where("OrderNumber eq 'ERP-1'"), { kind: 'or', any: both('eq') });
  assert.deepEqual(where("OrderNumber ne 'ERP-1'"), { kind: 'and', all: both('ne') });
  assert.deepEqual(where("startswith(OrderNumber, 'ERP')"), {
    kind: 'or',
    any: (['number', 'clientNumber'] as const).map((field) => ({
      kind: 'text',
      field,
      fn: 'startswith',
      value: 'ERP',
    })),
  });
  assert.deepEqual(where("OrderNumber gt 'FT A2026/1'"), {
    kind: 'compare',
    field: 'number',
    op: 'gt',
    value: 'FT A2026/1',
  });
  assert.deepEqual(where('OrderNumber eq null'), { kind: 'compare', field: 'number', op: 'eq', value: null });
});
