import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountOf, listHref, listQueryOf } from './list-query.js';

test('amounts are read as people type them, never as floats', () => {
  assert.equal(amountOf('1234,5'), '1234.5');
  assert.equal(amountOf('1 234,50 €'), '1234.50');
  assert.equal(amountOf('99.99'), '99.99');
  assert.equal(amountOf('1.234,50'), null);
  assert.equal(amountOf('12.345'), null);
  assert.equal(amountOf('-5'), null);
  assert.equal(amountOf('abc'), null);
});

test('the filters of the URL become the use case filter, sorted by date, newest first, by default', () => {
  const q = listQueryOf({
    type: 'FT',
    status: 'final',
    series: '7',
    customer: 'Silva',
    from: '2026-01-01',
    to: '2026-12-31',
    min: '10,5',
    max: '100',
    q: 'PO-1',
    page: '3',
  });
  assert.deepEqual(q.errors, {});
  assert.deepEqual(q.filter, {
    order: { field: 'doc_date', dir: 'desc' },
    types: ['FT'],
    statuses: ['final'],
    seriesId: 7,
    likes: [{ field: 'customer_name', value: 'Silva' }],
    dateFrom: '2026-01-01',
    dateTo: '2026-12-31',
    grossFrom: '10.5',
    grossTo: '100',
    text: 'PO-1',
  });
  assert.deepEqual(q.page, { page: 3, perPage: 20 });
});

test('bad values are reported by field and not applied', () => {
  const q = listQueryOf({
    type: 'XX',
    status: 'open',
    series: 'a',
    from: '2026-02-30',
    min: 'ten',
    sort: 'evil',
    dir: 'up',
  });
  assert.deepEqual(q.errors, {
    type: 'documents.filter.invalidType',
    status: 'documents.filter.invalidStatus',
    series: 'documents.filter.invalidSeries',
    from: 'documents.filter.invalidDate',
    min: 'documents.filter.invalidAmount',
  });
  assert.deepEqual(q.filter, { order: { field: 'doc_date', dir: 'desc' } });
  assert.equal(q.values.sort, 'date');
  assert.equal(listQueryOf({ from: '2026-03-01', to: '2026-02-01' }).errors.to, 'documents.filter.toBeforeFrom');
});

test('sorting by customer is A→Z unless asked; links keep the filters and leave out empty ones', () => {
  const q = listQueryOf({ sort: 'customer', q: 'a&b' });
  assert.deepEqual(q.filter.order, { field: 'customer_name', dir: 'asc' });
  assert.equal(listHref(q.values), '/console/documents?q=a%26b&sort=customer&dir=asc');
  assert.equal(
    listHref(q.values, { page: 2, sort: 'total', dir: 'desc' }),
    '/console/documents?q=a%26b&sort=total&dir=desc&page=2',
  );
  assert.equal(listHref(q.values, { page: 1 }), '/console/documents?q=a%26b&sort=customer&dir=asc');
});
