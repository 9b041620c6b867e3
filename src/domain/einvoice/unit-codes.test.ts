import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnitCode, unitCodeOf } from './unit-codes.js';

test('unitCodeOf: account symbols to their Rec 20 code, Rec 20 codes kept, anything else C62', () => {
  assert.equal(unitCodeOf('KG'), 'KGM');
  assert.equal(unitCodeOf('h'), 'HUR');
  assert.equal(unitCodeOf('KGM'), 'KGM');
  assert.equal(unitCodeOf('DAY'), 'DAY');
  assert.equal(unitCodeOf('MIN'), 'MIN');
  assert.equal(unitCodeOf(null), 'C62');
  assert.equal(unitCodeOf('bundle'), 'C62');
  assert.equal(isUnitCode('ltr'), true);
  assert.equal(isUnitCode('KG'), false);
});
