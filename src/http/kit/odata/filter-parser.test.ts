import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from './filter-parser.js';
import { ODataError } from './odata-error.js';

// The filters below are those of billit-magnifinance.md §1 (Billit's docs and what its clients send on the wire).

test("Billit docs: OrderDate ge datetime'2024-01-01' (a date-only datetime literal)", () => {
  assert.deepEqual(parseFilter("OrderDate ge datetime'2024-01-01'"), {
    kind: 'compare',
    field: 'OrderDate',
    op: 'ge',
    value: { kind: 'date', value: '2024-01-01' },
  });
});

test("Billit docs: LastModified ge DateTime'2022-01-01' and a DateTime with a time", () => {
  assert.deepEqual(parseFilter("LastModified ge DateTime'2022-01-01'").kind, 'compare');
  assert.deepEqual(parseFilter("LastModified gt DateTime'2022-01-01T10:15:00'"), {
    kind: 'compare',
    field: 'LastModified',
    op: 'gt',
    value: { kind: 'datetime', value: '2022-01-01T10:15:00' },
  });
});

test("OrderType eq 'Invoice' and Paid eq false", () => {
  assert.deepEqual(parseFilter("OrderType eq 'Invoice' and Paid eq false"), {
    kind: 'and',
    all: [
      { kind: 'compare', field: 'OrderType', op: 'eq', value: { kind: 'string', value: 'Invoice' } },
      { kind: 'compare', field: 'Paid', op: 'eq', value: { kind: 'boolean', value: false } },
    ],
  });
});

test("on the wire (billit-mcp): OrderType eq 'Invoice' and (OrderDate gt 2026-01-01), decoded from +/%27", () => {
  const raw = 'OrderType+eq+%27Invoice%27+and+%28OrderDate+gt+2026-01-01%29';
  const decoded = new URLSearchParams(`f=${raw}`).get('f')!;
  assert.deepEqual(parseFilter(decoded), {
    kind: 'and',
    all: [
      { kind: 'compare', field: 'OrderType', op: 'eq', value: { kind: 'string', value: 'Invoice' } },
      { kind: 'compare', field: 'OrderDate', op: 'gt', value: { kind: 'date', value: '2026-01-01' } },
    ],
  });
});

test('paths, double quotes, numbers, and or/not with precedence', () => {
  assert.deepEqual(parseFilter('CounterParty/PartyID eq 123'), {
    kind: 'compare',
    field: 'CounterParty/PartyID',
    op: 'eq',
    value: { kind: 'number', value: '123' },
  });
  assert.deepEqual(parseFilter('ExternalProviderID eq "ab""c"').kind, 'compare');
  assert.equal((parseFilter('ExternalProviderID eq "ab""c"') as { value: { value: string } }).value.value, 'ab"c');
  assert.equal((parseFilter("Name eq 'O''Brien'") as { value: { value: string } }).value.value, "O'Brien");
  const e = parseFilter("A eq 1 or B eq 2 and not (C eq 'x')");
  assert.equal(e.kind, 'or');
  assert.equal(e.kind === 'or' && e.any[1]!.kind, 'and');
  assert.deepEqual(parseFilter('TotalExcl ge 10.50m'), {
    kind: 'compare',
    field: 'TotalExcl',
    op: 'ge',
    value: { kind: 'number', value: '10.50' },
  });
  assert.deepEqual(parseFilter('2026-01-01 lt OrderDate'), {
    kind: 'compare',
    field: 'OrderDate',
    op: 'gt',
    value: { kind: 'date', value: '2026-01-01' },
  });
});

test("contains, startswith and v2's substringof", () => {
  assert.deepEqual(parseFilter("contains(OrderNumber,'2026')"), {
    kind: 'text',
    fn: 'contains',
    field: 'OrderNumber',
    value: '2026',
  });
  assert.deepEqual(
    parseFilter("substringof('2026', OrderNumber) eq true"),
    parseFilter("contains(OrderNumber,'2026')"),
  );
});

test('malformed filters are syntax errors with a position', () => {
  for (const bad of [
    "OrderType eq 'Invoice",
    'OrderType eq',
    'and',
    'A eq 1)',
    "OrderDate ge datetime'yesterday'",
    'A ~ 1',
  ]) {
    assert.throws(
      () => parseFilter(bad),
      (e: unknown) => e instanceof ODataError && e.kind === 'syntax' && /position \d+/.test(e.message),
      bad,
    );
  }
});
