import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { emitEvents } from '../../src/app/webhooks/emit-events.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver.js';
import { settle, TEST_SECRET_KEY } from '../email/email-env.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// Billit's webhooks (#17) on PGlite and PostgreSQL: registration (both spellings, 4 per company, refresh, delete),
// and deliveries as Billit sends them, checked the way a real receiver (C) checks them.
let t: TestApp;
let rx: WebhookReceiver;
let accountId: number;
let billit: BillitClient;
let other: BillitClient;
before(async () => {
  rx = await startWebhookReceiver();
  t = await startTestApp({ secretKey: TEST_SECRET_KEY, webhooks: { timeoutMs: 400, maxAttempts: 2 } });
  ({ accountId, billit, other } = await billitAccounts(t, 'billit-webhooks'));
});
after(async () => {
  await t?.close();
  await rx?.close();
});
beforeEach(async () => {
  for (const w of (await billit('GET', '/billit/v1/webhooks')).json())
    await billit('DELETE', `/billit/v1/webhooks/${w.WebhookID}`);
});

/**
 * C's check (itenium-be/confac webhooks.ts): Express parsed the body, so the receiver signs JSON.stringify(parsed),
 * not the raw bytes: it verifies only if the body was compact JSON that re-serialises to itself.
 */
function receiverVerifies(req: ReceivedRequest, secret: string): boolean {
  const header = String(req.headers['billit-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.s) return false;
  const payload = JSON.stringify(JSON.parse(req.body));
  return createHmac('sha256', secret).update(`${parts.t}.${payload}`).digest('hex') === parts.s;
}

const order = () => ({
  OrderType: 'Invoice',
  OrderDirection: 'Income',
  Customer: { Name: 'Klant BV', VATNumber: 'BE0202239951', CountryCode: 'BE', Email: 'factuur@klant.be' },
  OrderLines: [{ Quantity: 2, UnitPriceExcl: 8.75, Description: 'Koffie', VATPercentage: 12 }],
});

test('registration: the Secret once, both spellings, at most 4 per company, refresh, delete → true', async () => {
  const created = await billit('POST', '/billit/v1/webhooks', {
    EntityType: 'Order',
    EntityUpdateType: 'I',
    WebhookURL: rx.url,
  });
  assert.equal(created.status, 200, created.text);
  const w = created.json();
  assert.equal(typeof w.WebhookID, 'number');
  assert.equal(w.CompanyID, accountId);
  assert.equal(w.EntityType, 'Order');
  assert.equal(w.EntityUpdateType, 'I');
  assert.equal(w.WebhookURL, rx.url);
  assert.ok(typeof w.Secret === 'string' && w.Secret.length >= 32);
  assert.ok('UserID' in w);

  // B's spelling and field names; case-insensitive binding.
  for (const body of [
    { entitytype: 'Message', UpdateType: 'U', Url: rx.url },
    { EntityType: 'order', EntityUpdateType: 'U', WebhookURL: rx.url },
    { EntityType: 'Order', EntityUpdateType: 'D', WebhookURL: rx.url },
  ]) {
    const r = await billit('POST', '/billit/v1/webhook', body);
    assert.equal(r.status, 200, r.text);
  }
  const listed = (await billit('GET', '/billit/v1/webhook')).json();
  assert.equal(listed.length, 4);
  assert.ok(
    listed.every((x: Record<string, unknown>) => !('Secret' in x)),
    'the list shows no secret',
  );
  assert.deepEqual(
    listed.map((x: { EntityType: string; EntityUpdateType: string }) => `${x.EntityType}/${x.EntityUpdateType}`),
    ['Order/I', 'Message/U', 'Order/U', 'Order/D'],
  );

  const fifth = await billit('POST', '/billit/v1/webhooks', {
    EntityType: 'Order',
    EntityUpdateType: 'I',
    WebhookURL: rx.url,
  });
  assert.equal(fifth.status, 400, fifth.text);
  assert.equal(fifth.json().errors[0].Code, 'MaximumNumberOfWebhooksReached');

  const bad = await billit('POST', '/billit/v1/webhooks', { EntityType: 'Invoice', EntityUpdateType: 'X' });
  assert.equal(bad.status, 400);

  const refreshed = await billit('POST', `/billit/v1/webhooks/refresh/${w.WebhookID}`);
  assert.equal(refreshed.status, 200, refreshed.text);
  assert.equal(typeof refreshed.json(), 'string');
  assert.notEqual(refreshed.json(), w.Secret);
  const viaB = await billit('POST', `/billit/v1/webhook/${w.WebhookID}/refreshsecret`);
  assert.equal(typeof viaB.json(), 'string');

  // Another company cannot see, refresh or delete it.
  assert.deepEqual((await other('GET', '/billit/v1/webhooks')).json(), []);
  assert.equal((await other('DELETE', `/billit/v1/webhooks/${w.WebhookID}`)).status, 404);
  assert.equal((await other('POST', `/billit/v1/webhooks/refresh/${w.WebhookID}`)).status, 404);

  const deleted = await billit('DELETE', `/billit/v1/webhooks/${w.WebhookID}`);
  assert.equal(deleted.status, 200);
  assert.equal(deleted.text, 'true');
  assert.equal((await billit('GET', '/billit/v1/webhooks')).json().length, 3);
  const again = await billit('POST', '/billit/v1/webhooks', {
    EntityType: 'Order',
    EntityUpdateType: 'I',
    WebhookURL: rx.url,
  });
  assert.equal(again.status, 200, 'a slot is free again');
});

test('an Order/I delivery: Billit-Signature over compact JSON that a re-serialising receiver verifies; flat EntityDetail', async () => {
  const w = (
    await billit('POST', '/billit/v1/webhooks', { EntityType: 'Order', EntityUpdateType: 'I', WebhookURL: rx.url })
  ).json();
  // A Message/U subscriber gets nothing for an issued order.
  await billit('POST', '/billit/v1/webhooks', {
    EntityType: 'Message',
    EntityUpdateType: 'U',
    WebhookURL: `${rx.url}/msg`,
  });
  const n = rx.requests.length;
  const created = await billit('POST', '/billit/v1/orders', order());
  assert.equal(created.status, 200, created.text);
  const orderId = Number(created.text);
  await settle(t);
  const got = rx.requests.slice(n);
  assert.equal(got.length, 1, 'one delivery, to the Order/I endpoint');
  const [req] = got;
  assert.match(String(req!.headers['billit-signature']), /^t=\d+,s=[0-9a-f]{64}$/);
  assert.equal(req!.headers['faturador-signature'], undefined);
  assert.ok(receiverVerifies(req!, w.Secret), 'verified after JSON.parse + JSON.stringify');
  assert.ok(!receiverVerifies(req!, 'whsec_wrong'));
  assert.equal(JSON.stringify(JSON.parse(req!.body)), req!.body, 'compact, canonical JSON');
  assert.doesNotMatch(req!.body, /\d\.\d*0[,}\]]/, 'no 2.00-style numbers');
  const body = JSON.parse(req!.body);
  assert.equal(body.UpdatedEntityID, orderId);
  assert.equal(body.UpdatedEntityType, 'Order');
  assert.equal(body.WebhookUpdateTypeTC, 'I');
  assert.equal(body.EntityDetail.OrderID, orderId);
  assert.equal(body.EntityDetail.OrderType, 'Invoice');
  assert.equal(body.EntityDetail.TotalExcl, 17.5);
  assert.equal(body.EntityDetail.TotalIncl, 19.6);
});

test('a Message delivery nests OrderMessage and AdditionalMessageInformation beside the flat order fields', async () => {
  const w = (
    await billit('POST', '/billit/v1/webhooks', { EntityType: 'Message', EntityUpdateType: 'U', WebhookURL: rx.url })
  ).json();
  const created = await billit('POST', '/billit/v1/orders', order());
  const orderId = Number(created.text);
  await settle(t);
  const n = rx.requests.length;
  // The Peppol delivery's status change as peppol-send emits it (record-transmission-status.ts).
  await t.db.database.db.transaction().execute((tx) =>
    emitEvents(tx, accountId, [
      {
        type: 'document.peppol.delivered',
        documentId: orderId,
        data: {
          transmission: {
            id: 41,
            documentId: orderId,
            transport: 'peppol',
            receiver: '0208:0202239951',
            status: 'delivered',
            attempts: 1,
            createdAt: new Date().toISOString(),
          },
        },
      },
    ]),
  );
  await settle(t);
  const got = rx.requests.slice(n);
  assert.equal(got.length, 1);
  assert.ok(receiverVerifies(got[0]!, w.Secret));
  const body = JSON.parse(got[0]!.body);
  assert.equal(body.UpdatedEntityType, 'Message');
  assert.equal(body.WebhookUpdateTypeTC, 'U');
  assert.equal(body.UpdatedEntityID, 41);
  assert.equal(body.EntityDetail.OrderID, orderId, 'the flat form C reads');
  assert.equal(body.EntityDetail.OrderMessage.OrderID, orderId, 'the nested form D documents');
  assert.equal(body.EntityDetail.OrderMessage.TransportType, 'Peppol');
  assert.equal(body.EntityDetail.AdditionalMessageInformation.EInvoiceFlowState, 'Delivered');
});

test('six registrations at once: exactly four succeed', async () => {
  const results = await Promise.all(
    Array.from({ length: 6 }, () =>
      billit('POST', '/billit/v1/webhooks', { EntityType: 'Order', EntityUpdateType: 'U', WebhookURL: rx.url }),
    ),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 200, 400, 400]);
  assert.equal((await billit('GET', '/billit/v1/webhooks')).json().length, 4);
});

test('no hook on delete: DELETE /v1/orders/{id} reaches neither an Order/D nor an Order/U endpoint', async () => {
  for (const update of ['D', 'U'])
    await billit('POST', '/billit/v1/webhooks', { EntityType: 'Order', EntityUpdateType: update, WebhookURL: rx.url });
  const created = await billit('POST', '/billit/v1/orders', order());
  assert.equal(created.status, 200, created.text);
  await settle(t);
  const n = rx.requests.length;
  const deleted = await billit('DELETE', `/billit/v1/orders/${created.text}`);
  assert.equal(deleted.status, 200, deleted.text);
  assert.equal(deleted.text, 'true');
  await settle(t);
  assert.equal(rx.requests.length, n);
});
