import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { pdfPages } from '../pdf/pdf-text.js';
import { startBillptApp, type BillptClient } from './client.js';
import { basics, codes, invoice, ok, product } from './fixtures.js';

let t: TestApp;
let bp: BillptClient;
before(async () => {
  ({ t, bp } = await startBillptApp());
});
after(async () => {
  await t?.close();
});

const download = (id: number, token: string) =>
  t.app.inject({ method: 'GET', url: `/billpt/documentos/download/${id}/${token}` });

test('the PDF by its token_download, without api_token: the original first, duplicates after (seed 001, note 2)', async () => {
  const b = await basics(bp);
  const doc = await invoice(bp, b);
  const first = await download(doc.id, doc.token_download);
  assert.equal(first.statusCode, 200, first.body.slice(0, 200));
  assert.equal(first.headers['content-type'], 'application/pdf');
  assert.equal(first.headers['x-document-copy'], 'original');
  const text1 = (await pdfPages(first.rawPayload)).join('\n');
  assert.ok(text1.includes('Original'));
  assert.ok(text1.includes(doc.invoice_number));
  const second = await download(doc.id, doc.token_download);
  assert.equal(second.headers['x-document-copy'], 'duplicate');
  assert.ok((await pdfPages(second.rawPayload)).join('\n').includes('Duplicado'));
  assert.equal(ok(await bp.call('GET', `documentos/${doc.id}`)).impresso, 1, 'the document reads as printed');
  assert.equal(
    ok(await bp.call('GET', 'documentos', { pesquisa: { texto: { invoice_number: doc.invoice_number } } })).data[0]
      .impresso,
    1,
  );
});

test('a wrong token or id, or a draft, is not found (and the API token is not what opens it)', async () => {
  const b = await basics(bp);
  const doc = await invoice(bp, b);
  for (const url of [
    `/billpt/documentos/download/${doc.id}/${'f'.repeat(48)}`,
    `/billpt/documentos/download/999999/${doc.token_download}`,
    `/billpt/documentos/download/abc/${doc.token_download}`,
  ]) {
    const r = await t.app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 404, url);
    assert.deepEqual(JSON.parse(r.body), { error: ['9.id'] });
  }
  const draft = ok(
    await bp.call('POST', 'documentos', {
      tipificacao: 'FT',
      contato_id: b.contactId,
      produtos: [product(b)],
      terminado: 0,
    }),
  );
  const r = await download(draft.id, draft.token_download);
  assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${r.statusCode} ${r.body}`);
  codes({ status: r.statusCode, body: JSON.parse(r.body), headers: r.headers, raw: r });
});
