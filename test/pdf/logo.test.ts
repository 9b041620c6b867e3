import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, create, downloadPdf, line, logoPng } from './fixtures.js';
import { loadPdfSource } from '../../src/app/pdf/load-pdf-source.js';
import { buildPdfModel } from '../../src/render/pdf/model.js';
import { renderDocumentPdf } from '../../src/render/pdf/render-document.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const put = (payload: Buffer | string, contentType: string) =>
  t.app.inject({
    method: 'PUT',
    url: '/v1/account/logo',
    payload,
    headers: { authorization: `Bearer ${t.account.apiKey}`, 'content-type': contentType },
  });
const images = (b: Buffer) => (b.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;

test('the logo: PNG or JPEG bytes, or base64 JSON; printed on documents; bad images are 4xx', async () => {
  const ft = await create(t, { type: 'FT', customer: CUSTOMER, lines: [line('A', '1', '10', { taxName: 'IVA23' })] });
  assert.equal(images((await downloadPdf(t, ft.id)).bytes), 0);

  const png = logoPng();
  const r = await put(png, 'image/png');
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(
    { ...(r.json() as object), sha256: undefined },
    { contentType: 'image/png', width: 240, height: 80, bytes: png.length, sha256: undefined },
  );
  const got = await t.app.inject({
    method: 'GET',
    url: '/v1/account/logo',
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(got.headers['content-type'], 'image/png');
  assert.ok(got.rawPayload.equals(png));
  assert.ok(images((await downloadPdf(t, ft.id)).bytes) >= 1, 'the cached render was replaced: the logo is in');
  const model = buildPdfModel(await loadPdfSource(t.db.database.db, t.account.accountId, ft.id));
  const [a, b] = [await renderDocumentPdf({ model, logo: png }), await renderDocumentPdf({ model, logo: png })];
  assert.ok(a.equals(b), 'deterministic with a logo too');

  const json = await put(
    JSON.stringify({ image: `data:image/png;base64,${logoPng(120, 40).toString('base64')}` }),
    'application/json',
  );
  assert.equal(json.statusCode, 200, json.body);
  assert.equal(json.json().width, 120);
  const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108006400c803012200021101031101ffd9', 'hex');
  assert.equal((await put(jpeg, 'image/jpeg')).statusCode, 200);

  for (const [body, type] of [
    [Buffer.from('GIF89a....'), 'image/png'],
    [logoPng().subarray(0, 60), 'image/png'],
    [JSON.stringify({ image: '%%%' }), 'application/json'],
    [JSON.stringify({}), 'application/json'],
    [Buffer.alloc(0), 'image/png'],
  ] as const) {
    const bad = await put(body as Buffer, type);
    assert.equal(bad.statusCode, 422, `${type} ${bad.body}`);
    assert.equal(bad.json().error.code, 'validation');
  }
  const huge = await put(Buffer.concat([png, Buffer.alloc(1024 * 1024)]), 'image/png');
  assert.ok(huge.statusCode >= 400 && huge.statusCode < 500, `too large: ${huge.statusCode}`);
  const big = logoPng(2100, 10);
  assert.equal((await put(big, 'image/png')).statusCode, 422, 'more than 2000 pixels wide');

  const del = await t.app.inject({
    method: 'DELETE',
    url: '/v1/account/logo',
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(del.statusCode, 204);
  assert.equal(images((await downloadPdf(t, ft.id)).bytes), 0);
  const none = await t.app.inject({
    method: 'GET',
    url: '/v1/account/logo',
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(none.statusCode, 404);
});
