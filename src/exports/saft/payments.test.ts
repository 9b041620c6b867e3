import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IssuedSettlement, IssuedTaxGroup } from '../../domain/documents/issued-document.js';
import { settlementParts } from './payments.js';

const settled = (
  amount: string,
  over: { taxSummary?: IssuedTaxGroup[]; payable?: string; withholding?: string } = {},
): IssuedSettlement => ({
  id: 1,
  amount,
  document: {
    id: 2,
    number: 'FT A/1',
    date: '2026-10-01',
    type: 'FT',
    status: 'final',
    totals: {
      net: '300.00',
      tax: '46.00',
      gross: '346.00',
      withholding: over.withholding ?? '46.00',
      payable: over.payable ?? '300.00',
    },
    withholdingType: 'IRS',
    taxSummary: over.taxSummary ?? [
      { type: 'IVA', region: 'PT', code: 'NOR', rate: '23', base: '200.00', tax: '46.00' },
      { type: 'IVA', region: 'PT', code: 'ISE', rate: '0', base: '100.00', tax: '0.00', exemptionCode: 'M05' },
    ],
  },
});

test('a full settlement repeats the settled document’s figures exactly', () => {
  const { parts, withholding } = settlementParts(settled('300.00'));
  assert.deepEqual(
    parts.map((p) => [p.net.toFixed(2), p.tax.toFixed(2)]),
    [
      ['200.00', '46.00'],
      ['100.00', '0.00'],
    ],
  );
  assert.equal(withholding.toFixed(2), '46.00');
});

test('a partial settlement pays the same share of each tax group and of the withholding', () => {
  const { parts, withholding } = settlementParts(settled('100.00'));
  assert.deepEqual(
    parts.map((p) => [p.net.toFixed(2), p.tax.toFixed(2)]),
    [
      ['66.67', '15.33'],
      ['33.33', '0.00'],
    ],
  );
  assert.equal(withholding.toFixed(2), '15.33');
  const gross = parts.reduce((s, p) => s.plus(p.net).plus(p.tax), withholding.times(0));
  assert.equal(gross.minus(withholding).toFixed(2), '100.00');
});

test('a balance without tax groups (an opening balance) is one line without tax', () => {
  const { parts } = settlementParts(settled('50.00', { taxSummary: [], payable: '80.00', withholding: '0.00' }));
  assert.deepEqual(
    parts.map((p) => [p.net.toFixed(2), p.tax.toFixed(2), p.group]),
    [['50.00', '0.00', null]],
  );
});
