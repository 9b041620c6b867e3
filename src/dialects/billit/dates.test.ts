import { test } from 'node:test';
import assert from 'node:assert/strict';
import { billitDateTime, parseBillitDate } from './dates.js';

test('Billit dates out: YYYY-MM-DDTHH:mm:ss without zone or fraction; zoned instants on Brussels time', () => {
  assert.equal(billitDateTime('2024-01-01'), '2024-01-01T00:00:00');
  assert.equal(billitDateTime('2024-01-01 10:20:30.123'), '2024-01-01T10:20:30');
  assert.equal(billitDateTime('2024-07-01 08:00:00+00'), '2024-07-01T10:00:00');
  assert.equal(billitDateTime('2024-01-01T23:30:00Z'), '2024-01-02T00:30:00');
  assert.equal(billitDateTime(new Date('2024-01-01T12:00:00Z')), '2024-01-01T13:00:00');
  assert.equal(billitDateTime(null), null);
  assert.equal(billitDateTime('not a date'), null);
});

test('Billit dates in: a bare date, ISO with or without zone and fraction; nonsense refused', () => {
  assert.deepEqual(parseBillitDate('2024-02-29'), { date: '2024-02-29', dateTime: '2024-02-29T00:00:00' });
  assert.deepEqual(parseBillitDate('2024-03-01T09:15:00'), { date: '2024-03-01', dateTime: '2024-03-01T09:15:00' });
  assert.deepEqual(parseBillitDate('2024-03-01T23:15:00.000Z'), {
    date: '2024-03-02',
    dateTime: '2024-03-02T00:15:00',
  });
  assert.deepEqual(parseBillitDate('2024-03-01T10:00:00+02:00'), {
    date: '2024-03-01',
    dateTime: '2024-03-01T09:00:00',
  });
  assert.equal(parseBillitDate('2023-02-29'), undefined);
  assert.equal(parseBillitDate('01/03/2024'), undefined);
  assert.equal(parseBillitDate('2024-03-01T25:00:00'), undefined);
});
