import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueCollector } from '../errors.js';
import { dec } from '../money/decimal.js';
import { LINE_TEXT_LIMITS } from '../documents/limits.js';
import { CATEGORY_MENTION } from './legal-mentions.js';
import { type BeLineVat, belgianLineVat, checkBelgianDocument } from './line-vat.js';

const vat = (rate: string, over: Record<string, string | null> = {}) => {
  const c = new IssueCollector();
  const r = belgianLineVat({ rate: dec(rate), ...over }, 'lines[0]', 'nl', c);
  return { r, fields: c.issues.map((i) => i.field) };
};

test('a taxed line is S at a Belgian rate; a 0 % line names its category', () => {
  assert.deepEqual(vat('21').r, { category: 'S', vatexCode: null, reason: null });
  assert.deepEqual(vat('6').r?.category, 'S');
  assert.deepEqual(vat('23').fields, ['lines[0].taxId']);
  assert.deepEqual(vat('0').fields, ['lines[0].vatCategory']);
  assert.deepEqual(vat('0', { vatCategory: 'z' }).r, { category: 'Z', vatexCode: null, reason: null });
  assert.deepEqual(vat('21', { vatCategory: 'AE' }).fields, ['lines[0].taxId']);
});

test('AE, K, G and O take their VATEX code and legal mention by default; E needs its reason', () => {
  assert.deepEqual(vat('0', { vatCategory: 'AE' }).r, {
    category: 'AE',
    vatexCode: 'VATEX-EU-AE',
    reason: 'Autoliquidation / Verlegging van heffing (art. 51 §2 5°)',
  });
  assert.equal(vat('0', { vatCategory: 'K' }).r?.vatexCode, 'VATEX-EU-IC');
  assert.equal(vat('0', { vatCategory: 'G' }).r?.vatexCode, 'VATEX-EU-G');
  assert.equal(vat('0', { vatCategory: 'O' }).r?.vatexCode, 'VATEX-EU-O');
  assert.deepEqual(vat('0', { vatCategory: 'E' }).fields, ['lines[0].exemptionReason']);
  assert.deepEqual(vat('0', { vatCategory: 'E', vatexCode: 'vatex-eu-132-1i' }).r, {
    category: 'E',
    vatexCode: 'VATEX-EU-132-1I',
    reason: null,
  });
  assert.deepEqual(vat('0', { vatCategory: 'E', vatexCode: 'VATEX-EU-AE' }).fields, ['lines[0].vatexCode']);
  assert.deepEqual(vat('0', { vatCategory: 'Z', exemptionReason: 'x' }).fields, ['lines[0].exemptionReason']);
  assert.deepEqual(vat('0', { vatCategory: 'E', exemptionReason: 'x', exemptionCode: 'M07' }).fields, [
    'lines[0].exemptionCode',
  ]);
});

test('every default mention fits a line’s exemption reason', () => {
  for (const byLang of Object.values(CATEGORY_MENTION))
    for (const text of Object.values(byLang)) assert.ok(text.length <= LINE_TEXT_LIMITS.exemptionReason, text);
});

test('document checks: the customer’s numbers, the intra-community delivery, O alone, one exempt reason', () => {
  const line = (category: BeLineVat['category'], reason: string | null = null): BeLineVat => ({
    category,
    vatexCode: null,
    reason,
  });
  const run = (
    lines: BeLineVat[],
    customer: { taxId: string | null; country: string },
    delivery = { country: null as string | null, date: null as string | null },
  ) => {
    const c = new IssueCollector();
    checkBelgianDocument(lines, { ...customer, isFinalConsumer: false, field: 'customer.taxId' }, delivery, c);
    return c.issues.map((i) => i.field);
  };
  assert.deepEqual(run([line('S')], { taxId: 'BE0202239951', country: 'BE' }), []);
  assert.deepEqual(run([line('S')], { taxId: 'BE0202239952', country: 'BE' }), ['customer.taxId']);
  assert.deepEqual(run([line('AE')], { taxId: null, country: 'BE' }), ['customer.taxId']);
  assert.deepEqual(run([line('K')], { taxId: 'DE123456789', country: 'DE' }), ['unloadAt', 'unloadAddress.country']);
  assert.deepEqual(
    run([line('K')], { taxId: 'DE123456789', country: 'DE' }, { country: 'DE', date: '2026-01-05' }),
    [],
  );
  assert.deepEqual(run([line('K')], { taxId: 'BE0202239951', country: 'BE' }, { country: 'BE', date: '2026-01-05' }), [
    'customer.taxId',
    'unloadAddress.country',
  ]);
  assert.deepEqual(run([line('O'), line('S')], { taxId: null, country: 'BE' }), ['lines']);
  assert.deepEqual(run([line('E', 'a'), line('E', 'b')], { taxId: null, country: 'BE' }), ['lines']);
});
