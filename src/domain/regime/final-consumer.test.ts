import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerSnapshot } from '../documents/draft.js';
import { fiscalRegime } from './registry.js';

const customer = (taxId: string | null) => ({
  code: null,
  name: 'Jan Peeters',
  taxId,
  country: 'BE',
  street: null,
  postalCode: null,
  city: null,
  email: null,
  phone: null,
});

test('Portugal’s final consumer is NIF 999999990; Belgium has none and names the invoice’s customer', () => {
  const pt = fiscalRegime('PT');
  const be = fiscalRegime('BE');
  assert.equal(pt.finalConsumerTaxId, '999999990');
  assert.equal(be.finalConsumerTaxId, null);
  for (const type of ['FT', 'FS', 'FR', 'NC', 'ND', 'OR', 'PF', 'RG'] as const)
    assert.equal(pt.anonymousCustomerRefusal(type), null, type);
  for (const type of ['FT', 'NC', 'ND'] as const) assert.match(be.anonymousCustomerRefusal(type) ?? '', /art\. 5/);
  for (const type of ['OR', 'PF', 'NE', 'RG'] as const) assert.equal(be.anonymousCustomerRefusal(type), null, type);
});

test('the snapshot of a customer without a tax id: 999999990 under PT (the default), empty under BE', () => {
  assert.equal(customerSnapshot(customer(null), null).taxId, '999999990');
  assert.equal(customerSnapshot(customer(null), null, fiscalRegime('PT').finalConsumerTaxId).taxId, '999999990');
  assert.equal(customerSnapshot(customer(null), null, fiscalRegime('BE').finalConsumerTaxId).taxId, '');
  // An older BE account's final-consumer contact still carries 999999990: dropped on its documents.
  assert.equal(customerSnapshot(customer('999999990'), null, null).taxId, '');
  assert.equal(customerSnapshot(customer('BE0202239951'), null, null).taxId, 'BE0202239951');
});
