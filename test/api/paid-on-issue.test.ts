import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.js';
import { exportViaApi, parseSaft } from '../saft/saft-helpers.js';

// A simplified invoice (FS) is paid on issue by default, as the native API documents; `paidOnIssue: false` issues it
// unpaid (CIVA art. 40.º), with its whole amount open for receipts. The fact is the document's, kept once final.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const lines = [{ description: 'Café', quantity: '2', unitPrice: '10', taxName: 'IVA23' }];
const db = () => t.db.database.db;
const stored = async (id: number) =>
  (
    await sql<{
      settled_on_issue: boolean | null;
      open_balance: string;
      paid: boolean;
    }>`select settled_on_issue, open_balance::text, paid from documents where id = ${id}`.execute(db())
  ).rows[0];

test('an FS without paidOnIssue is paid on issue, as before: no balance, no receipt', async () => {
  const fs = await t.call('POST', '/v1/documents', { type: 'FS', finalize: true, lines });
  assert.equal(fs.status, 201, JSON.stringify(fs.body));
  assert.equal(fs.body.openBalance, '0.00');
  assert.equal(fs.body.paid, true);
  assert.equal(fs.body.paidOnIssue, true);
  assert.equal((await stored(fs.body.id)).settled_on_issue, true);
  const r = await t.call('POST', '/v1/receipts', { documents: [{ documentId: fs.body.id }] });
  assert.equal(r.status, 422, JSON.stringify(r.body));
});

test('an FS with paidOnIssue false opens its amount; receipts settle it, partially then fully', async () => {
  const draft = await t.call('POST', '/v1/documents', { type: 'FS', paidOnIssue: false, lines });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assert.equal(draft.body.paidOnIssue, false);
  const fs = await t.call('POST', `/v1/documents/${draft.body.id}/finalize`);
  assert.equal(fs.status, 200, JSON.stringify(fs.body));
  assert.equal(fs.body.status, 'final');
  assert.equal(fs.body.openBalance, '24.60');
  assert.equal(fs.body.paid, false);
  assert.equal(fs.body.paidOnIssue, false);

  const r1 = await t.call('POST', '/v1/receipts', { documents: [{ documentId: fs.body.id, amount: '4.60' }] });
  assert.equal(r1.status, 201, JSON.stringify(r1.body));
  let now = await t.call('GET', `/v1/documents/${fs.body.id}`);
  assert.equal(now.body.openBalance, '20.00');
  assert.equal(now.body.paid, false);
  const r2 = await t.call('POST', '/v1/receipts', { documents: [{ documentId: fs.body.id }] });
  assert.equal(r2.status, 201, JSON.stringify(r2.body));
  now = await t.call('GET', `/v1/documents/${fs.body.id}`);
  assert.equal(now.body.openBalance, '0.00');
  assert.equal(now.body.paid, true);
  assert.equal(now.body.paidOnIssue, false);
});

test('SAF-T: DocumentTotals/Payment for an FS paid on issue, none for one issued unpaid', async () => {
  // An account of its own: the documents are dated in October, before what the other tests issue today.
  const { apiKey: key } = await t.newAccount();
  const methods = (await t.call('GET', '/v1/payment-methods', undefined, { key })).body as {
    id: number;
    saft_code: string;
  }[];
  const cash = methods.find((m) => m.saft_code === 'NU')!.id;
  const date = '2026-10-02';
  const body = { type: 'FS', date, paymentMethodId: cash, finalize: true, lines };
  const paid = await t.call('POST', '/v1/documents', body, { key });
  const unpaid = await t.call('POST', '/v1/documents', { ...body, paidOnIssue: false }, { key });
  assert.equal(unpaid.status, 201, JSON.stringify(unpaid.body));
  const r = await exportViaApi(t, 'month=10&year=2026', key);
  assert.equal(r.status, 200, r.body);
  const invoices = parseSaft(r.body).SourceDocuments.SalesInvoices.Invoice as any[];
  const of = (no: string) => invoices.find((i) => i.InvoiceNo === no);
  assert.deepEqual(of(paid.body.number).DocumentTotals.Payment, [
    { PaymentMechanism: 'NU', PaymentAmount: '24.60', PaymentDate: date },
  ]);
  assert.equal(of(unpaid.body.number).DocumentTotals.Payment, undefined);
});

test('paidOnIssue is refused with a 4xx where the type fixes it: false on an FR, true on an FT', async () => {
  const fr = await t.call('POST', '/v1/documents', { type: 'FR', paidOnIssue: false, finalize: true, lines });
  assert.equal(fr.status, 422, JSON.stringify(fr.body));
  assert.match(JSON.stringify(fr.body), /paidOnIssue/);
  const ft = await t.call('POST', '/v1/documents', { type: 'FT', paidOnIssue: true, finalize: true, lines });
  assert.equal(ft.status, 422, JSON.stringify(ft.body));
  const okFr = await t.call('POST', '/v1/documents', { type: 'FR', paidOnIssue: true, finalize: true, lines });
  assert.equal(okFr.status, 201, JSON.stringify(okFr.body));
  assert.equal(okFr.body.paidOnIssue, true);
  const okFt = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines });
  assert.equal(okFt.body.paidOnIssue, false);
});

test('direct SQL cannot change whether a finalized document was settled on issue', async () => {
  const fs = await t.call('POST', '/v1/documents', { type: 'FS', paidOnIssue: false, finalize: true, lines });
  assert.equal(fs.status, 201, JSON.stringify(fs.body));
  await assert.rejects(
    sql`update documents set settled_on_issue = true where id = ${fs.body.id}`.execute(db()),
    (err: { code?: string }) => err.code === 'FA001',
  );
  await assert.rejects(
    sql`update documents set settled_on_issue = null where id = ${fs.body.id}`.execute(db()),
    (err: { code?: string }) => err.code === 'FA001',
  );
  assert.equal((await stored(fs.body.id)).settled_on_issue, false);
  // A draft may still change its mind.
  const draft = await t.call('POST', '/v1/documents', { type: 'FS', lines });
  await sql`update documents set settled_on_issue = false where id = ${draft.body.id}`.execute(db());
  assert.equal((await stored(draft.body.id)).settled_on_issue, false);
});
