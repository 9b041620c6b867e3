import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { fieldErrorsOf, formProblemOf, list, text } from './form.js';

test('field errors are keyed by the form field: body. and list indexes dropped, the first issue of a field kept', () => {
  const err = new DomainError('validation', 'Bad.', [
    { field: 'events[2]', issue: 'unknown', message: 'Unknown event.' },
    { field: 'events[3]', issue: 'unknown', message: 'Another.' },
    { field: 'body.url', issue: 'invalid', message: 'https only.' },
    { field: 'iban', issue: 'invalid', message: 'Check digits.' },
  ]);
  assert.deepEqual(fieldErrorsOf(err, { iban: 'account-iban' }), {
    events: { issue: 'unknown', message: 'Unknown event.' },
    url: { issue: 'invalid', message: 'https only.' },
    'account-iban': { issue: 'invalid', message: 'Check digits.' },
  });
});

test('an error that is not about fields is a problem above the form, except the ones the shell shows as pages', () => {
  const conflict = new DomainError('conflict', 'Last admin key.');
  assert.equal(fieldErrorsOf(conflict), null);
  assert.deepEqual(formProblemOf(conflict), { code: 'conflict', message: 'Last admin key.' });
  assert.equal(formProblemOf(new DomainError('not_found', 'No.')), null);
  assert.equal(formProblemOf(new DomainError('forbidden', 'No.')), null);
  assert.equal(formProblemOf(new Error('boom')), null);
  assert.equal(fieldErrorsOf(new Error('boom')), null);
});

test('form values: the first of a repeated field, every value of checkboxes, empty when absent', () => {
  const form = { a: ['x', 'y'], b: 'z', c: undefined };
  assert.equal(text(form, 'a'), 'x');
  assert.equal(text(form, 'b'), 'z');
  assert.equal(text(form, 'c'), '');
  assert.deepEqual(list(form, 'a'), ['x', 'y']);
  assert.deepEqual(list(form, 'b'), ['z']);
  assert.deepEqual(list(form, 'missing'), []);
});
