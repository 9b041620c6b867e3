import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { fieldErrors, formField, formInput, readForm } from './form.js';

test('readForm reads lines in index order, closes gaps and keeps the button pressed', () => {
  const { values, action } = readForm({
    type: 'FR',
    'lines[5].description': ' B ',
    'lines[0].description': 'A',
    'lines[0].quantity': '2',
    'lines[0].bogus': 'x',
    'newCustomer.name': 'Cliente',
    action: 'remove:1',
  });
  assert.equal(action, 'remove:1');
  assert.equal(values.type, 'FR');
  assert.deepEqual(
    values.lines.map((l) => [l.description, l.quantity]),
    [
      ['A', '2'],
      ['B', ''],
    ],
  );
  assert.equal(values.newCustomer.name, 'Cliente');
});

test('formInput leaves blank lines out and maps request lines back to form lines', () => {
  const { values } = readForm({
    'lines[0].description': 'A',
    'lines[0].quantity': '1',
    'lines[0].unitPrice': '10',
    'lines[0].taxId': '3',
    'lines[1].quantity': '1',
    'lines[2].description': 'C',
    'lines[2].quantity': '1',
    'lines[2].discount': '5',
    'lines[2].exemptionCode': 'M05',
    contactId: '7',
  });
  const { input, lineOf } = formInput(values, true);
  assert.deepEqual(lineOf, [0, 2]);
  assert.equal(input.contactId, 7);
  assert.equal(input.finalize, true);
  assert.deepEqual(input.lines[0], { description: 'A', quantity: '1', unitPrice: '10', taxId: 3 });
  assert.deepEqual(input.lines[1], {
    description: 'C',
    quantity: '1',
    unitPrice: null,
    discounts: ['5'],
    exemptionCode: 'M05',
  });
  assert.equal(formField('lines[1].discounts[0]', lineOf), 'lines[2].discount');
  assert.equal(formField('lines[1].taxName', lineOf), 'lines[2].taxId');
  assert.equal(formField('lines[0]', lineOf), 'lines[0]');
});

test('a new customer typed wins over a picked one; its issues go beside its fields', () => {
  const { values } = readForm({ contactId: '7', 'newCustomer.name': 'Novo', 'newCustomer.taxId': '1' });
  const { input } = formInput(values);
  assert.equal(input.contactId, undefined);
  assert.deepEqual(input.customer, { name: 'Novo', taxId: '1' });
  const err = new DomainError('validation', 'bad', [
    { field: 'customer.taxId', issue: 'invalid', message: 'Invalid tax id.' },
    { field: 'customer.country', issue: 'invalid', message: 'Unknown country.' },
    { field: 'dueDate', issue: 'out_of_range', message: 'Before the date.' },
    { field: 'somethingElse', issue: 'invalid', message: 'Other.' },
  ]);
  assert.deepEqual(fieldErrors(err, []), {
    'newCustomer.taxId': 'Invalid tax id.',
    'newCustomer.name': 'Unknown country.',
    dueDate: 'Before the date.',
    _form: 'Other.',
  });
  assert.deepEqual(fieldErrors(new DomainError('series_inactive', 'Series A is finalized.'), []), {
    _form: 'Series A is finalized.',
  });
});
