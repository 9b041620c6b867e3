import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, create, line } from './fixtures.js';
import { pdfPages } from './pdf-text.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

test('the tokenized link needs no API key; a wrong id or token is a 404 that says nothing', async () => {
  const ft = await create(t, {
    type: 'FT',
    customer: CUSTOMER,
    lines: [line('Serviço', '1', '50', { taxName: 'IVA23' })],
  });
  assert.match(ft.downloadToken, /^[0-9a-f]{48}$/);
  const ok = await t.app.inject({ method: 'GET', url: `/download/${ft.id}/${ft.downloadToken}` });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['content-type'], 'application/pdf');
  assert.equal(ok.headers['x-document-copy'], 'original');
  assert.ok((await pdfPages(ok.rawPayload))[0].includes(ft.number));
  const dup = await t.app.inject({ method: 'GET', url: `/download/${ft.id}/${ft.downloadToken}` });
  assert.equal(dup.headers['x-document-copy'], 'duplicate');

  const other = await create(t, {
    type: 'FT',
    customer: CUSTOMER,
    lines: [line('Outro', '1', '5', { taxName: 'IVA23' })],
  });
  const flipped = ft.downloadToken.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a'));
  const bad = [
    `/download/${ft.id}/${flipped}`,
    `/download/${ft.id}/${other.downloadToken}`,
    `/download/${other.id}/${ft.downloadToken}`,
    `/download/99999999/${ft.downloadToken}`,
    `/download/${ft.id}/short`,
    `/download/abc/${ft.downloadToken}`,
    `/download/${ft.id}/${ft.downloadToken.toUpperCase()}`,
  ];
  for (const url of bad) {
    const r = await t.app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 404, url);
    assert.ok(
      !r.body.includes(ft.number) &&
        !r.body.includes('Cliente') &&
        !r.body.includes(String(ft.id === 0 ? '' : ft.downloadToken)),
      `no data in ${r.body}`,
    );
    assert.equal(JSON.parse(r.body).error.code, 'not_found');
  }
  const head = await t.app.inject({ method: 'HEAD', url: `/download/${ft.id}/${ft.downloadToken}` });
  assert.notEqual(head.statusCode, 200, 'a HEAD (link preview) is not a print');
  assert.equal((await t.call('GET', `/v1/documents/${ft.id}`)).body.printedCount, 2);
});

test('a draft link is refused like the API refuses it', async () => {
  const draft = await t.call('POST', '/v1/documents', {
    type: 'FT',
    lines: [line('x', '1', '1', { taxName: 'IVA23' })],
  });
  const r = await t.app.inject({ method: 'GET', url: `/download/${draft.body.id}/${draft.body.downloadToken}` });
  assert.equal(r.statusCode, 409);
  assert.equal(JSON.parse(r.body).error.code, 'document_not_final');
});
