import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineAsInput, lineDiscounts, type CopiedLine } from './line-as-input.js';

const stored: CopiedLine = {
  id: 41,
  item_id: 7,
  code: 'CONS',
  description: 'Consultoria',
  product_type: 'S',
  quantity: '2.0000000000',
  unit_price: '45.5000000000',
  unit: 'h',
  discount1: '10.0000',
  discount2: '0.0000',
  discount3: '5.0000',
  tax_id: 3,
  exemption_code: null,
  exemption_reason: null,
  origin_line_id: 12,
  external_reference: null,
  external_reference_date: null,
  external_reference_reason: null,
};

test('a draft line comes back as the input that makes it, keeping its own origin', () => {
  assert.deepEqual(lineAsInput(stored, 'draft'), {
    itemId: 7,
    code: 'CONS',
    description: 'Consultoria',
    productType: 'S',
    quantity: '2.0000000000',
    unitPrice: '45.5000000000',
    unit: 'h',
    discounts: ['10.0000', '5.0000'],
    taxId: 3,
    exemptionCode: null,
    exemptionReason: null,
    originLineId: 12,
  });
});

test('a line copied from an origin refers to it, with the quantity, price and discounts given in its place', () => {
  const copy = lineAsInput(stored, 'origin', { quantity: '1', unitPrice: null, discounts: ['3'] });
  assert.equal(copy.originLineId, 41);
  assert.equal(copy.quantity, '1');
  assert.equal(copy.unitPrice, '45.5000000000');
  assert.deepEqual(copy.discounts, ['3']);
  assert.deepEqual(lineAsInput(stored, 'origin', { unitPrice: '40' }).unitPrice, '40');
  assert.deepEqual(lineDiscounts({ discount1: '0', discount2: '0.0000', discount3: '0' }), []);
});

test('a draft line that names its original by number keeps it; a copy of it refers to the line instead', () => {
  const named: CopiedLine = {
    ...stored,
    origin_line_id: null,
    external_reference: 'FT 2019/123',
    external_reference_date: '2019-05-02',
    external_reference_reason: 'Devolução',
  };
  assert.deepEqual(lineAsInput(named, 'draft').reference, {
    number: 'FT 2019/123',
    date: '2019-05-02',
    reason: 'Devolução',
  });
  assert.equal(lineAsInput(named, 'origin').reference, undefined);
});
