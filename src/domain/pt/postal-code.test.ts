import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidPtPostalCode, normalizePtPostalCode } from './postal-code.js';

test('NNNN-NNN and NNNN are valid', () => {
  for (const ok of ['1000-001', '4450-123', '9999-999', '1000', '9500']) assert.ok(isValidPtPostalCode(ok), ok);
});

test('anything else is invalid', () => {
  for (const bad of [
    '0123-456',
    '1000-01',
    '1000-0011',
    '1000001',
    '1000 001',
    '100',
    '10000',
    ' 1000-001',
    '1000-',
    'ABCD-EFG',
    '',
  ]) {
    assert.ok(!isValidPtPostalCode(bad), bad);
  }
});

test('normalizePtPostalCode writes the common variants as NNNN-NNN', () => {
  assert.equal(normalizePtPostalCode(' 1000-001 '), '1000-001');
  assert.equal(normalizePtPostalCode('1000 001'), '1000-001');
  assert.equal(normalizePtPostalCode('1000001'), '1000-001');
  assert.equal(normalizePtPostalCode('1000 - 001'), '1000-001');
  assert.equal(normalizePtPostalCode('4450'), '4450');
  for (const bad of ['0123-456', '1000-01', '10000011', 'Lisboa', ''])
    assert.equal(normalizePtPostalCode(bad), undefined, bad);
  for (const v of ['1000 001', '4450']) assert.ok(isValidPtPostalCode(normalizePtPostalCode(v)!));
});
