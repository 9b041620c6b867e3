import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors.js';
import { ATCUD_PLACEHOLDER, formatAtcud, isValidValidationCode, resolveAtcud } from './atcud.js';

const isCode = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

test('formatAtcud keeps the sequence digits exactly as in the document number', () => {
  assert.equal(formatAtcud('CSDF7T5H', '0035'), 'CSDF7T5H-0035');
  assert.equal(formatAtcud('CSDF7T5H', 35), 'CSDF7T5H-35');
  assert.equal(formatAtcud('JJJ22T7B', '896'), 'JJJ22T7B-896');
  assert.equal(formatAtcud('ABCDEFGH12', 1), 'ABCDEFGH12-1');
});

test('validation codes have at least 8 characters in [A-Z0-9]', () => {
  assert.ok(isValidValidationCode('BCDFGH37'));
  assert.ok(isValidValidationCode('AAAAAAAAAAAA'));
  for (const bad of ['BCDFGH3', 'bcdfgh37', 'BCDF-H37', 'BCDF H37', '']) assert.ok(!isValidValidationCode(bad), bad);
  assert.throws(() => formatAtcud('SHORT1', 1), isCode('validation'));
});

test('the sequence must be a positive whole number', () => {
  for (const bad of [0, -1, 1.5, '0', '000', '', '12a', ' 12']) {
    assert.throws(() => formatAtcud('CSDF7T5H', bad), isCode('validation'), String(bad));
  }
});

test('resolveAtcud uses the code whenever there is one, even in sandbox or training', () => {
  for (const sandbox of [false, true]) {
    for (const training of [false, true]) {
      assert.equal(resolveAtcud({ validationCode: 'CSDF7T5H', sequence: '12', sandbox, training }), 'CSDF7T5H-12');
    }
  }
});

test('without a code: placeholder 0 in sandbox or training, series_not_registered in production', () => {
  assert.equal(ATCUD_PLACEHOLDER, '0');
  assert.equal(resolveAtcud({ validationCode: null, sequence: 1, sandbox: true, training: false }), '0');
  assert.equal(resolveAtcud({ sequence: 1, sandbox: false, training: true }), '0');
  assert.equal(resolveAtcud({ validationCode: '', sequence: 1, sandbox: true, training: true }), '0');
  assert.throws(
    () => resolveAtcud({ validationCode: null, sequence: 1, sandbox: false, training: false }),
    isCode('series_not_registered'),
  );
  assert.throws(() => resolveAtcud({ sequence: 1, sandbox: false, training: false }), isCode('series_not_registered'));
});
