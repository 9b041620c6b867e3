import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { errorWords, statusOf } from './errors.js';
import { requireScope } from './require-scope.js';
import type { FastifyRequest } from 'fastify';

test('an error becomes its page status: domain codes by the API map, 4xx of Fastify as is, anything else 500', () => {
  assert.equal(statusOf(new DomainError('not_found', 'x')), 404);
  assert.equal(statusOf(new DomainError('validation', 'x')), 422);
  assert.equal(statusOf(new DomainError('forbidden', 'x')), 403);
  assert.equal(statusOf(new DomainError('rate_limited', 'x')), 429);
  assert.equal(statusOf(Object.assign(new Error('too large'), { statusCode: 413 })), 413);
  assert.equal(statusOf(Object.assign(new Error('csrf'), { statusCode: 403 })), 403);
  assert.equal(statusOf(Object.assign(new Error('db down'), { statusCode: 503 })), 500);
  assert.equal(statusOf(new TypeError('bug')), 500);
});

test('requireScope: admin ⊇ issue ⊇ read; a lesser session gets forbidden (the 403 page)', () => {
  const as = (scope: 'admin' | 'issue' | 'read') =>
    ({ consoleSession: { sessionId: 1, accountId: 1, userId: 1, apiKeyId: null, name: 'x', scope } }) as FastifyRequest;
  assert.doesNotThrow(() => requireScope(as('admin'), 'issue'));
  assert.doesNotThrow(() => requireScope(as('read'), 'read'));
  assert.throws(
    () => requireScope(as('read'), 'issue'),
    (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
  );
  assert.throws(
    () => requireScope(as('issue'), 'admin'),
    (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
  );
  assert.throws(
    () => requireScope({} as FastifyRequest, 'read'),
    (e: unknown) => e instanceof DomainError && e.code === 'unauthenticated',
  );
});

test("the error page's words: common codes and field issues by message key, anything else the use case's text", () => {
  const missing = errorWords(new DomainError('not_found', 'contact 7 not found.'));
  assert.deepEqual(missing.detail, { key: 'shell.error.code.not_found', text: 'contact 7 not found.' });
  const unique = new DomainError('conflict', 'A record with the same unique value already exists.', [], {
    constraint: 'contacts_account_id_code_key',
  });
  assert.equal(errorWords(unique).detail?.key, 'shell.error.code.conflict');
  // A conflict of state (not a unique value) keeps its own sentence.
  assert.equal(errorWords(new DomainError('conflict', 'The endpoint is disabled.')).detail?.key, null);
  const invalid = errorWords(
    new DomainError('validation', 'The request has invalid fields.', [
      { field: 'name', issue: 'required', message: 'Name is required.' },
      { field: 'date', issue: 'invalid', message: 'Not a date.' },
      { field: 'quantity', issue: 'out_of_range', message: 'Too large.' },
      { field: 'lines', issue: 'too_many', message: 'At most 1000 lines.' },
    ]),
  );
  assert.equal(invalid.detail, undefined, 'the 422 heading says it; the fields say the rest');
  assert.deepEqual(
    invalid.details.map((d) => d.key ?? d.text),
    [
      'shell.error.issue.required',
      'shell.error.issue.invalid',
      'shell.error.issue.out_of_range',
      'At most 1000 lines.',
    ],
  );
});

test('a database refusal is the 4xx of its DomainError (a unique constraint: 409), not a 500', () => {
  assert.equal(statusOf(Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'x_key' })), 409);
  assert.equal(statusOf(Object.assign(new Error('check'), { code: '23514' })), 422);
});
