import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isApiKeyScope, scopeAllows, scopeOfRole } from './api-key-scope.js';

test('each scope includes the ones below it', () => {
  assert.ok(scopeAllows('admin', 'admin') && scopeAllows('admin', 'issue') && scopeAllows('admin', 'read'));
  assert.ok(!scopeAllows('issue', 'admin') && scopeAllows('issue', 'issue') && scopeAllows('issue', 'read'));
  assert.ok(!scopeAllows('read', 'admin') && !scopeAllows('read', 'issue') && scopeAllows('read', 'read'));
});

test('scope names and the scope of a login by role', () => {
  assert.ok(isApiKeyScope('read') && !isApiKeyScope('Admin') && !isApiKeyScope(undefined));
  assert.deepEqual(['owner', 'admin', 'member', 'readonly'].map(scopeOfRole), ['admin', 'admin', 'issue', 'read']);
});
