import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { loadPdfSource } from '../../src/app/pdf/load-pdf-source.js';
import { buildPdfModel } from '../../src/render/pdf/model.js';
import type { TestApp } from '../support/app.js';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import { saftXsdPath, skipUnlessSaftXsd, validateXml } from '../support/xml-validate.js';
import { bytes, exportViaApi, parseSaft } from '../saft/saft-helpers.js';
import { startBillptApp, type BillptClient } from './client.js';
import { type Basics, basics, ok, today } from './fixtures.js';

/**
 * A credit note of an invoice issued before the system (#14 item 2): bill.pt's `referencia_manual`, the native
 * API's line `reference`, carried to SAF-T (References/Reference and Reason), the PDF and both views; the line
 * stays immutable once finalized.
 */
let t: TestApp;
let bp: BillptClient;
let b: Basics;
before(async () => {
  ({ t, bp } = await startBillptApp());
  b = await basics(bp);
});
after(async () => {
  await t?.close();
});

const line = (extra: Record<string, unknown>) => ({
  nome: 'Devolução',
  quantidade: 1,
  preco_unitario: 10,
  imposto: 23,
  ...extra,
});

test('an original outside the system: SAF-T References, the PDF, both views; the line cannot change', async () => {
  const nc = ok(
    await bp.call('POST', 'documentos', {
      tipificacao: 'NC',
      contato_id: b.contactId,
      produtos: [line({ referencia_manual: 'FT 2019/123' })],
      terminado: 1,
    }),
  );
  assert.equal(nc.lancamentos[0].referencia_manual, 'FT 2019/123');

  const native = await t.call('POST', '/v1/documents', {
    type: 'NC',
    contactId: b.contactId,
    finalize: true,
    lines: [
      {
        description: 'Acerto',
        quantity: '1',
        unitPrice: '5',
        taxName: 'IVA23',
        reference: { number: 'FA 2018/77', date: '2018-11-30', reason: 'Preço errado' },
      },
    ],
  });
  assert.equal(native.status, 201, JSON.stringify(native.body));
  const read = await t.call('GET', `/v1/documents/${native.body.id}`);
  assert.deepEqual(read.body.lines[0].reference, { number: 'FA 2018/77', date: '2018-11-30', reason: 'Preço errado' });
  assert.equal(read.body.relatedDocumentId, null);

  const saft = await exportViaApi(t, `from=${today()}&to=${today()}`);
  assert.equal(saft.status, 200, saft.body);
  if (!skipUnlessSaftXsd().skip) assert.deepEqual((await validateXml(saft.body, saftXsdPath())).errors, []);
  assert.deepEqual(await checkSaftAsserts(bytes(saft.body)), []);
  const invoices = parseSaft(saft.body).SourceDocuments.SalesInvoices.Invoice as any[];
  const refs = (no: string) => invoices.find((i) => i.InvoiceNo === no)?.Line[0].References;
  assert.deepEqual(refs(nc.invoice_number), [{ Reference: 'FT 2019/123', Reason: 'Retificação da fatura' }]);
  assert.deepEqual(refs(native.body.number), [{ Reference: 'FA 2018/77', Reason: 'Preço errado' }]);

  const model = await t.db.database.db
    .transaction()
    .execute(async (tx) => buildPdfModel(await loadPdfSource(tx, t.account.accountId, native.body.id)));
  assert.ok(
    model.references.some((r) => r.value.includes('FA 2018/77')),
    `the PDF names the original: ${JSON.stringify(model.references)}`,
  );

  await assert.rejects(
    sql`update document_lines set external_reference = 'FT 2019/999' where document_id = ${nc.id}`.execute(
      t.db.database.db,
    ),
    (err: { code?: string }) => err.code === 'FA001',
    'a finalized line keeps its reference',
  );
});

test('a number of a document of the account is that document: related, and the remaining-creditable check', async () => {
  const ft = ok(
    await bp.call('POST', 'documentos', {
      tipificacao: 'FT',
      contato_id: b.contactId,
      produtos: [line({ nome: 'Consultoria' })],
      terminado: 1,
    }),
  );
  // A native credit note of one line naming the invoice by its number.
  const creditNote = (unitPrice: string) =>
    t.call('POST', '/v1/documents', {
      type: 'NC',
      contactId: b.contactId,
      finalize: true,
      lines: [
        { description: 'Acerto', quantity: '1', unitPrice, taxName: 'IVA23', reference: { number: ft.invoice_number } },
      ],
    });
  const nc = await creditNote('4');
  assert.equal(nc.status, 201, JSON.stringify(nc.body));
  assert.equal(nc.body.relatedDocumentId, ft.id);
  assert.equal(nc.body.lines[0].reference, null, 'stored as the document itself');
  const over = await creditNote('7');
  assert.equal(over.status, 422, JSON.stringify(over.body));
  assert.equal(over.body.error.code, 'rectification_exceeds_original');
});

test('the number is checked: non-empty, at most 60 printable characters; only on credit and debit notes', async () => {
  const post = (type: string, reference: unknown) =>
    t.call('POST', '/v1/documents', {
      type,
      contactId: b.contactId,
      lines: [{ description: 'X', quantity: '1', unitPrice: '1', taxName: 'IVA23', reference }],
    });
  for (const bad of [
    { number: '' },
    { number: 'x'.repeat(61) },
    { number: 'FT\t1' },
    { number: 'FT 1', date: '2019-13-01' },
  ]) {
    const r = await post('NC', bad);
    assert.equal(r.status, 422, JSON.stringify(bad));
  }
  const onInvoice = await post('FT', { number: 'FT 2019/1' });
  assert.equal(onInvoice.status, 422);
  assert.ok(onInvoice.body.error.details.some((d: { field: string }) => d.field === 'lines[0].reference'));
});
