import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeEinvoiceValidation, configureEinvoiceValidation } from '../../src/exports/einvoice/validate/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { pdfBytes, supplierInvoice } from '../peppol/inbox-env.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// Booking entries of Billit orders (#17): PUT /v1/orders/{id}/bookingEntries (T) replaces, POST /v1/orders/{id}/booking
// (B) adds, GET /v1/orders/{id} shows them as BookingEntries; beside the legal document, never in it. Both DBs.
let t: TestApp;
let key: string;
let billit: BillitClient;
let other: BillitClient;

before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  t = await startTestApp();
  ({ key, billit, other } = await billitAccounts(t, 'billit-booking'));
});
after(async () => {
  await t?.close();
  await closeEinvoiceValidation();
});

async function sale(): Promise<number> {
  const r = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    Customer: { Name: 'Alfa Klant BV', VATNumber: 'BE0202239951' },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Consulting', VATPercentage: 21 }],
  });
  assert.equal(r.status, 200, r.text);
  return Number(r.text);
}

const entriesOf = async (id: number) => {
  const r = await billit('GET', `/billit/v1/orders/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json().BookingEntries as Record<string, unknown>[];
};

test('PUT replaces, POST adds, GET shows them in order with the fields the client sent; the document is untouched', async () => {
  const id = await sale();
  const native = async () =>
    (await t.app.inject({ method: 'GET', url: `/v1/documents/${id}`, headers: { authorization: `Bearer ${key}` } }))
      .body;
  const before = await native();
  assert.deepEqual(await entriesOf(id), []);

  const put = await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, [
    { GLAccount: '700000', Amount: 100.1, VATPercentage: 21, Description: 'Sales', CostCenter: 'CC-1' },
  ]);
  assert.equal(put.status, 200, put.text);
  const post = await billit('POST', `/billit/v1/orders/${id}/booking`, [
    { GLAccountCode: '451000', Amount: '21.02', Journal: 'VKP' },
  ]);
  assert.equal(post.status, 200, post.text);
  assert.deepEqual(await entriesOf(id), [
    {
      CostCenter: 'CC-1',
      GLAccount: '700000',
      Amount: 100.1,
      VATPercentage: 21,
      VATAmount: null,
      Description: 'Sales',
      Journal: null,
    },
    {
      GLAccount: '451000',
      Amount: 21.02,
      VATPercentage: null,
      VATAmount: null,
      Description: null,
      Journal: 'VKP',
    },
  ]);

  const replaced = await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, [{ GLAccount: '700100' }]);
  assert.equal(replaced.status, 200, replaced.text);
  assert.deepEqual(
    (await entriesOf(id)).map((e) => e.GLAccount),
    ['700100'],
  );
  assert.equal(await native(), before, 'the legal document reads the same');
});

test('a bad entry is refused whole (400, nothing written); another account’s order is 401', async () => {
  const id = await sale();
  await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, [{ GLAccount: '700000' }]);
  const noAccount = await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, [
    { GLAccount: '600000' },
    { Amount: 5 },
  ]);
  assert.equal(noAccount.status, 400, noAccount.text);
  const badAmount = await billit('POST', `/billit/v1/orders/${id}/booking`, [{ GLAccount: '600000', Amount: 'ten' }]);
  assert.equal(badAmount.status, 400, badAmount.text);
  const notList = await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, { GLAccount: '600000' });
  assert.equal(notList.status, 400, notList.text);
  const text = await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, '"600000"');
  assert.equal(text.status, 400, text.text);
  assert.deepEqual(
    (await entriesOf(id)).map((e) => e.GLAccount),
    ['700000'],
  );

  const foreign = await other('PUT', `/billit/v1/orders/${id}/bookingEntries`, [{ GLAccount: '600000' }]);
  assert.equal(foreign.status, 401, foreign.text);
  const none = await billit('POST', `/billit/v1/orders/99999999/booking`, [{ GLAccount: '600000' }]);
  assert.equal(none.status, 401, none.text);
});

test('a Cost order takes booking entries too', async () => {
  const xml = supplierInvoice('BK-1', pdfBytes('BK-1'));
  const cost = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Cost',
    Attachments: [{ FileName: 'BK-1.xml', FileContent: Buffer.from(xml).toString('base64') }],
  });
  assert.equal(cost.status, 200, cost.text);
  const id = Number(cost.text);
  const put = await billit('PUT', `/billit/v1/orders/${id}/bookingEntries`, {
    BookingEntries: [{ GLAccount: '604000', Amount: 775 }],
  });
  assert.equal(put.status, 200, put.text);
  const entries = await entriesOf(id);
  assert.deepEqual(
    entries.map((e) => [e.GLAccount, e.Amount]),
    [['604000', 775]],
  );
});
