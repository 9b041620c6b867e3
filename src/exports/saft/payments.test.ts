import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SaftSettlementRow } from '../../app/saft/list-saft-settlements.js';
import { settlementParts } from './payments.js';

const settled = (amount: string): SaftSettlementRow => ({
  id: 1,
  receipt_id: 9,
  amount,
  document_id: 2,
  doc_no: 'FT A/1',
  doc_date: '2026-10-01',
  doc_type: 'FT',
  net_total: '300.00',
  tax_total: '46.00',
  gross_total: '346.00',
  withholding_total: '46.00',
  withholding_type: 'IRS',
  payable_total: '300.00',
  tax_summary: [
    { type: 'IVA', region: 'PT', code: 'NOR', rate: '23', base: '200.00', tax: '46.00' },
    { type: 'IVA', region: 'PT', code: 'ISE', rate: '0', base: '100.00', tax: '0.00', exemptionCode: 'M05' },
  ],
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
  const { parts } = settlementParts({
    ...settled('50.00'),
    tax_summary: [],
    payable_total: '80.00',
    withholding_total: '0.00',
  });
  assert.deepEqual(
    parts.map((p) => [p.net.toFixed(2), p.tax.toFixed(2), p.group]),
    [['50.00', '0.00', null]],
  );
});
