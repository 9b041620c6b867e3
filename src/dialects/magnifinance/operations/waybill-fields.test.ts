import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDateTime, waybillDocType } from './waybill-fields.js';

test('Waybill Type: GT by default, letters and SAF-T codes, anything else refused', () => {
  assert.equal(waybillDocType(undefined), 'GT');
  assert.equal(waybillDocType(' '), 'GT');
  assert.equal(waybillDocType('t'), 'GT');
  assert.equal(waybillDocType('R'), 'GR');
  assert.equal(waybillDocType('gd'), 'GD');
  assert.equal(waybillDocType('GA'), 'GA');
  assert.equal(waybillDocType('FT'), null);
  assert.equal(waybillDocType('toString'), null);
});

test('LoadDateTime: local, zoned (to Lisbon), Portuguese; a bare date or nonsense is unreadable', () => {
  assert.equal(loadDateTime('2026-12-08T10:30'), '2026-12-08T10:30:00');
  assert.equal(loadDateTime(' 2026-12-08 10:30:15 '), '2026-12-08T10:30:15');
  assert.equal(loadDateTime('2026-12-08T10:30:00.0000000'), '2026-12-08T10:30:00');
  assert.equal(loadDateTime('2026-12-08T10:30:00.000Z'), '2026-12-08T10:30:00', 'winter: Lisbon is UTC');
  assert.equal(loadDateTime('2026-07-08T10:30:00Z'), '2026-07-08T11:30:00', 'summer: UTC+1');
  assert.equal(loadDateTime('2026-12-08T10:30:00+01:00'), '2026-12-08T09:30:00');
  assert.equal(loadDateTime('08/12/2026 10:30'), '2026-12-08T10:30:00');
  assert.equal(loadDateTime('8-12-2026 9:05:07'), '2026-12-08T09:05:07');
  for (const bad of ['2026-12-08', '2026-02-30T10:00', '2026-12-08T24:00', '31/02/2026 10:00', 'amanhã', '', undefined])
    assert.equal(loadDateTime(bad), undefined, String(bad));
});
