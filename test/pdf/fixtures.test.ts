import { test, mock } from 'node:test';
import assert from 'node:assert/strict';

test('the transport fixture is dated on the day it is used, also when the run crosses midnight in Lisbon', async () => {
  // 23:59:59 in Lisbon (UTC+1 in summer) on the day the fixtures are first imported.
  mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-07-14T22:59:59Z') });
  try {
    const { TRANSPORT, today } = await import('./fixtures.js');
    assert.equal(today(), '2026-07-14');
    assert.deepEqual(
      [{ ...TRANSPORT }.loadAt, { ...TRANSPORT }.unloadAt],
      ['2026-07-14T08:30:00', '2026-07-14T11:15:00'],
    );
    mock.timers.tick(2000);
    assert.equal(today(), '2026-07-15');
    assert.deepEqual(
      [{ ...TRANSPORT }.loadAt, { ...TRANSPORT }.unloadAt],
      ['2026-07-15T08:30:00', '2026-07-15T11:15:00'],
    );
  } finally {
    mock.timers.reset();
  }
});
