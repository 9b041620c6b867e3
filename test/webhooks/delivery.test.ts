import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver.js';
import { emailApp, invoice, nextAttempt, settle, type EmailTestApp } from '../email/email-env.js';
import { ProcessedEvents, verifyDelivery } from './receiver-check.js';

let t: EmailTestApp;
let rx: WebhookReceiver;
let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
  rx = await startWebhookReceiver();
  t = await emailApp(sink); // WEBHOOK_MAX_ATTEMPTS = 4, WEBHOOK_TIMEOUT_MS = 400
});
after(async () => {
  await t?.close();
  await rx?.close();
  await sink?.close();
});
beforeEach(() => {
  rx.respond = () => ({ status: 200, body: 'ok' });
});

const endpoint = async (events: string[], key?: string) => {
  const r = await t.call('POST', '/v1/webhooks', { url: rx.url, events }, { key });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; secret: string };
};
const json = (r: ReceivedRequest) => JSON.parse(r.body);
/** A failed test must not leave an endpoint that the next tests' events would reach. */
const dropEndpoints = () =>
  t.db.database.db.deleteFrom('webhook_endpoints').where('account_id', '=', t.account.accountId).execute();
const since = (n: number) => rx.requests.slice(n);
const deliveries = async (endpointId: number, query = '') =>
  (await t.call('GET', `/v1/webhooks/${endpointId}/deliveries${query}`)).body.data;
