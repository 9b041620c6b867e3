import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { saftFileName, saftPeriod } from './period.js';

const refused = (input: Parameters<typeof saftPeriod>[0]) => {
  try {
    saftPeriod(input);
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'validation');
    return e.details.map((d) => `${d.field}:${d.issue}`);
  }
  assert.fail('accepted');
};

test('a month gives its first and last day, leap years included', () => {
  assert.deepEqual(saftPeriod({ month: 2, year: 2028 }), { from: '2028-02-01', to: '2028-02-29' });
  assert.deepEqual(saftPeriod({ month: '12', year: '2026' }), { from: '2026-12-01', to: '2026-12-31' });
  assert.deepEqual(saftPeriod({ from: '2026-03-05', to: '2026-03-05' }), { from: '2026-03-05', to: '2026-03-05' });
});

test('bad periods are refused field by field', () => {
  assert.deepEqual(refused({}), ['from:required']);
  assert.deepEqual(refused({ from: '2026-01-01' }), ['to:required']);
  assert.deepEqual(refused({ month: 13, year: 2026 }), ['month:out_of_range']);
  assert.deepEqual(refused({ month: 1.5, year: 2026 }), ['month:out_of_range']);
  assert.deepEqual(refused({ from: '2026-02-29', to: '2026-03-01' }), ['from:invalid']);
  assert.deepEqual(refused({ from: '2026-03-02', to: '2026-03-01' }), ['to:out_of_range']);
  assert.deepEqual(refused({ from: '2026-12-31', to: '2027-01-01' }), ['to:out_of_range']);
  assert.deepEqual(refused({ from: '2026-01-01', to: '2026-01-31', month: 1, year: 2026 }), ['month:invalid']);
});

test('file name', () => {
  assert.equal(
    saftFileName('503340855', { from: '2026-10-01', to: '2026-10-31' }),
    'SAFT-PT_503340855_2026-10-01_2026-10-31.xml',
  );
});
