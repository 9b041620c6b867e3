import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeEinvoiceValidation, configureEinvoiceValidation } from '../../src/exports/einvoice/validate/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { pdfBytes, supplierInvoice } from '../peppol/inbox-env.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// GET /v1/orders lists Cost orders (received purchase documents, OrderID = purchase id + 10^12) with the sales (#17),
// filtered by OrderDirection, paged over both kinds without duplicates, counted together; PGlite and PostgreSQL.
let t: TestApp;
let billit: BillitClient;
let other: BillitClient;
const sales: number[] = [];
const costs: number[] = [];
let otherCost = 0;

async function sale(client: typeof billit, date: string): Promise<number> {
  const r = await client('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    OrderDate: date,
    Customer: { Name: 'Alfa Klant BV', VATNumber: 'BE0202239951' },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 10, Description: 'Box of cookies', VATPercentage: 21 }],
  });
  assert.equal(r.status, 200, r.text);
  return Number(r.text);
}

/** A Cost order: the supplier's UBL invoice `number` carried as an attachment. */
async function cost(client: typeof billit, number: string): Promise<number> {
  const xml = supplierInvoice(number, pdfBytes(number));
  const r = await client('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Cost',
    Attachments: [{ FileName: `${number}.xml`, FileContent: Buffer.from(xml).toString('base64') }],
  });
  assert.equal(r.status, 200, r.text);
  assert.ok(Number(r.text) > 1e12, 'a Cost OrderID');
  return Number(r.text);
}

before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  t = await startTestApp();
  ({ billit, other } = await billitAccounts(t, 'billit-cost-list'));
  sales.push(await sale(billit, '2026-03-01'), await sale(billit, '2026-03-02'));
  for (const n of ['C-1', 'C-2', 'C-3']) costs.push(await cost(billit, n));
  otherCost = await cost(other, 'C-OTHER');
});
after(async () => {
  await t?.close();
  await closeEinvoiceValidation();
});

const list = async (query: string) => {
  const r = await billit('GET', `/billit/v1/orders?${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json() as { Items: Record<string, unknown>[]; Count: number; NextPageLink: string | null };
};
const ids = (items: Record<string, unknown>[]) => items.map((o) => o.OrderID as number).sort((a, b) => a - b);

test("OrderDirection eq 'Cost' lists the account's Cost orders as GET /v1/orders/{id} shows them; 'Income' only sales", async () => {
  const costList = await list(`$filter=OrderDirection eq 'Cost'`);
  assert.equal(costList.Count, 3);
  assert.deepEqual(
    ids(costList.Items),
    [...costs].sort((a, b) => a - b),
  );
  assert.ok(!ids(costList.Items).includes(otherCost), "another account's Cost order is not listed");
  const one = costList.Items.find((o) => o.OrderID === costs[1])!;
  const got = (await billit('GET', `/billit/v1/orders/${costs[1]}`)).json();
  assert.deepEqual(one, got, 'the list shows a Cost order as GET /v1/orders/{id} does');
  assert.equal(one.OrderDirection, 'Cost');
  assert.equal(one.OrderNumber, 'C-2');

  const income = await list(`$filter=OrderDirection eq 'income'`);
  assert.equal(income.Count, 2);
  assert.deepEqual(ids(income.Items), sales);
  assert.ok(income.Items.every((o) => o.OrderDirection === 'Income'));

  const numbered = await list(`$filter=OrderDirection eq 'Cost' and OrderNumber eq 'C-3'`);
  assert.deepEqual(ids(numbered.Items), [costs[2]]);
  const ne = await list(`$filter=OrderDirection ne 'Cost'`);
  assert.deepEqual(ids(ne.Items), sales);
});

test('without a filter both kinds are counted and paged together: no order twice, none skipped', async () => {
  const all = await list('');
  assert.equal(all.Count, 5);
  const seen: number[] = [];
  for (const orderby of ['OrderDate desc', 'TotalIncl asc', 'OrderID desc']) {
    seen.length = 0;
    for (let skip = 0; skip < 6; skip += 2) {
      const page = await list(`$orderby=${encodeURIComponent(orderby)}&$top=2&$skip=${skip}`);
      assert.equal(page.Count, 5);
      seen.push(...page.Items.map((o) => o.OrderID as number));
    }
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [...sales, ...costs].sort((a, b) => a - b),
      `pages by ${orderby}`,
    );
  }
  const desc = await list('$orderby=OrderID desc&$top=3');
  assert.deepEqual(
    desc.Items.map((o) => o.OrderID),
    [...costs].reverse(),
  );
});

test("an OrderDirection other than Income or Cost is Billit's GenericError", async () => {
  const r = await billit('GET', `/billit/v1/orders?$filter=OrderDirection eq 'Sideways'`);
  assert.equal(r.status, 400, r.text);
});
