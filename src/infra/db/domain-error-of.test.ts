import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { domainErrorOf } from './domain-error-of.js';

test('the database guards become the domain errors a client can act on', () => {
  const pg = (code: string, extra: object = {}) => Object.assign(new Error('guard'), { code, ...extra });
  assert.equal(domainErrorOf(pg('FA001'))?.code, 'document_not_draft');
  assert.equal(domainErrorOf(pg('FA002'))?.code, 'series_inactive');
  assert.equal(domainErrorOf(pg('FA003'))?.code, 'in_use');
  const conflict = domainErrorOf(pg('23505', { constraint: 'contacts_account_id_code_key' }));
  assert.equal(conflict?.code, 'conflict');
  assert.deepEqual(conflict?.meta, { constraint: 'contacts_account_id_code_key' });
  const range = domainErrorOf(pg('22003', { constraint: 'lines_quantity_check' }));
  assert.equal(range?.code, 'validation');
  assert.equal(range?.details[0].field, 'lines_quantity_check');
  assert.equal(domainErrorOf(pg('23503'))?.code, 'not_found');
});

test('a domain error passes through; anything else is internal (undefined)', () => {
  const own = new DomainError('not_found', 'No such document.');
  assert.equal(domainErrorOf(own), own);
  assert.equal(domainErrorOf(new Error('boom')), undefined);
  assert.equal(domainErrorOf(Object.assign(new Error('deadlock'), { code: '40P01' })), undefined);
  assert.equal(domainErrorOf(undefined), undefined);
});
