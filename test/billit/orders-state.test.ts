import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// PATCH / DELETE / payments of Billit orders (#17) on PGlite and PostgreSQL: Paid settles through the core's
// receipts (and back), the other flags, the refused fields, deletion before sending, another party's order → 401.
let t: TestApp;
let key: string;
let billit: BillitClient;
let other: BillitClient;

before(async () => {
  t = await startTestApp();
  ({ key, billit, other } = await billitAccounts(t, 'billit-state'));
});
after(async () => {
  await t?.close();
});

const native = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key });

/** A 100 + 21 % invoice through Billit's POST. */
async function invoice(): Promise<number> {
  const r = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    OrderDate: '2026-12-01',
    Customer: { Name: 'Klant BV', VATNumber: 'BE0202239951', Email: 'klant@example.com' },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Consultancy', VATPercentage: 21 }],
  });
  assert.equal(r.status, 200, r.text);
  return Number(r.text);
}

const order = async (id: number) => {
  const r = await billit('GET', `/billit/v1/orders/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json();
};

/** The receipts of the account that settle this document, as the native API lists them. */
async function receiptsOf(id: number): Promise<{ id: number; status: string; total: string }[]> {
  const r = await native('GET', '/v1/documents?type=RG&perPage=100');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const out = [];
  for (const d of r.body.data) {
    const full = await native('GET', `/v1/documents/${d.id}`);
    const settles = JSON.stringify(full.body);
    if (settles.includes(`"documentId":${id}`))
      out.push({ id: d.id, status: full.body.status, total: full.body.totals.gross });
  }
  return out;
}

test('Paid=true settles the invoice through a receipt dated PaidDate; Paid=false cancels it', async () => {
  const id = await invoice();
  const r = await billit('PATCH', `/billit/v1/orders/${id}`, { Paid: true, PaidDate: '2026-12-05T09:30:00.000Z' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, '');
  const o = await order(id);
  assert.deepEqual([o.Paid, o.OrderStatus, o.ToPay, o.PaidDate], [true, 'Paid', 0, '2026-12-05T10:30:00']);
  const receipts = await receiptsOf(id);
  assert.equal(receipts.length, 1);
  assert.equal(receipts[0]!.status, 'final');
  assert.equal(Number(receipts[0]!.total), 121);
  const doc = await native('GET', `/v1/documents/${id}`);
  assert.equal(doc.body.paid, true);
  // C's form: Paid false with an explicit null date.
  const back = await billit('PATCH', `/billit/v1/orders/${id}`, { paid: false, paidDate: null });
  assert.equal(back.status, 200, back.text);
  const o2 = await order(id);
  assert.deepEqual([o2.Paid, o2.OrderStatus, o2.ToPay, o2.PaidDate], [false, 'ToSend', 121, null]);
  assert.deepEqual(
    (await receiptsOf(id)).map((x) => x.status),
    ['cancelled'],
  );
});

test('the other patchable flags, in any letter case, show on the order and filter the list', async () => {
  const id = await invoice();
  const r = await billit('PATCH', `/billit/v1/orders/${id}`, {
    isSent: true,
    ApprovalStatus: 'Approved',
    ACCOUNTCODE: '700000',
    InternalInfo: 'Call before delivery',
    Invoiced: true,
    AccountantVerificationNeeded: true,
  });
  assert.equal(r.status, 200, r.text);
  const o = await order(id);
  assert.deepEqual(
    [o.IsSent, o.ApprovalStatus, o.AccountCode, o.InternalInfo, o.Invoiced, o.AccountantVerificationNeeded],
    [true, 'Approved', '700000', 'Call before delivery', true, true],
  );
  assert.equal(o.OrderStatus, 'ToPay');
  const list = await billit(
    'GET',
    `/billit/v1/orders?$filter=${encodeURIComponent("IsSent eq true and ApprovalStatus eq 'Approved' and AccountantVerificationNeeded eq true")}`,
  );
  assert.deepEqual(
    list.json().Items.map((x: { OrderID: number }) => x.OrderID),
    [id],
  );
  // Cleared with null.
  await billit('PATCH', `/billit/v1/orders/${id}`, { InternalInfo: null, ApprovalStatus: null });
  const o2 = await order(id);
  assert.deepEqual([o2.InternalInfo, o2.ApprovalStatus], [null, null]);
});

test("a field Billit does not patch, or a bad date, is a 400 in Billit's envelope and changes nothing", async () => {
  const id = await invoice();
  const r = await billit('PATCH', `/billit/v1/orders/${id}`, { Paid: true, OrderDate: '2026-01-01' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json().errors[0].Code, 'GenericError');
  assert.match(r.json().errors[0].Description, /'OrderDate' cannot be patched/);
  const bad = await billit('PATCH', `/billit/v1/orders/${id}`, { PaidDate: 'tomorrow' });
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.text, /PaidDate/);
  const o = await order(id);
  assert.deepEqual([o.Paid, o.PaidDate], [false, null]);
  assert.deepEqual(await receiptsOf(id), []);
});

test('payments in both body shapes settle through receipts; more than is open is refused', async () => {
  const id = await invoice();
  const e = await billit('POST', `/billit/v1/orders/${id}/payments`, {
    Amount: 50,
    PaymentDate: '2026-12-05',
    PaymentType: 'Wired',
    Reference: 'BANK-1',
  });
  assert.equal(e.status, 200, e.text);
  assert.match(e.text, /^\d+$/);
  let o = await order(id);
  assert.deepEqual([o.Paid, o.ToPay], [false, 71]);
  const over = await billit('POST', `/billit/v1/orders/${id}/payments`, { Amount: 80, Date: '2026-12-05' });
  assert.equal(over.status, 400, over.text);
  const tShape = await billit('POST', `/billit/v1/orders/${id}/payments`, {
    Amount: '71.00',
    Description: 'Rest',
    Date: '2026-12-05T00:00:00',
  });
  assert.equal(tShape.status, 200, tShape.text);
  o = await order(id);
  assert.deepEqual([o.Paid, o.ToPay, o.OrderStatus], [true, 0, 'Paid']);
  const receipts = await receiptsOf(id);
  assert.deepEqual(
    receipts.map((x) => Number(x.total)).sort((a, b) => a - b),
    [50, 71],
  );
  const missing = await billit('POST', `/billit/v1/orders/${id}/payments`, { Description: 'no amount' });
  assert.equal(missing.status, 400, missing.text);
});

test('DELETE before sending: an issued order is cancelled with its number kept, a draft deleted; both listed as deleted', async () => {
  const id = await invoice();
  const number = (await order(id)).OrderNumber;
  const del = await billit('DELETE', `/billit/v1/orders/${id}`);
  assert.equal(del.status, 200, del.text);
  assert.equal(del.text, 'true');
  assert.equal((await billit('GET', `/billit/v1/orders/${id}`)).status, 401);
  assert.equal((await billit('DELETE', `/billit/v1/orders/${id}`)).status, 401);
  const doc = await native('GET', `/v1/documents/${id}`);
  assert.deepEqual([doc.body.status, doc.body.number ?? doc.body.docNo], ['cancelled', number]);
  const list = await billit('GET', `/billit/v1/orders?$filter=${encodeURIComponent(`OrderNumber eq '${number}'`)}`);
  assert.equal(list.json().Count, 0);

  const draft = await native('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Klant BV', taxId: 'BE0202239951', country: 'BE' },
    lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxRate: '21' }],
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assert.equal((await billit('DELETE', `/billit/v1/orders/${draft.body.id}`)).text, 'true');
  assert.equal((await native('GET', `/v1/documents/${draft.body.id}`)).status, 404);

  const deleted = await billit('GET', '/billit/v1/orders/deleted');
  assert.equal(deleted.status, 200, deleted.text);
  const items = deleted.json().Items as { OrderID: number; OrderNumber: string | null }[];
  assert.deepEqual(
    items.filter((x) => x.OrderID === id || x.OrderID === draft.body.id).map((x) => [x.OrderID, x.OrderNumber]),
    [
      [id, number],
      [draft.body.id, null],
    ],
  );

  // Once sent, an order is not deleted.
  const sent = await invoice();
  await billit('PATCH', `/billit/v1/orders/${sent}`, { IsSent: true });
  const refused = await billit('DELETE', `/billit/v1/orders/${sent}`);
  assert.equal(refused.status, 400, refused.text);
  assert.equal((await order(sent)).OrderStatus, 'ToPay');
});

test("another party's order: PATCH, DELETE and payments answer 401 and change nothing", async () => {
  const id = await invoice();
  for (const [method, url, body] of [
    ['PATCH', `/billit/v1/orders/${id}`, { Paid: true }],
    ['DELETE', `/billit/v1/orders/${id}`, undefined],
    ['POST', `/billit/v1/orders/${id}/payments`, { Amount: 10 }],
    ['PATCH', '/billit/v1/orders/999999999', { Paid: true }],
  ] as const) {
    const r = await other(method, url, body);
    assert.equal(r.status, 401, `${method} ${url}: ${r.text}`);
    assert.ok(Array.isArray(r.json().errors));
  }
  const o = await order(id);
  assert.deepEqual([o.Paid, o.OrderStatus], [false, 'ToSend']);
});
