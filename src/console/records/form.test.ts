import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { formErrorsOf, listQuery, pageOf, routeId, text } from './form.js';
import { itemInput } from './item-form.js';
import { customerInput } from './customer-form.js';

test('form fields: trimmed text, the last of a repeated field', () => {
  const form = { name: '  Ana  ', code: ['A', 'B'] };
  assert.equal(text(form, 'name'), 'Ana');
  assert.equal(text(form, 'code'), 'B');
  assert.equal(text(form, 'missing'), '');
});

test('a use case refusal becomes errors beside fields, with this area’s words for the common issues', () => {
  const err = new DomainError('validation', 'Invalid.', [
    { field: 'name', issue: 'required', message: 'The name is required.' },
    { field: 'description', issue: 'too_long', message: 'At most 200 characters.', value: '200' },
    { field: 'taxId', issue: 'invalid', message: 'Invalid check digit or format.' },
    { field: 'code', issue: 'reserved', message: 'Series codes starting with "AT" are reserved.' },
  ]);
  const e = formErrorsOf(err)!;
  assert.equal(e.message, null);
  assert.deepEqual(e.fields.name, { key: 'records.issue.required', vars: { n: '' }, text: 'The name is required.' });
  assert.deepEqual(e.fields.description.vars, { n: '200' });
  assert.equal(e.fields.taxId.key, 'records.issue.taxId');
  assert.equal(e.fields.code.key, null, 'an issue without words of its own shows the use case’s text');
  const whole = formErrorsOf(new DomainError('in_use', 'The contact is used by documents.'))!;
  assert.deepEqual(whole, { fields: {}, message: { key: null, text: 'The contact is used by documents.' } });
  assert.equal(formErrorsOf(new DomainError('not_found', 'No contact 9.')), null, 'the record itself: a 404 page');
  assert.equal(formErrorsOf(new Error('boom')), null);
});

test('list queries and pages: garbage is read as the first page, an id must be a positive integer', () => {
  assert.deepEqual(listQuery({ q: '  ana ', page: 'x', perPage: '-3' }), { q: 'ana', page: 1, perPage: 1 });
  assert.deepEqual(listQuery(undefined), { q: '', page: 1, perPage: 20 });
  const p = pageOf([1, 2, 3, 4, 5], 9, 2);
  assert.deepEqual(p, { items: [5], total: 5, page: 3, perPage: 2, totalPages: 3 });
  assert.equal(routeId({ id: '42' }, 'item'), 42);
  for (const id of ['0', 'abc', '1e3', '9999999999', ''])
    assert.throws(
      () => routeId({ id }, 'item'),
      (e: unknown) => e instanceof DomainError && e.code === 'not_found',
    );
});

test('an item’s price typed with a decimal comma is read as a decimal point; an empty price is 0', () => {
  assert.equal(itemInput({ code: 'A', description: 'Ab', price: '12,50' }).price, '12.50');
  assert.equal(itemInput({ code: 'A', description: 'Ab', price: ' 3.5 ' }).price, '3.5');
  assert.equal(itemInput({ code: 'A', description: 'Ab', price: '' }).price, '0');
  assert.equal(itemInput({ code: 'A', description: 'Ab', price: 'doze' }).price, 'doze', 'refused by the use case');
  assert.equal(itemInput({ code: 'A', description: 'Ab', productType: 'S' }).productType, 'S');
});

test('a new customer left without a code gets none (its id becomes the code); the country defaults to PT', () => {
  const c = customerInput({ name: 'Ana', country: 'es', code: '' }, true);
  assert.equal(c.code, undefined);
  assert.equal(c.country, 'ES');
  assert.equal(c.kind, 'customer');
  assert.equal(customerInput({ name: 'Ana' }, false).country, 'PT');
  assert.equal(customerInput({ name: 'Ana', email: '' }, false).email, null, 'an emptied field is cleared');
});
