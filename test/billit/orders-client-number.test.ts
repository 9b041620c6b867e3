import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// A client's own OrderNumber (#17) on PGlite and PostgreSQL: the order is issued under the legal number of its
// series (GET's OrderNumber), the client's number is kept beside it (ExternalProviderReferences), and
// `$filter=OrderNumber eq '…'` and fullTextSearch find the order by either number, within the account only.
let t: TestApp;
let billit: BillitClient;
let other: BillitClient;

before(async () => {
  t = await startTestApp();
  ({ billit, other } = await billitAccounts(t, 'billit-client-number'));
});
after(async () => {
  await t?.close();
});

async function create(client: BillitClient, orderNumber?: string): Promise<number> {
  const r = await client('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    ...(orderNumber ? { OrderNumber: orderNumber } : {}),
    OrderDate: '2026-12-01',
    Customer: { Name: 'Klant BV', Email: 'boekhouding@klant.be' },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Consultancy', VATPercentage: 21 }],
  });
  assert.equal(r.status, 200, r.text);
  return Number(r.text);
}

const ids = async (client: BillitClient, query: string): Promise<number[]> => {
  const r = await client('GET', `/billit/v1/orders?${query}`);
  assert.equal(r.status, 200, r.text);
  return (r.json().Items as { OrderID: number }[]).map((x) => x.OrderID).sort((a, b) => a - b);
};
const filter = (f: string) => `$filter=${encodeURIComponent(f)}`;

test("GET shows the legal number as OrderNumber and the client's own number beside it", async () => {
  const id = await create(billit, 'ERP-2026-0042');
  const plain = await create(billit);
  const o = (await billit('GET', `/billit/v1/orders/${id}`)).json();
  assert.match(o.OrderNumber, /^FT A\d{4}\/\d+$/, 'the legal number of the series');
  assert.deepEqual(o.ExternalProviderReferences, [
    { ExternalProvider: 'API', Category: 'OrderNumber', Value: 'ERP-2026-0042', EntityType: 'Order', EntityID: id },
  ]);
  const p = (await billit('GET', `/billit/v1/orders/${plain}`)).json();
  assert.match(p.OrderNumber, /^FT A\d{4}\/\d+$/);
  assert.equal(p.ExternalProviderReferences, undefined, 'no number of its own: nothing beside the legal one');
  // The list shows the same.
  const item = (await billit('GET', `/billit/v1/orders?${filter(`OrderID eq ${id}`)}`)).json().Items[0];
  assert.deepEqual(item.ExternalProviderReferences, o.ExternalProviderReferences);
});

test("$filter OrderNumber eq/ne and fullTextSearch find the order by the client's number or the legal one", async () => {
  const id = await create(billit, 'ERP-2026-0077');
  const beside = await create(billit, 'ERP-2026-0078');
  const legal = (await billit('GET', `/billit/v1/orders/${id}`)).json().OrderNumber as string;

  assert.deepEqual(await ids(billit, filter("OrderNumber eq 'ERP-2026-0077'")), [id]);
  // Double quotes, as the docs also show.
  assert.deepEqual(await ids(billit, filter('OrderNumber eq "ERP-2026-0077"')), [id]);
  assert.deepEqual(await ids(billit, filter(`OrderNumber eq '${legal}'`)), [id]);
  assert.deepEqual(await ids(billit, filter("OrderNumber eq 'ERP-2026-0077' or OrderNumber eq 'ERP-2026-0078'")), [
    id,
    beside,
  ]);
  const notIt = await ids(billit, `${filter("OrderNumber ne 'ERP-2026-0077'")}&$top=120`);
  assert.ok(!notIt.includes(id) && notIt.includes(beside), 'ne: neither number is X');
  assert.deepEqual(await ids(billit, 'fullTextSearch=ERP-2026-0077'), [id]);

  // Another account's order with the same number of its own is not found, nor is this one by the other account.
  const theirs = await create(other, 'ERP-2026-0077');
  assert.deepEqual(await ids(billit, filter("OrderNumber eq 'ERP-2026-0077'")), [id]);
  assert.deepEqual(await ids(other, filter("OrderNumber eq 'ERP-2026-0077'")), [theirs]);
});
