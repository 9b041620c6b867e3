import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { drainAll, invoice, startAtEnv, type AtAccount, type AtEnv } from '../at/at-env.js';
import { verifyDelivery } from './receiver-check.js';

describe('AT communication events', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let rx: WebhookReceiver;
  let secret: string;
  const settleAll = async () => {
    await drainAll(env.t);
    for (let i = 0; i < 100; i++) {
      await env.t.worker.drain();
      const pending = await env.t.db.database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', ['event.dispatch', 'webhook.deliver'])
        .where('state', 'in', ['pending', 'running'])
        .executeTakeFirst();
      if (!pending) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  before(async () => {
    rx = await startWebhookReceiver();
    env = await startAtEnv();
    a = await env.account({ invoices: true });
    const series = (await a.call('GET', '/v1/series')).body[0];
    await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'FT' });
    const ep = await a.call('POST', '/v1/webhooks', {
      url: rx.url,
      events: ['at.communication.succeeded', 'at.communication.failed'],
    });
    assert.equal(ep.status, 201, JSON.stringify(ep.body));
    secret = ep.body.secret;
  });
  after(async () => {
    await env?.close();
    await rx?.close();
  });

  test('at.communication.succeeded when AT registers the invoice', async () => {
    const n = rx.requests.length;
    const f = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settleAll();
    const reqs = rx.requests.slice(n);
    assert.equal(reqs.length, 1);
    assert.ok(verifyDelivery(reqs[0], secret).ok);
    const e = JSON.parse(reqs[0].body);
    assert.equal(e.type, 'at.communication.succeeded');
    assert.deepEqual(
      [
        e.data.communication.documentId,
        e.data.communication.service,
        e.data.communication.operation,
        e.data.communication.status,
        e.data.communication.returnCode,
      ],
      [f.body.id, 'invoices', 'RegisterInvoice', 'success', '0'],
    );
    assert.equal(e.data.document.number, f.body.number);
  });

  test('at.communication.failed when AT refuses for good; a transient failure that is retried emits nothing', async () => {
    env.fake.failNext('http503');
    const n = rx.requests.length;
    const ok = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settleAll();
    assert.deepEqual(
      rx.requests.slice(n).map((r) => JSON.parse(r.body).type),
      ['at.communication.succeeded'],
      'the 503 was retried silently',
    );
    assert.equal(JSON.parse(rx.requests.at(-1)!.body).data.document.id, ok.body.id);

    env.fake.failNext({ code: -7, message: 'Erro simulado de negócio' });
    const m = rx.requests.length;
    const f = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settleAll();
    const [e] = rx.requests.slice(m).map((r) => JSON.parse(r.body));
    assert.equal(e.type, 'at.communication.failed');
    assert.deepEqual(
      [
        e.data.communication.documentId,
        e.data.communication.status,
        e.data.communication.returnCode,
        e.data.communication.final,
      ],
      [f.body.id, 'permanent', '-7', true],
    );
    assert.match(e.data.communication.returnMessage, /Erro simulado/);
  });
});
