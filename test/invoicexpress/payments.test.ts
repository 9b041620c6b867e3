import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lisbonDate } from '../../src/domain/time.js';
import { invoice } from '../email/email-env.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ixClient, type IxClient } from './client.js';

// Partial payments (receipts) and their cancellation through the InvoiceXpress dialect; this app has no SMTP server.
describe('InvoiceXpress partial payments and receipts', () => {
  let t: TestApp;
  let ix: IxClient;
  let other: IxClient;
  let ft: any;
  const today = lisbonDate(new Date()).split('-').reverse().join('/');

  const native = async (method: string, url: string, body?: unknown) => {
    const r = await t.call(method, url, body);
    assert.ok(r.status < 300, `${url}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const balance = async (id: number) => (await native('GET', `/v1/documents/${id}`)).openBalance;
  const receiptCount = async () => (await native('GET', '/v1/documents?type=RG&perPage=100')).pagination.total;
  const pay = (id: number, body: unknown, opts: Parameters<IxClient['call']>[3] = {}) =>
    ix.call('POST', `documents/${id}/partial_payments.${opts.xml ? 'xml' : 'json'}`, body, opts);

  before(async () => {
    t = await startTestApp();
    ix = ixClient(t, t.account.apiKey);
    other = ixClient(t, (await t.newAccount()).apiKey);
    ft = await native('POST', '/v1/documents', invoice({ finalize: true }));
    assert.equal(ft.totals.gross, '246.00');
  });
  after(() => t.close());

  let first: any;
  it('a partial_payment creates a receipt (root receipt, and partial_payment for the go client) and lowers the balance', async () => {
    const r = await pay(ft.id, {
      partial_payment: { payment_mechanism: 'TB', note: 'Transferência 1/2', amount: '100.50', payment_date: today },
    });
    assert.equal(r.status, 201, r.text);
    first = r.body.receipt;
    assert.equal(first.type, 'Receipt');
    assert.equal(first.status, 'final');
    assert.match(first.sequence_number, /^\d+\/.+/);
    assert.equal(first.total, 100.5);
    assert.equal(first.amount, 100.5);
    assert.equal(first.payment_mechanism, 'TB');
    assert.equal(first.payment_date, today);
    assert.equal(first.note, 'Transferência 1/2');
    assert.equal(first.owner_invoice_id, ft.id);
    assert.equal(first.related_documents_count, 1);
    assert.equal(first.client.name, 'Cliente Exemplo, Lda');
    assert.deepEqual(r.body.partial_payment, {
      id: first.id,
      amount: 100.5,
      payment_date: today,
      payment_mechanism: 'TB',
      note: 'Transferência 1/2',
      serie: first.serie,
    });
    assert.equal(await balance(ft.id), '145.50');
    const rg = await native('GET', `/v1/documents/${first.id}`);
    assert.deepEqual(
      [rg.type, rg.totals.gross, rg.number, rg.atcud],
      ['RG', '100.50', `RG ${first.inverted_sequence_number}`, first.atcud],
    );
  });

  it('accepts the receipt root with payment_amount, a Portuguese mechanism name and series {id}', async () => {
    const series = (await native('GET', '/v1/series')).data?.[0] ?? (await native('GET', '/v1/series'))[0];
    const r = await pay(ft.id, {
      receipt: {
        payment_amount: 45.5,
        payment_date: today,
        payment_mechanism: 'Cartão de Crédito',
        observations: 'MCP',
        series: { id: series.id },
      },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.receipt.payment_mechanism, 'CC');
    assert.equal(r.body.receipt.total, 45.5);
    assert.equal(r.body.receipt.note, 'MCP');
    assert.equal(r.body.receipt.sequence_id, series.id);
    assert.equal(await balance(ft.id), '100.00');
  });

  it('a mechanism the account has no method for (LC) gets one; XML bodies answer XML', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><partial_payment><payment_mechanism>LC</payment_mechanism><amount>10</amount><payment_date>${today}</payment_date></partial_payment>`;
    const r = await pay(ft.id, xml, { xml: true });
    assert.equal(r.status, 201, r.text);
    assert.match(r.text, /<receipt><id>\d+<\/id><status>final<\/status>/);
    assert.match(r.text, /<payment_mechanism>LC<\/payment_mechanism>/);
    assert.match(r.text, /<total>10\.0<\/total>/);
    assert.equal(await balance(ft.id), '90.00');
  });

  it('refuses over-payment and bad input with 422, writing nothing', async () => {
    const count = await receiptCount();
    const over = await pay(ft.id, {
      partial_payment: { payment_mechanism: 'NU', amount: '90.01', payment_date: today },
    });
    assert.equal(over.status, 422);
    assert.deepEqual(over.body, {
      errors: [{ error: "amount can't be greater than the document's remaining balance (90.00)" }],
    });
    const bad = await pay(ft.id, { partial_payment: { payment_mechanism: 'XX', amount: 'abc' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.errors.map((e: any) => e.error),
      [
        'amount is not a number',
        'payment_mechanism is not included in the list (CC CD CH CO CS DE LC MB NU OU PR TB TR)',
      ],
    );
    assert.deepEqual((await pay(ft.id, { partial_payment: { payment_mechanism: 'NU' } })).body.errors, [
      { error: 'amount is required' },
    ]);
    assert.deepEqual((await pay(ft.id, { partial_payment: { amount: '-1' } })).body.errors, [
      { error: 'amount must be greater than 0, with at most 2 decimals' },
    ]);
    assert.deepEqual((await pay(ft.id, {})).body.errors, [{ error: 'partial_payment is required' }]);
    assert.equal((await pay(ft.id, { partial_payment: { amount: '1', serie: 'NOPE' } })).status, 422);
    const draft = await native('POST', '/v1/documents', invoice());
    assert.equal((await pay(draft.id, { partial_payment: { amount: '1' } })).status, 422);
    const quote = await native('POST', '/v1/documents', invoice({ type: 'OR', finalize: true }));
    assert.match(
      (await pay(quote.id, { partial_payment: { amount: '1' } })).body.errors[0].error,
      /only be registered for invoices/,
    );
    assert.equal(await receiptCount(), count);
    assert.equal(await balance(ft.id), '90.00');
  });

  it('GET /receipts/:id in JSON and XML; 404 for other types, unknown ids and other accounts', async () => {
    const json = await ix.call('GET', `receipts/${first.id}.json`);
    assert.equal(json.status, 200);
    assert.deepEqual(Object.keys(json.body), ['receipt']);
    assert.equal(json.body.receipt.id, first.id);
    const xml = await ix.call('GET', `receipts/${first.id}.xml`);
    assert.match(xml.text, new RegExp(`<receipt><id>${first.id}</id>`));
    assert.equal((await ix.call('GET', `receipts/${ft.id}.json`)).status, 404);
    assert.equal((await ix.call('GET', 'receipts/99999999.json')).status, 404);
    assert.equal((await other.call('GET', `receipts/${first.id}.json`)).status, 404);
    assert.equal(
      (await other.call('POST', `documents/${ft.id}/partial_payments.json`, { partial_payment: { amount: '1' } }))
        .status,
      404,
    );
    assert.equal(
      (
        await other.call('PUT', `receipts/${first.id}/change-state.json`, {
          receipt: { state: 'canceled', message: 'x' },
        })
      ).status,
      404,
    );
    assert.equal((await pay(99999999, { partial_payment: { amount: '1' } })).status, 404);
  });

  it('cancelling a receipt gives the invoice its balance back; other states and a missing message are 422', async () => {
    const cs = (body: unknown) => ix.call('PUT', `receipts/${first.id}/change-state.json`, body);
    assert.match((await cs({ receipt: { state: 'finalized' } })).body.errors[0].error, /can only be canceled/);
    assert.deepEqual((await cs({ receipt: { state: 'canceled' } })).body.errors, [
      { error: 'message is required to cancel a receipt' },
    ]);
    assert.equal(await balance(ft.id), '90.00');
    const r = await cs({ receipt: { state: 'canceled', message: 'Transferência devolvida' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.receipt.status, 'canceled');
    assert.equal(r.body.receipt.cancel_message, 'Transferência devolvida');
    assert.equal(await balance(ft.id), '190.50');
    assert.equal((await cs({ receipt: { state: 'canceled', message: 'again' } })).status, 422);
    // The balance can be paid in full again.
    const full = await pay(ft.id, {
      partial_payment: { payment_mechanism: 'MB', amount: '190.50', payment_date: today },
    });
    assert.equal(full.status, 201, full.text);
    const paid = await native('GET', `/v1/documents/${ft.id}`);
    assert.deepEqual([paid.openBalance, paid.paid], ['0.00', true]);
  });

  it('email-document without an SMTP server is queued, as the native API queues it (sent once one is set)', async () => {
    const r = await ix.call('PUT', `invoices/${ft.id}/email-document.json`, {
      message: { client: { email: 'cliente@cliente.pt', save: '0' }, subject: 'Fatura', body: 'Segue' },
    });
    assert.equal(r.status, 200, r.text);
    const emails = (await native('GET', `/v1/documents/${ft.id}/emails`)).data;
    assert.equal(emails.length, 1);
    assert.deepEqual([emails[0].to, emails[0].status], [['cliente@cliente.pt'], 'queued']);
  });
});
