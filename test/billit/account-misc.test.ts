import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccount, type BillitClient } from './billit-app.js';

// GET /v1/account/accountInformation, POST /v1/account/sequences and GET /v1/misc/typecodes/{type} of the Billit
// dialect (#17) on PGlite and PostgreSQL.
let t: TestApp;
let accountId: number;
let billit: BillitClient;

before(async () => {
  t = await startTestApp();
  ({ accountId, billit } = await billitAccount(t, 'billit-account'));
});
after(async () => {
  await t?.close();
});

test('accountInformation: the company the key acts for; no key → 401', async () => {
  const r = await billit('GET', '/billit/v1/account/accountInformation');
  assert.equal(r.status, 200, r.text);
  const a = r.json();
  assert.deepEqual(
    [a.PartyID, a.Name, a.VATNumber, a.CountryCode, a.City],
    [accountId, 'Brasserie Test SRL', 'BE0412345614', 'BE', 'Bruxelles'],
  );
  assert.equal(a.Companies[0].PartyID, accountId);
  const anon = await t.app.inject({ method: 'GET', url: '/billit/v1/account/accountInformation' });
  assert.equal(anon.statusCode, 401);
});

test('sequences: the next number as a string, never reserved (Consume keeps the series gapless)', async () => {
  const ask = (body: unknown) => billit('POST', '/billit/v1/account/sequences', body);
  const first = await ask({ SequenceType: 'Income-Invoice', Consume: true });
  assert.equal(first.status, 200, first.text);
  const next = first.json();
  assert.equal(typeof next, 'string');
  assert.equal((await ask({ sequencetype: 'income-invoice', consume: false })).json(), next, 'not consumed');
  const created = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    Customer: { Name: 'Klant BV', VATNumber: 'BE0202239951' },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 10, Description: 'X', VATPercentage: 21 }],
  });
  assert.equal(created.status, 200, created.text);
  const order = (await billit('GET', `/billit/v1/orders/${created.text}`)).json();
  assert.equal(order.OrderNumber, next, 'the invoice took the number announced');
  const after = (await ask({ SequenceType: 'Income-Invoice' })).json();
  assert.notEqual(after, next);
  assert.equal(Number(after.match(/(\d+)$/)[1]), Number(next.match(/(\d+)$/)[1]) + 1);
  const credit = await ask({ SequenceType: 'Income-CreditNote' });
  assert.equal(credit.status, 200, credit.text);
  assert.match(credit.json(), /\d+$/);
  for (const bad of [{ SequenceType: 'Cost-Invoice' }, { SequenceType: 'Banana' }, {}]) {
    const r = await ask(bad);
    assert.equal(r.status, 400, `${JSON.stringify(bad)}: ${r.text}`);
    assert.ok(Array.isArray(r.json().errors));
  }
});

test('typecodes: the lists by name in any case, one code by key, 404 for an unknown list', async () => {
  const types = await billit('GET', '/billit/v1/misc/typecodes/OrderType');
  assert.equal(types.status, 200, types.text);
  assert.deepEqual(
    types.json().map((x: { Key: string }) => x.Key),
    ['Invoice', 'CreditNote', 'Offer', 'OrderForm', 'DeliveryNote'],
  );
  const transports = (await billit('GET', '/billit/v1/misc/typecodes/transporttype')).json();
  assert.ok(transports.some((x: { Key: string }) => x.Key === 'Peppol'));
  const one = await billit('GET', '/billit/v1/misc/typecodes/ordertype/creditnote');
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json().Key, 'CreditNote');
  assert.equal((await billit('GET', '/billit/v1/misc/typecodes/Nope')).status, 404);
  assert.equal((await billit('GET', '/billit/v1/misc/typecodes/OrderType/Nope')).status, 404);
});
