import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from '../be/belgian-account.js';

// Billit's multipart upload (POST /v1/documents) on PGlite and PostgreSQL: a NUL or a lone surrogate in a form field
// or in the file's name is Billit's 400, never a 500, and nothing is stored.
let t: TestApp;
let key: string;
before(async () => {
  t = await startTestApp();
  key = (await createBelgianAccount(t, 'billit-multipart-text')).apiKey;
});
after(async () => {
  await t?.close();
});

const boundary = '----faturador-text-boundary';
function upload(name: string, fileName: string) {
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="Name"\r\n\r\n`),
    Buffer.from(name, 'utf8'),
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="${fileName}"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--${boundary}--\r\n`,
      'utf8',
    ),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/billit/v1/documents',
    payload: body,
    headers: { apikey: key, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

test('a NUL in a multipart field or file name → 400 in Billit’s envelope, nothing stored', async () => {
  for (const [name, fileName] of [
    ['Receipt\u0000', 'receipt.pdf'],
    ['Receipt', 'rec\u0000eipt.pdf'],
  ]) {
    const res = await upload(name!, fileName!);
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.ok(Array.isArray(body.errors) && body.errors.length, res.body);
    assert.match(body.errors[0].Description, /NUL/);
  }
  const list = await t.app.inject({ method: 'GET', url: '/billit/v1/documents', headers: { apikey: key } });
  assert.equal(list.statusCode, 200, list.body);
  assert.equal(list.json().Items.length, 0);
  // The same upload without the NUL is taken: the refusal is the text's.
  const ok = await upload('Receipt', 'receipt.pdf');
  assert.equal(ok.statusCode, 200, ok.body);
});
