import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestTransportStart, transportStartTooFar } from './transport-start.js';

test('the start of transport is at most three calendar months ahead, on Lisbon’s clock', () => {
  assert.equal(latestTransportStart(new Date('2026-12-07T13:00:00Z')), '2027-03-07T13:00:00');
  assert.equal(latestTransportStart(new Date('2026-11-30T10:00:00Z')), '2027-02-28T10:00:00');
  assert.equal(latestTransportStart(new Date('2027-11-30T10:00:00Z')), '2028-02-29T10:00:00');
  assert.equal(latestTransportStart(new Date('2026-07-31T23:30:00Z')), '2026-11-01T00:30:00', 'Lisbon is a day on');
  const now = new Date('2026-12-07T13:00:00Z');
  assert.equal(transportStartTooFar('2027-03-07T13:00:00', now), false);
  assert.equal(transportStartTooFar('2027-03-07T13:00:01', now), true);
  assert.equal(transportStartTooFar('2026-12-01T08:00:00', now), false, 'a past start is AT’s alert, not a refusal');
});
