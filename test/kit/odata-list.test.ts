import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { listDocuments } from '../../src/app/documents/list-documents.js';
import { documentListRequest, nextPageLink, type ODataFieldMap } from '../../src/http/kit/odata/index.js';

/**
 * OData list options, read by the kit and run by the app's `listDocuments` on the database under test: the
 * date bounds, enum values, sort and pages a Billit-style client asks for select the documents it means.
 */
let t: TestApp;
const map: ODataFieldMap = {
  OrderType: { to: 'type', values: { Invoice: 'FT', InvoiceReceipt: 'FR', Simplified: 'FS' } },
  OrderStatus: { to: 'status', values: { Draft: 'draft', Final: 'final' } },
  OrderDate: { to: 'date' },
  TotalExcl: { to: 'net' },
  OrderNumber: { to: 'number' },
  OrderID: { to: 'id' },
};
const opts = { defaultTop: 120, maxTop: 120 };
const ids: Record<string, number> = {};

const create = async (name: string, type: string, date: string, price: string) => {
  const r = await t.call('POST', '/v1/documents', {
    type,
    date,
    customer: { name: 'Cliente OData', taxId: '123456789' },
    lines: [{ description: name, quantity: '1', unitPrice: price, taxName: 'IVA23' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ids[name] = r.body.id;
};

before(async () => {
  t = await startTestApp();
  await create('jan10', 'FT', '2026-01-10', '100');
  await create('feb15', 'FT', '2026-02-15', '50');
  await create('feb20', 'FR', '2026-02-20', '10');
  await create('mar01', 'FS', '2026-03-01', '5');
});
after(async () => {
  await t?.close();
});

async function names(search: string): Promise<{ names: string[]; total: number }> {
  const r = documentListRequest(search, map, opts);
  const page = await t.db.database.db
    .transaction()
    .execute((tx) => listDocuments(tx, t.account.accountId, r.filter, r.page));
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return { names: page.items.map((d) => byId[d.id]!), total: page.total };
}

const q = (filter: string, extra = '') => `$filter=${encodeURIComponent(filter)}${extra}`;

test("OrderType eq 'Invoice' and date bounds select what they say (gt a date excludes that day)", async () => {
  assert.deepEqual((await names(q("OrderType eq 'Invoice'", '&$orderby=OrderDate asc'))).names, ['jan10', 'feb15']);
  assert.deepEqual((await names(q('OrderDate gt 2026-01-10', '&$orderby=OrderDate asc'))).names, [
    'feb15',
    'feb20',
    'mar01',
  ]);
  assert.deepEqual((await names(q("OrderDate ge datetime'2026-01-10'", '&$orderby=OrderDate asc'))).names, [
    'jan10',
    'feb15',
    'feb20',
    'mar01',
  ]);
  assert.deepEqual(
    (
      await names(
        q("OrderDate ge DateTime'2026-02-15T09:00:00' and OrderDate lt 2026-03-01", '&$orderby=OrderDate asc'),
      )
    ).names,
    ['feb20'],
  );
});

test('or between types, net bounds, status and sort descending', async () => {
  assert.deepEqual(
    (
      await names(
        q(
          "(OrderType eq 'InvoiceReceipt' or OrderType eq 'Simplified') and OrderStatus eq 'Draft'",
          '&$orderby=OrderDate desc',
        ),
      )
    ).names,
    ['mar01', 'feb20'],
  );
  assert.deepEqual((await names(q('TotalExcl ge 10 and TotalExcl le 50', '&$orderby=OrderDate asc'))).names, [
    'feb15',
    'feb20',
  ]);
});

test('pages: $top/$skip and the next page link walk every document once', async () => {
  const seen: string[] = [];
  let search: string | null = '$top=3&$orderby=OrderDate+asc';
  while (search) {
    const page = await names(search);
    assert.equal(page.total, 4);
    seen.push(...page.names);
    const link = nextPageLink({
      baseUrl: 'http://localhost/billit',
      path: '/v1/orders',
      search,
      query: documentListRequest(search, map, opts).query,
      total: page.total,
    });
    search = link ? new URL(link).search : null;
  }
  assert.deepEqual(seen, ['jan10', 'feb15', 'feb20', 'mar01']);
});
