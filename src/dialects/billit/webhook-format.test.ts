import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import type { Tx } from '../../app/context.js';
import type { WebhookEvent } from '../../app/webhooks/emit-events.js';
import { BILLIT_SUBSCRIPTIONS, billitSignature, billitWebhookFormat } from './webhook-format.js';

test('Billit-Signature is t=<unix>,s=<hex HMAC-SHA256(secret, "t.body")>', () => {
  const body = '{"UpdatedEntityID":7,"UpdatedEntityType":"Order"}';
  const s = createHmac('sha256', 'sekret').update(`1700000000.${body}`).digest('hex');
  assert.equal(billitSignature('sekret', 1700000000, body), `t=1700000000,s=${s}`);
  const headers = billitWebhookFormat.headers('sekret', 1700000000, body);
  assert.equal(headers['Billit-Signature'], `t=1700000000,s=${s}`);
  assert.match(headers['content-type']!, /^application\/json/);
});

test('deletions fire nothing, and an event outside the subscription builds no body (without reading anything)', async () => {
  assert.deepEqual(BILLIT_SUBSCRIPTIONS.Order.D, []);
  assert.deepEqual(BILLIT_SUBSCRIPTIONS.Message.D, []);
  const noTx = new Proxy({}, { get: () => assert.fail('the database was read') }) as unknown as Tx;
  const event: WebhookEvent = {
    id: 'evt_1',
    type: 'document.finalized',
    createdAt: '2026-01-01T00:00:00.000Z',
    accountId: 1,
    data: { document: { id: 5 } },
  };
  for (const [entity, update] of [
    ['Order', 'D'],
    ['Order', 'U'],
    ['Message', 'I'],
    ['Message', 'U'],
  ] as const) {
    const body = await billitWebhookFormat.body(noTx, 1, event, {
      id: 1,
      format: 'billit',
      vendorEntityType: entity,
      vendorUpdateType: update,
    });
    assert.equal(body, null, `${entity}/${update}`);
  }
});