const dispatchJobs = async (accountId: number) =>
  Number(
    (
      await t.db.database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .where('kind', '=', 'event.dispatch')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('document events, signed', () => {
  let ep: { id: number; secret: string };
  before(async () => {
    ep = await endpoint(['document.finalized', 'document.cancelled', 'document.settled', 'document.paid']);
  });
  after(async () => {
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
  });

  test('document.finalized: the payload, the ids in the headers, and a signature the README recipe verifies', async () => {
    const n = rx.requests.length;
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, reference: 'PO-1' }));
    await settle(t);
    const [req] = since(n);
    assert.equal(since(n).length, 1);
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/hooks/faturador');
    assert.equal(req.headers['content-type'], 'application/json');
    const body = json(req);
    assert.match(body.id, /^evt_[0-9a-f]{32}$/);
    assert.equal(body.type, 'document.finalized');
    assert.equal(body.accountId, t.account.accountId);
    assert.ok(Math.abs(Date.parse(body.createdAt) - Date.now()) < 60_000);
    assert.deepEqual(body.data.document, {
      id: doc.body.id,
      type: 'FT',
      number: doc.body.number,
      status: 'final',
      date: doc.body.date,
      dueDate: '2099-12-31',
      contactId: doc.body.contactId,
      customer: { name: 'Cliente Exemplo, Lda', taxId: '123456789', email: 'financeiro@cliente.pt' },
      currency: 'EUR',
      grossTotal: '246.00',
      payableTotal: '246.00',
      openBalance: '246.00',
      paid: false,
      atcud: doc.body.atcud,
      reference: 'PO-1',
      cancelReason: null,
    });
    assert.equal(req.headers['faturador-event-id'], body.id);
    assert.equal(req.headers['faturador-event-type'], 'document.finalized');
    assert.equal(req.headers['faturador-delivery-attempt'], '1');
    const [d] = await deliveries(ep.id);
    assert.equal(req.headers['faturador-delivery-id'], String(d.id));
    assert.deepEqual(
      [d.status, d.attempts, d.lastStatusCode, d.eventId, d.eventType],
      ['succeeded', 1, 200, body.id, 'document.finalized'],
    );
    assert.deepEqual(d.payload, body);
    assert.deepEqual(
      d.log.map((a: any) => [a.attempt, a.statusCode, a.responseExcerpt, a.error]),
      [[1, 200, 'ok', null]],
    );
    assert.ok(typeof d.log[0].durationMs === 'number');

    const check = verifyDelivery(req, ep.secret);
    assert.ok(check.ok, check.reason);
    assert.equal(d.log[0].signatureTimestamp, check.t);
    assert.match(String(req.headers['faturador-signature']), /^t=\d{10},v1=[0-9a-f]{64}$/);
    // Replay protection: an old capture is refused on its timestamp; a changed body or a wrong secret never verifies.
    assert.equal(verifyDelivery(req, ep.secret, check.t! + 301).reason, 'stale');
    assert.equal(verifyDelivery({ ...req, body: req.body.replace('246.00', '999.00') }, ep.secret).reason, 'signature');
    assert.equal(verifyDelivery(req, 'whsec_wrong').reason, 'signature');
  });

  test('receipts emit document.settled for each document they settle, and document.paid when nothing is left open', async () => {
    const ft = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settle(t);
    const n = rx.requests.length;
    const part = await t.call('POST', '/v1/receipts', { documents: [{ documentId: ft.body.id, amount: '46.00' }] });
    assert.equal(part.status, 201, JSON.stringify(part.body));
    await settle(t);
    const first = since(n).map(json);
    assert.deepEqual(first.map((e) => e.type).sort(), ['document.finalized', 'document.settled']);
    const settled = first.find((e) => e.type === 'document.settled');
    assert.deepEqual(
      [settled.data.document.id, settled.data.document.openBalance, settled.data.document.paid],
      [ft.body.id, '200.00', false],
    );
    assert.deepEqual(settled.data.settlement, { receiptId: part.body.id, receiptType: 'RG', amount: '46.00' });
    assert.equal(first.find((e) => e.type === 'document.finalized').data.document.id, part.body.id);

    const m = rx.requests.length;
    const rest = await t.call('POST', '/v1/receipts', { documents: [{ documentId: ft.body.id }] });
    await settle(t);
    const second = since(m).map(json);
    assert.deepEqual(second.map((e) => e.type).sort(), ['document.finalized', 'document.paid', 'document.settled']);
    const paid = second.find((e) => e.type === 'document.paid');
    assert.deepEqual(
      [paid.data.document.id, paid.data.document.openBalance, paid.data.document.paid],
      [ft.body.id, '0.00', true],
    );
    assert.deepEqual(paid.data.paidBy, { documentId: rest.body.id, type: 'RG' });
  });

  test('document.cancelled carries the reason', async () => {
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settle(t);
    const n = rx.requests.length;
    assert.equal(
      (await t.call('POST', `/v1/documents/${doc.body.id}/cancel`, { reason: 'Emitida por engano' })).status,
      200,
    );
    await settle(t);
    const [e] = since(n).map(json);
    assert.equal(e.type, 'document.cancelled');
    assert.equal(e.data.reason, 'Emitida por engano');
    assert.deepEqual(
      [e.data.document.status, e.data.document.cancelReason, e.data.document.openBalance],
      ['cancelled', 'Emitida por engano', '0.00'],
    );
  });

  test('emitting is one outbox row per business transaction, and none for accounts that subscribe to nothing of it', async () => {
    const before = await dispatchJobs(t.account.accountId);
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    assert.equal(await dispatchJobs(t.account.accountId), before + 1);

    const quiet = await t.newAccount();
    await t.call('POST', '/v1/documents', invoice({ finalize: true }), { key: quiet.apiKey });
    assert.equal(await dispatchJobs(quiet.accountId), 0, 'no endpoint: no job at all');
    await t.call('POST', '/v1/webhooks', { url: rx.url, events: ['email.failed'] }, { key: quiet.apiKey });
    await t.call('POST', '/v1/documents', invoice({ finalize: true }), { key: quiet.apiKey });
    assert.equal(await dispatchJobs(quiet.accountId), 0, 'an endpoint for other events: still nothing');
    await settle(t);
  });
});

