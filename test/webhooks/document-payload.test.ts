import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIssuedDocument } from '../../src/app/documents/load-issued-documents.js';
import { enqueueJob } from '../../src/app/jobs/enqueue-job.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { emailApp, invoice, settle, type EmailTestApp } from '../email/email-env.js';

/** The body of a document event is built by the dispatch from the IssuedDocument, with the state the event recorded. */
describe('document events read the IssuedDocument', () => {
  let t: EmailTestApp;
  let rx: WebhookReceiver;
  before(async () => {
    rx = await startWebhookReceiver();
    t = await emailApp(null);
    const ep = await t.call('POST', '/v1/webhooks', {
      url: rx.url,
      events: ['document.finalized', 'document.settled', 'document.paid'],
    });
    assert.equal(ep.status, 201, JSON.stringify(ep.body));
  });
  after(async () => {
    await t?.close();
    await rx?.close();
  });
  const bodies = (since: number) => rx.requests.slice(since).map((r) => JSON.parse(r.body));
  const dispatchJobs = () =>
    t.db.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('account_id', '=', t.account.accountId)
      .where('kind', '=', 'event.dispatch')
      .where('state', '=', 'pending')
      .execute();

  test('document.finalized: the outbox records the state only; the body is the IssuedDocument’s', async () => {
    const n = rx.requests.length;
    const created = await t.call(
      'POST',
      '/v1/documents',
      invoice({
        finalize: true,
        reference: 'PO-7',
        lines: [{ description: 'X', quantity: '3', unitPrice: '10.01', taxName: 'IVA23', productType: 'S' }],
      }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    const [job] = await dispatchJobs();
    const [queued] = (job.payload as { events: any[] }).events;
    assert.deepEqual(queued.data, {}, 'the finalize transaction builds no document body');
    assert.deepEqual(queued.document, { id, status: 'final', openBalance: '36.94', paid: false, cancelReason: null });

    await settle(t);
    const [body] = bodies(n);
    const doc = await loadIssuedDocument(t.db.database.db, t.account.accountId, id);
    const d = body.data.document;
    assert.deepEqual(
      [d.id, d.type, d.number, d.atcud, d.date, d.dueDate, d.currency, d.reference],
      [doc.id, doc.type, doc.number, doc.atcud, doc.date, doc.dueDate, doc.currency, doc.reference],
    );
    assert.deepEqual([d.grossTotal, d.payableTotal], [doc.totals.gross, doc.totals.payable]);
    assert.deepEqual([d.grossTotal, d.payableTotal], ['36.94', '36.94']);
    assert.deepEqual(d.customer, {
      name: doc.customer.snapshot.name,
      taxId: doc.customer.snapshot.taxId,
      email: doc.customer.snapshot.email,
    });
    assert.equal(d.contactId, doc.customer.contactId);
    assert.match(doc.number!, /^FT .+\/\d+$/);
    assert.equal(doc.atcud, created.body.atcud);
    // The signed document the event announces: the number and ATCUD are those its hash was computed with.
    assert.equal(doc.signature.printed.length, 4);
    assert.equal(created.body.number, doc.number);
  });

  test('document.settled shows the balance its settlement left, even when dispatched after a later receipt', async () => {
    const ft = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    await settle(t);
    const n = rx.requests.length;
    const part = await t.call('POST', '/v1/receipts', { documents: [{ documentId: ft.body.id, amount: '46.00' }] });
    assert.equal(part.status, 201, JSON.stringify(part.body));
    const rest = await t.call('POST', '/v1/receipts', { documents: [{ documentId: ft.body.id }] });
    assert.equal(rest.status, 201, JSON.stringify(rest.body));
    await settle(t);
    const events = bodies(n).filter((e) => e.data.document?.id === ft.body.id);
    const settled = events
      .filter((e) => e.type === 'document.settled')
      .map((e) => [e.data.settlement.receiptId, e.data.document.openBalance, e.data.document.paid]);
    assert.deepEqual(
      settled.sort((a, b) => a[0] - b[0]),
      [
        [part.body.id, '200.00', false],
        [rest.body.id, '0.00', true],
      ],
    );
    const paid = events.filter((e) => e.type === 'document.paid');
    assert.deepEqual(
      paid.map((e) => [Object.keys(e.data), e.data.document.openBalance, e.data.paidBy.documentId]),
      [[['document', 'paidBy'], '0.00', rest.body.id]],
    );
  });

  test('an event.dispatch job queued by an older version (its document already built) is delivered as queued', async () => {
    const n = rx.requests.length;
    const legacy = {
      id: `evt_${'a'.repeat(32)}`,
      type: 'document.finalized',
      accountId: t.account.accountId,
      createdAt: new Date(Date.now() + 1000).toISOString(),
      data: { document: { id: 999_999, type: 'FT', number: 'FT OLD/1', grossTotal: '1.00' } },
    };
    await enqueueJob(t.db.database.db, {
      accountId: t.account.accountId,
      kind: 'event.dispatch',
      payload: { events: [legacy] },
      maxAttempts: 10,
    });
    await settle(t);
    assert.deepEqual(bodies(n), [legacy]);
  });
});
