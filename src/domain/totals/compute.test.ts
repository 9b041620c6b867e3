import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeTotals, type LineInput, type TaxRef } from './compute.js';
import { Decimal, dec } from '../money/decimal.js';

const vat = (rate: number, region = 'PT'): TaxRef => ({
  type: 'IVA',
  region,
  rate: dec(rate),
  code: rate === 0 ? 'ISE' : rate >= 20 ? 'NOR' : rate >= 12 ? 'INT' : 'RED',
});
const line = (qty: string, price: string, rate: number, discounts: string[] = []): LineInput => ({
  quantity: dec(qty),
  unitPrice: dec(price),
  discounts: discounts.map(dec),
  tax: vat(rate),
});

test('seed 002: two lines 10.00 and 5.00 at 23% give tax 3.45 and total 18.45', () => {
  const t = computeTotals({ lines: [line('1', '10.0', 23), line('1', '5.0', 23)], vatIncluded: false });
  assert.equal(t.netTotal.toFixed(2), '15.00');
  assert.equal(t.taxTotal.toFixed(2), '3.45');
  assert.equal(t.grossTotal.toFixed(2), '18.45');
  assert.deepEqual(
    t.lines.map((l) => [l.tax.toFixed(2), l.gross.toFixed(2)]),
    [
      ['2.30', '12.30'],
      ['1.15', '6.15'],
    ],
  );
});

test('seed 003: 24.3902 at 23% gives 24.39 + 5.61 = 30.00', () => {
  const t = computeTotals({ lines: [line('1', '24.3902', 23)], vatIncluded: false });
  assert.equal(t.netTotal.toFixed(2), '24.39');
  assert.equal(t.taxTotal.toFixed(2), '5.61');
  assert.equal(t.grossTotal.toFixed(2), '30.00');
});

test('seed 001: 2.23 at 23% gives 0.51 and 2.74', () => {
  const t = computeTotals({ lines: [line('1', '2.23', 23)], vatIncluded: false });
  assert.equal(t.taxTotal.toFixed(2), '0.51');
  assert.equal(t.grossTotal.toFixed(2), '2.74');
});

test('seed 004: 1×10.00 at 6% + 2×3.75 at 21% gives net 17.50, VAT 2.18, total 19.68', () => {
  const t = computeTotals({ lines: [line('1', '10.00', 6), line('2', '3.75', 21)], vatIncluded: false });
  assert.equal(t.netTotal.toFixed(2), '17.50');
  assert.equal(t.taxTotal.toFixed(2), '2.18');
  assert.equal(t.grossTotal.toFixed(2), '19.68');
  assert.equal(t.taxGroups.length, 2);
});

test('cascaded discounts and a percentage global discount', () => {
  // 5 × 100 with 50% line discount → 250; then 10% and 10% cascaded → 202.50; global 50% → 101.25
  const t = computeTotals({
    lines: [line('5', '100', 23, ['50', '10', '10'])],
    vatIncluded: false,
    globalDiscount: { kind: 'percent', value: dec(50) },
  });
  assert.equal(t.netTotal.toFixed(2), '101.25');
  assert.equal(t.discountTotal.toFixed(2), '398.75');
  assert.equal(t.taxTotal.toFixed(2), '23.29');
  assert.equal(t.grossTotal.toFixed(2), '124.54');
});

test('an absolute global discount is pro-rated and its shares add up exactly', () => {
  const t = computeTotals({
    lines: [line('1', '10', 23), line('1', '20', 23), line('1', '30', 6)],
    vatIncluded: false,
    globalDiscount: { kind: 'amount', value: dec('10') },
  });
  assert.equal(t.netTotal.toFixed(2), '50.00');
  const lineNets = t.lines.reduce((s, l) => s.plus(l.net), new Decimal(0));
  assert.equal(lineNets.toFixed(10), '50.0000000000');
});

