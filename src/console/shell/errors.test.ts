import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { statusOf } from './errors.js';
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
