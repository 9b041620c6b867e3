import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { field, formOf, issuesOnForm } from './action-form.js';

test('a form field is trimmed, the last of repeated values, cut at its length', () => {
  const form = formOf({ to: '  a@example.com ', qty: ['1', ' 2 '], long: 'x'.repeat(10) });
  assert.equal(field(form, 'to'), 'a@example.com');
  assert.equal(field(form, 'qty'), '2');
  assert.equal(field(form, 'long', 4), 'xxxx');
  assert.equal(field(form, 'missing'), '');
  assert.deepEqual(formOf(null), {});
});

test("a use case's field issues go beside the form's fields; the rest is the form's message", () => {
  const err = new DomainError('validation', 'The receipt is invalid.', [
    { field: 'documents[0].amount', issue: 'invalid', message: 'A positive amount.' },
    { field: 'date', issue: 'invalid', message: 'Use YYYY-MM-DD.' },
  ]);
  const fields: Parameters<typeof issuesOnForm>[1] = [
    [/^documents\[0\]\.amount/, 'amount'],
    [/^date$/, 'date'],
  ];
  assert.deepEqual(issuesOnForm(err, fields), {
    errors: { amount: 'A positive amount.', date: 'Use YYYY-MM-DD.' },
    message: undefined,
  });
  const other = new DomainError('settlement_exceeds_balance', 'More than the open balance.', [
    { field: 'documents[0]', issue: 'too_much', message: 'At most 10.00.' },
  ]);
  assert.deepEqual(issuesOnForm(other, fields), {
    errors: {},
    message: 'More than the open balance. At most 10.00.',
  });
  assert.deepEqual(issuesOnForm(new DomainError('conflict', 'Already cancelled.'), fields), {
    errors: {},
    message: 'Already cancelled.',
  });
});