describe('failures, retries and redelivery', () => {
  afterEach(dropEndpoints);
  test('500s are retried with backoff until a 2xx; same event id, fresh signature, growing attempt number', async () => {
    const ep = await endpoint(['document.finalized']);
    const base = rx.requests.length;
    rx.respond = (_req, n) => (n - base <= 2 ? { status: 500, body: 'boom' } : { status: 204 });
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await t.stepper.drain();
    let [d] = await deliveries(ep.id);
    assert.deepEqual([d.status, d.attempts, d.lastStatusCode, d.lastError], ['retrying', 1, 500, 'HTTP 500']);
    await nextAttempt(t);
    await nextAttempt(t);
    [d] = await deliveries(ep.id);
    assert.deepEqual([d.status, d.attempts, d.lastStatusCode, d.lastError], ['succeeded', 3, 204, null]);
    assert.deepEqual(
      d.log.map((a: any) => [a.attempt, a.statusCode, a.responseExcerpt]),
      [
        [1, 500, 'boom'],
        [2, 500, 'boom'],
        [3, 204, ''],
      ],
    );
    const reqs = since(base);
    assert.equal(reqs.length, 3);
    assert.deepEqual(
      reqs.map((r) => r.headers['faturador-delivery-attempt']),
      ['1', '2', '3'],
    );
    assert.equal(new Set(reqs.map((r) => json(r).id)).size, 1, 'one event');
    assert.equal(new Set(reqs.map((r) => r.headers['faturador-delivery-id'])).size, 1, 'one delivery');
    assert.ok(reqs.every((r) => verifyDelivery(r, ep.secret).ok));
    assert.deepEqual(
      reqs.map((r) => r.body),
      [reqs[0].body, reqs[0].body, reqs[0].body],
      'the same bytes each time',
    );
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
  });

  test('a receiver slower than WEBHOOK_TIMEOUT_MS counts as a failure; the retry is a duplicate the receiver recognizes by event id', async () => {
    const ep = await endpoint(['document.finalized']);
    const base = rx.requests.length;
    const processed = new ProcessedEvents();
    let handled = 0;
    rx.respond = (req, n) => {
      if (processed.firstTime(req)) handled += 1;
      return n - base === 1 ? { status: 200, delayMs: 1500 } : { status: 200, body: 'duplicate ignored' };
    };
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await t.stepper.drain();
    let [d] = await deliveries(ep.id);
    assert.equal(d.status, 'retrying');
    assert.deepEqual([d.log[0].statusCode, d.log[0].error], [null, 'Timed out after 400 ms']);
    assert.ok(d.log[0].durationMs >= 390 && d.log[0].durationMs < 1400, String(d.log[0].durationMs));
    await nextAttempt(t);
    [d] = await deliveries(ep.id);
    assert.equal(d.status, 'succeeded');
    assert.equal(since(base).length, 2, 'delivered at least once: here twice');
    assert.equal(handled, 1, 'processed once');
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
  });

  test('connection refused; after WEBHOOK_MAX_ATTEMPTS the delivery fails; a manual redelivery is a new delivery of the same event', async () => {
    const closed = await startWebhookReceiver();
    const url = closed.url;
    await closed.close();
    const c = await t.call('POST', '/v1/webhooks', { url, events: ['document.finalized'] });
    const ep = { id: c.body.id as number, secret: c.body.secret as string };
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await t.stepper.drain();
    for (let i = 0; i < 3; i++) await nextAttempt(t);
    let [d] = await deliveries(ep.id);
    assert.deepEqual([d.status, d.attempts], ['failed', 4]);
    assert.ok(
      d.log.every((a: any) => a.statusCode === null && /ECONNREFUSED/.test(a.error)),
      JSON.stringify(d.log),
    );
    const job = await t.db.database.db
      .selectFrom('jobs')
      .select('state')
      .where('kind', '=', 'webhook.deliver')
      .where('dedupe_key', '=', String(d.id))
      .executeTakeFirstOrThrow();
    assert.equal(job.state, 'dead');
    await nextAttempt(t);
    assert.equal((await deliveries(ep.id))[0].attempts, 4, 'given up');

    // The receiver is back (at the right URL now): redeliver by hand.
    assert.equal((await t.call('PATCH', `/v1/webhooks/${ep.id}`, { url: rx.url })).status, 200);
    const base = rx.requests.length;
    const r = await t.call('POST', `/v1/webhooks/deliveries/${d.id}/redeliver`);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(
      [r.body.status, r.body.redeliveryOf, r.body.eventId, r.body.attempts],
      ['pending', d.id, d.eventId, 0],
    );
    assert.notEqual(r.body.id, d.id);
    await settle(t);
    const [req] = since(base);
    assert.equal(req.body, JSON.stringify(d.payload), 'the same body');
    assert.equal(req.headers['faturador-event-id'], d.eventId);
    assert.equal(req.headers['faturador-delivery-id'], String(r.body.id));
    assert.ok(verifyDelivery(req, ep.secret).ok);
    const all = await deliveries(ep.id);
    assert.deepEqual(
      all.map((x: any) => [x.id, x.status]),
      [
        [r.body.id, 'succeeded'],
        [d.id, 'failed'],
      ],
    );
    assert.deepEqual(
      (await deliveries(ep.id, '?status=failed')).map((x: any) => x.id),
      [d.id],
    );
    assert.equal((await t.call('POST', '/v1/webhooks/deliveries/999999/redeliver')).status, 404);
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
  });

  test('disabling an endpoint cancels its pending deliveries; redelivery then needs it enabled', async () => {
    const ep = await endpoint(['document.finalized']);
    rx.respond = () => ({ status: 503 });
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await t.stepper.drain();
    assert.equal((await t.call('PATCH', `/v1/webhooks/${ep.id}`, { enabled: false })).status, 200);
    const base = rx.requests.length;
    await nextAttempt(t);
    const [d] = await deliveries(ep.id);
    assert.deepEqual([d.status, d.lastError], ['cancelled', 'The endpoint was disabled.']);
    assert.equal(rx.requests.length, base);
    const r = await t.call('POST', `/v1/webhooks/deliveries/${d.id}/redeliver`);
    assert.equal(r.status, 409);
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
  });

  test('after a rotation with grace, both secrets sign; without grace only the new one', async () => {
    const ep = await endpoint(['document.finalized']);
    const rot = await t.call('POST', `/v1/webhooks/${ep.id}/rotate-secret`, { graceSeconds: 600 });
    let base = rx.requests.length;
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settle(t);
    let [req] = since(base);
    assert.match(String(req.headers['faturador-signature']), /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    assert.ok(verifyDelivery(req, rot.body.secret).ok, 'new secret');
    assert.ok(verifyDelivery(req, ep.secret).ok, 'old secret, during the grace period');

    const again = await t.call('POST', `/v1/webhooks/${ep.id}/rotate-secret`);
    base = rx.requests.length;
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settle(t);
    [req] = since(base);
    assert.ok(verifyDelivery(req, again.body.secret).ok);
    assert.equal(verifyDelivery(req, rot.body.secret).reason, 'signature');
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
  });

  test('deleting an endpoint drops its queued deliveries', async () => {
    const ep = await endpoint(['document.finalized']);
    await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await t.call('DELETE', `/v1/webhooks/${ep.id}`);
    const base = rx.requests.length;
    await settle(t);
    assert.equal(rx.requests.length, base);
  });
});

describe('e-mail events', () => {
  afterEach(dropEndpoints);
  test('email.delivered when the SMTP server accepts, email.failed when it refuses for good', async () => {
    const ep = await endpoint(['email.delivered', 'email.failed']);
    const base = rx.requests.length;
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@cliente.pt' }));
    await settle(t);
    const [delivered] = since(base).map(json);
    assert.equal(delivered.type, 'email.delivered');
    assert.equal(delivered.data.document.number, doc.body.number);
    const e = delivered.data.email;
    assert.deepEqual(
      [e.documentId, e.to, e.copy, e.attempt, e.accepted],
      [doc.body.id, ['cliente@cliente.pt'], 'original', 1, ['cliente@cliente.pt']],
    );
    assert.match(e.messageId, /^<.+>$/);
    assert.equal(e.subject, `Fatura ${doc.body.number} · ${doc.body.seller.name}`);

    sink.mode = 'reject';
    try {
      const m = rx.requests.length;
      await t.call('POST', `/v1/documents/${doc.body.id}/email`, { to: 'nobody@cliente.pt' });
      await settle(t);
      const [failed] = since(m).map(json);
      assert.equal(failed.type, 'email.failed');
      assert.deepEqual([failed.data.email.to, failed.data.email.attempt], [['nobody@cliente.pt'], 1]);
      assert.match(failed.data.email.error, /Recipient address rejected/);
    } finally {
      sink.mode = 'accept';
      await t.call('DELETE', `/v1/webhooks/${ep.id}`);
    }
  });
});