test('VAT-included prices derive the net from the gross per rate (3 × 1.00 at 23%)', () => {
  const t = computeTotals({ lines: [line('3', '1.00', 23)], vatIncluded: true });
  assert.equal(t.grossTotal.toFixed(2), '3.00');
  assert.equal(t.netTotal.toFixed(2), '2.44');
  assert.equal(t.taxTotal.toFixed(2), '0.56');
  assert.equal(t.lines[0].unitNet.toFixed(6), '0.813008');
});

test('withholding is computed on the net and never reduces the gross total', () => {
  const t = computeTotals({ lines: [line('1', '1000', 20)], vatIncluded: false, withholdingRate: dec(15) });
  assert.equal(t.grossTotal.toFixed(2), '1200.00');
  assert.equal(t.withholdingAmount.toFixed(2), '150.00');
  assert.equal(t.payableTotal.toFixed(2), '1050.00');
});

test('the rounding adjustment changes only the amount payable', () => {
  const t = computeTotals({ lines: [line('1', '2.23', 23)], vatIncluded: false, roundingAdjustment: dec('0.01') });
  assert.equal(t.grossTotal.toFixed(2), '2.74');
  assert.equal(t.payableTotal.toFixed(2), '2.75');
});

const arbDecimal = (maxInt: number, places: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 }))
    .map(([i, f]) => dec(`${i}.${String(f).padStart(places, '0')}`));
const arbLine = fc.record({
  quantity: arbDecimal(1000, 3).filter((d) => d.gt(0)),
  unitPrice: arbDecimal(100000, 4),
  discounts: fc.array(arbDecimal(99, 2), { maxLength: 3 }),
  tax: fc.constantFrom(vat(23), vat(13), vat(6), vat(0), vat(16, 'PT-AC'), vat(22, 'PT-MA'), vat(21, 'BE')),
});
const arbInput = fc.record({
  lines: fc.array(arbLine, { minLength: 1, maxLength: 12 }),
  vatIncluded: fc.boolean(),
  globalDiscount: fc.option(
    fc.record({ kind: fc.constant('percent' as const), value: arbDecimal(100, 2).filter((d) => d.lte(100)) }),
    { nil: undefined },
  ),
});

test('property: gross = net + tax, to the cent, and per-rate groups add up to the totals', () => {
  fc.assert(
    fc.property(arbInput, (input) => {
      const t = computeTotals(input);
      assert.ok(t.grossTotal.eq(t.netTotal.plus(t.taxTotal)));
      assert.ok(t.netTotal.eq(t.taxGroups.reduce((s, g) => s.plus(g.base), new Decimal(0))));
      assert.ok(t.taxTotal.eq(t.taxGroups.reduce((s, g) => s.plus(g.tax), new Decimal(0))));
      for (const v of [t.netTotal, t.taxTotal, t.grossTotal, t.discountTotal])
        assert.equal(v.decimalPlaces() <= 2, true);
      for (const g of t.taxGroups) assert.ok(g.base.gte(0) && g.tax.gte(0));
    }),
    { numRuns: 300 },
  );
});

test('property: discounts within 0–100% never raise a line above its undiscounted value nor below zero', () => {
  fc.assert(
    fc.property(arbInput, (input) => {
      const t = computeTotals({ ...input, vatIncluded: false });
      t.lines.forEach((l, i) => {
        const undiscounted = input.lines[i].quantity.times(input.lines[i].unitPrice);
        assert.ok(l.net.gte(0));
        assert.ok(l.net.lte(undiscounted.plus('0.0000000001')));
        assert.ok(l.discount.gte(0));
      });
    }),
    { numRuns: 300 },
  );
});

test('property: non-included VAT per group equals the group base times the rate, rounded half-up', () => {
  fc.assert(
    fc.property(arbInput, (input) => {
      const t = computeTotals({ ...input, vatIncluded: false });
      for (const g of t.taxGroups)
        assert.equal(
          g.tax.toFixed(2),
          g.base.times(g.rate).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
        );
    }),
    { numRuns: 200 },
  );
});
