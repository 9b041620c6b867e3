import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeTotals, type LineInput } from './compute.js';
import { type ReconcileDocument, documentTotalsProblem } from './reconcile.js';
import { dec } from '../money/decimal.js';

const RATES = [23, 13, 6, 0];
const line = (qty: string, price: string, rate: number, discounts: string[] = []): LineInput => ({
  quantity: dec(qty),
  unitPrice: dec(price),
  discounts: discounts.map(dec),
  tax: {
    type: 'IVA',
    region: 'PT',
    rate: dec(rate),
    code: rate === 0 ? 'ISE' : rate === 23 ? 'NOR' : rate === 13 ? 'INT' : 'RED',
  },
});

/** A document as stored (with the lines' gross and the price mode) and as a SAF-T file shows it (neither). */
function stored(
  lines: LineInput[],
  vatIncluded: boolean,
  discount?: string,
): { db: ReconcileDocument; saft: ReconcileDocument } {
  const t = computeTotals({
    lines,
    vatIncluded,
    globalDiscount: discount ? { kind: 'percent', value: dec(discount) } : undefined,
  });
  const rows = t.lines.map((l, i) => ({
    taxType: 'IVA',
    taxRegion: 'PT',
    taxCode: lines[i].tax.code,
    taxRate: lines[i].tax.rate.toString(),
    net: l.net.toString(),
    gross: l.gross.toFixed(2),
  }));
  const totals = {
    netTotal: t.netTotal.toFixed(2),
    taxTotal: t.taxTotal.toFixed(2),
    grossTotal: t.grossTotal.toFixed(2),
  };
  return {
    db: {
      ...totals,
      vatIncluded,
      lines: rows,
      taxSummary: t.taxGroups.map((g) => ({ base: g.base.toFixed(2), tax: g.tax.toFixed(2) })),
    },
    saft: { ...totals, lines: rows.map(({ gross: _g, ...l }) => l) },
  };
}

test('documents computed by computeTotals reconcile, from the database and from SAF-T, in both price modes', () => {
  const price = fc.integer({ min: 1, max: 10_000_000 }).map((n) => (n / 1000).toString());
  const qty = fc.integer({ min: 1, max: 5000 }).map((n) => (n / 100).toString());
  const lineArb = fc
    .tuple(qty, price, fc.constantFrom(...RATES), fc.constantFrom<string[]>([], ['10'], ['12.5', '3']))
    .map(([q, p, r, d]) => line(q, p, r, d));
  fc.assert(
    fc.property(
      fc.array(lineArb, { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      fc.constantFrom(undefined, '5', '7.5'),
      (lines, inc, disc) => {
        const { db, saft } = stored(lines, inc, disc);
        assert.equal(documentTotalsProblem(db), undefined);
        assert.equal(documentTotalsProblem(saft), undefined);
      },
    ),
    { seed: 12, numRuns: 400 },
  );
});

test('VAT-included half cents: 1.005 at 23% reconciles from the net kept to 10 places', () => {
  const { saft } = stored([line('1', '1.005', 23), line('3', '0.335', 23)], true);
  assert.equal(documentTotalsProblem(saft), undefined);
});

test('a document without lines, or whose lines do not add up, is reported', () => {
  const { db, saft } = stored([line('2', '10', 23), line('1', '5', 6)], false);
  assert.deepEqual(documentTotalsProblem({ ...db, lines: [] })?.reason, 'no_lines');
  assert.deepEqual(documentTotalsProblem({ ...saft, lines: saft.lines.slice(1) })?.reason, 'totals_mismatch');
  const cheaper = { ...db, lines: db.lines.map((l, i) => (i === 0 ? { ...l, net: '19.99', gross: '24.59' } : l)) };
  assert.deepEqual(documentTotalsProblem(cheaper)?.reason, 'totals_mismatch');
  assert.deepEqual(
    documentTotalsProblem({ ...db, grossTotal: dec(db.grossTotal).plus('0.01').toFixed(2) })?.reason,
    'totals_mismatch',
  );
  assert.deepEqual(
    documentTotalsProblem({ ...db, taxSummary: [{ base: '1.00', tax: '0.23' }] })?.reason,
    'totals_mismatch',
  );
});
