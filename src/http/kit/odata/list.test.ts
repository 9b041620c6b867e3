import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentListRequest, nextPageLink } from './list.js';
import { parseODataQuery } from './query.js';

const map = { OrderType: { to: 'type', values: { Invoice: 'FT' } }, OrderDate: { to: 'date' } } as const;
const opts = { defaultTop: 120, maxTop: 120 };

test("billit-mcp's request on the wire becomes the app's filter, sort and page", () => {
  const search =
    '%24top=200&%24skip=0&%24filter=OrderType+eq+%27Invoice%27+and+%28OrderDate+gt+2026-01-01%29&%24orderby=OrderDate+desc';
  const r = documentListRequest(search, map, opts);
  assert.deepEqual(r.filter, { types: ['FT'], dateFrom: '2026-01-02', order: { field: 'doc_date', dir: 'desc' } });
  assert.deepEqual(r.page, { page: 1, perPage: 120 });
});

test('the next page link is absolute, keeps the prefix and the other options, and ends on the last page', () => {
  const search = "%24filter=OrderType+eq+'Invoice'&%24top=500&fullTextSearch=acme";
  const query = parseODataQuery(search, opts);
  const link = nextPageLink({
    baseUrl: 'https://api.example.pt/billit/',
    path: '/v1/orders',
    search,
    query,
    total: 250,
  });
  assert.ok(link);
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, 'https://api.example.pt/billit/v1/orders');
  assert.equal(url.searchParams.get('$filter'), "OrderType eq 'Invoice'");
  assert.equal(url.searchParams.get('$top'), '120');
  assert.equal(url.searchParams.get('$skip'), '120');
  assert.equal(url.searchParams.get('fullTextSearch'), 'acme');
  const second = parseODataQuery(url.search, opts);
  const third = nextPageLink({
    baseUrl: 'https://api.example.pt/billit',
    path: '/v1/orders',
    search: url.search,
    query: second,
    total: 250,
  });
  assert.equal(new URL(third!).searchParams.get('$skip'), '240');
  const last = parseODataQuery(new URL(third!).search, opts);
  assert.equal(nextPageLink({ baseUrl: 'x', path: '/v1/orders', search: '', query: last, total: 250 }), null);
});
