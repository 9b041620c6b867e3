import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dec, Decimal } from '../money/decimal.js';
import { computeTotals } from './compute.js';
import { cascadeDiscounts, combinedDiscountPercent, lineAmounts, lineTax } from './line-amounts.js';

const line = (qty: string, price: string, rate: string, discounts: string[] = []) => ({
  quantity: dec(qty),
  unitPrice: dec(price),
  discounts: discounts.map(dec),
  taxRate: dec(rate),
});
const fixed = (v: Decimal) => v.toFixed();

test('seed 003: 1 × 24.3902 at 23% shows 24.39 + 5.61 = 30.00', () => {
  const a = lineAmounts(line('1', '24.3902', '23'));
  assert.equal(a.subtotal.toFixed(2), '24.39');
  assert.equal(a.discountAmount.toFixed(2), '0.00');
  assert.equal(a.tax.toFixed(2), '5.61');
  assert.equal(a.gross.toFixed(2), '30.00');
  assert.equal(a.total.toFixed(2), '30.00');
});

test('cascaded discounts 10% then 5% on 2 × 50.00: 85.50, a 14.5% combined discount, 4.50 off per unit', () => {
  const a = lineAmounts(line('2', '50', '23', ['10', '5', '0']));
  assert.equal(fixed(a.base), '100');
  assert.equal(fixed(a.value), '85.5');
  assert.equal(fixed(a.unitPrice), '42.75');
  assert.equal(fixed(a.discount), '14.5');
  assert.equal(fixed(a.discountPercent), '14.5');
  assert.equal(a.amount.toFixed(2), '85.50');
  assert.equal(a.tax.toFixed(2), '19.67');
  assert.equal(a.gross.toFixed(2), '105.17');
  assert.equal(a.total.toFixed(2), '105.17');
});

test('values keep 10 decimals: 3 × 0.3333333333 less 33.3333%', () => {
  const a = lineAmounts(line('3', '0.3333333333', '23', ['33.3333']));
  assert.equal(fixed(a.base), '0.9999999999');
  // 0.9999999999 × 66.6667 / 100 = 0.66666699993333…, half-up at 10 places.
  assert.equal(fixed(a.value), '0.6666669999');
  assert.equal(fixed(a.discount), '0.333333');
  assert.equal(a.amount.toFixed(2), '0.67');
});

test('a zero base reads its discounts as their sum', () => {
  const a = lineAmounts(line('1', '0', '23', ['10', '10']));
  assert.equal(fixed(a.discountPercent), '20');
  assert.equal(fixed(lineAmounts(line('1', '1', '23', ['10', '10'])).discountPercent), '19');
  assert.equal(fixed(combinedDiscountPercent([])), '0');
  assert.equal(fixed(cascadeDiscounts(dec(200), [dec(50), dec(50)])), '50');
});

test('VAT-included prices: the net derives from the gross, the tax is the difference (3 × 1.00 at 23%)', () => {
  const a = lineAmounts(line('3', '1', '23'), true);
  assert.equal(a.gross.toFixed(2), '3.00');
  assert.equal(a.net.toFixed(2), '2.44');
  assert.equal(a.tax.toFixed(2), '0.56');
  assert.deepEqual(lineTax(dec('3'), dec('23'), false), { net: dec('3.00'), tax: dec('0.69'), gross: dec('3.69') });
});

const arbDecimal = (maxInt: number, places: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 }))
    .map(([i, f]) => dec(`${i}.${String(f).padStart(places, '0')}`));

test('property: without a global discount, computeTotals shows every line as lineAmounts does', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          quantity: arbDecimal(1000, 4).filter((d) => !d.isZero()),
          unitPrice: arbDecimal(10000, 6),
          discounts: fc.array(arbDecimal(99, 2), { maxLength: 3 }),
          taxRate: fc.constantFrom(dec(23), dec(13), dec(6), dec(0), dec(16)),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      fc.boolean(),
      (lines, vatIncluded) => {
        const t = computeTotals({
          vatIncluded,
          lines: lines.map((l) => ({ ...l, tax: { type: 'IVA', region: 'PT', code: 'NOR', rate: l.taxRate } })),
        });
        lines.forEach((l, i) => {
          const a = lineAmounts(l, vatIncluded);
          assert.equal(fixed(t.lines[i].netRounded), fixed(a.net));
          assert.equal(fixed(t.lines[i].tax), fixed(a.tax));
          assert.equal(fixed(t.lines[i].gross), fixed(a.gross));
          if (!vatIncluded) assert.equal(fixed(t.lines[i].discount), fixed(a.discount));
          assert.ok(a.value.lte(a.base) && a.value.gte(0));
        });
      },
    ),
  );
});
