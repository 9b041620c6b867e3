import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeEinvoiceValidation, configureEinvoiceValidation } from '../../src/exports/einvoice/validate/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccount, type BillitClient } from './billit-app.js';

// A product's Unit as Peppol carries it (UN/ECE Rec 20, #17): mapped to the account's unit, or kept as the code.
let t: TestApp;
let billit: BillitClient;
let key: string;
before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  t = await startTestApp();
  ({ key, billit } = await billitAccount(t, 'billit-units'));
});
after(async () => {
  await t?.close();
  await closeEinvoiceValidation();
});

async function unitOf(reference: string, unit: string): Promise<unknown> {
  const created = await billit('POST', '/billit/v1/products', {
    Reference: reference,
    Description: `Product ${reference}`,
    AmountExcl: 10,
    VAT: 21,
    Unit: unit,
  });
  assert.equal(created.status, 200, created.text);
  const got = await billit('GET', `/billit/v1/products/${Number(created.text)}`);
  assert.equal(got.status, 200, got.text);
  return got.json().Unit;
}

test('Rec 20 codes map to the account unit of that code: C62 → UN, HUR → H, KGM → KG, LTR → L, MTR → M', async () => {
  assert.equal(await unitOf('U-C62', 'C62'), 'UN');
  assert.equal(await unitOf('U-HUR', 'HUR'), 'H');
  assert.equal(await unitOf('U-KGM', 'kgm'), 'KG');
  assert.equal(await unitOf('U-LTR', 'LTR'), 'L');
  assert.equal(await unitOf('U-MTR', 'MTR'), 'M');
});

test('a Rec 20 code the account has no unit for is kept as a unit of its own, reused by the next product', async () => {
  assert.equal(await unitOf('U-DAY-1', 'DAY'), 'DAY');
  assert.equal(await unitOf('U-DAY-2', 'DAY'), 'DAY');
  const units = await t.db.database.db.selectFrom('units').select('symbol').where('symbol', '=', 'DAY').execute();
  assert.equal(units.length, 1);
});

test("an account's own symbol still matches, and text that is neither reads back null", async () => {
  assert.equal(await unitOf('U-KG', 'kg'), 'KG');
  assert.equal(await unitOf('U-X', 'bundle of joy'), null);
});

test('an order line keeps a Rec 20 Unit, and its Peppol UBL carries that code (not C62)', async () => {
  const created = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    Customer: { Name: 'Alfa Klant BV', VATNumber: 'BE0202239951' },
    OrderLines: [
      { Quantity: 3, UnitPriceExcl: 50, Description: 'Consulting', VATPercentage: 21, Unit: 'HUR' },
      { Quantity: 2, UnitPriceExcl: 4, Description: 'Coffee', VATPercentage: 21, Unit: 'KGM' },
    ],
  });
  assert.equal(created.status, 200, created.text);
  const order = (await billit('GET', `/billit/v1/orders/${created.text}`)).json();
  assert.deepEqual(
    order.OrderLines.map((l: { Unit: string }) => l.Unit),
    ['HUR', 'KGM'],
  );
  const ubl = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${created.text}/einvoice`,
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(ubl.statusCode, 200, ubl.body);
  const codes = [...ubl.body.matchAll(/InvoicedQuantity unitCode="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(codes, ['HUR', 'KGM']);
});
