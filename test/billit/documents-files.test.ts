import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentPdfFileId } from '../../src/domain/files/file-id.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { billitAccounts, type BillitClient } from './billit-app.js';

// Billit's /v1/documents and /v1/files (#17) on PGlite and PostgreSQL: JSON and multipart uploads, a file as base64
// JSON and as raw bytes, and an issued order's PDF under its FileID.
let t: TestApp;
let key: string;
let billit: BillitClient;
let other: BillitClient;
before(async () => {
  t = await startTestApp();
  ({ key, billit, other } = await billitAccounts(t, 'billit-files'));
});
after(async () => {
  await t?.close();
});

/** Bytes that are not valid UTF-8, so a text round trip anywhere would change them. */
const BINARY = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3, 0x28, 0x01]);

test('POST /v1/documents (JSON, base64 file) → DocumentID; GET shows it; its file answers base64 JSON and raw bytes', async () => {
  const created = await billit('POST', '/billit/v1/documents', {
    Name: 'Huurcontract 2026',
    Description: 'Lease of the Antwerp office',
    DocumentDate: '2026-03-01',
    Tags: ['lease', 'office'],
    File: { FileName: 'lease.pdf', MimeType: 'application/pdf', FileContent: BINARY.toString('base64') },
  });
  assert.equal(created.status, 200, created.text);
  assert.match(created.text, /^\d+$/);
  const id = Number(created.text);

  const got = await billit('GET', `/billit/v1/documents/${id}`);
  assert.equal(got.status, 200, got.text);
  const d = got.json();
  assert.equal(d.DocumentID, id);
  assert.equal(d.Name, 'Huurcontract 2026');
  assert.equal(d.Description, 'Lease of the Antwerp office');
  assert.equal(d.DocumentDate, '2026-03-01T00:00:00');
  assert.deepEqual(d.Tags, ['lease', 'office']);
  assert.match(d.File.FileID, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const json = await billit('GET', `/billit/v1/files/${d.File.FileID}`);
  assert.equal(json.status, 200, json.text);
  assert.match(String(json.headers['content-type']), /application\/json/);
  const f = json.json();
  assert.deepEqual(
    { FileID: f.FileID, FileName: f.FileName, MimeType: f.MimeType },
    { FileID: d.File.FileID, FileName: 'lease.pdf', MimeType: 'application/pdf' },
  );
  assert.deepEqual(Buffer.from(f.FileContent, 'base64'), BINARY);

  const raw = await billit('GET', `/billit/v1/files/${d.File.FileID}/download`, undefined, {
    Accept: 'application/pdf',
  });
  assert.equal(raw.status, 200);
  assert.equal(raw.headers['content-type'], 'application/pdf');
  assert.deepEqual(raw.raw, BINARY);

  // Another company's key, a GUID of no file, and no GUID at all: not found.
  assert.equal((await other('GET', `/billit/v1/files/${d.File.FileID}`)).status, 404);
  assert.equal((await other('GET', `/billit/v1/documents/${id}`)).status, 404);
  assert.equal((await billit('GET', '/billit/v1/files/3f2504e0-4f89-41d3-9a0c-0305e82c3301')).status, 404);
  assert.equal((await billit('GET', '/billit/v1/files/not-a-guid/download')).status, 404);
});

test('POST /v1/documents as a multipart upload; the list pages newest first', async () => {
  const boundary = '----faturador-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="Name"\r\n\r\nScanned receipt\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="Tags"\r\n\r\nreceipt,2026\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="receipt.png"\r\n` +
        `Content-Type: image/png\r\n\r\n`,
    ),
    BINARY,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/billit/v1/documents',
    payload: body,
    headers: { apikey: key, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  const id = Number(res.body);
  const d = (await billit('GET', `/billit/v1/documents/${id}`)).json();
  assert.equal(d.Name, 'Scanned receipt');
  assert.deepEqual(d.Tags, ['receipt', '2026']);
  assert.equal(d.File.FileName, 'receipt.png');
  const raw = await billit('GET', `/billit/v1/files/${d.File.FileID}/download`);
  assert.equal(raw.headers['content-type'], 'image/png');
  assert.deepEqual(raw.raw, BINARY);

  const page = await billit('GET', '/billit/v1/documents?$top=1');
  assert.equal(page.status, 200, page.text);
  const p = page.json();
  assert.deepEqual(
    p.Items.map((x: { DocumentID: number }) => x.DocumentID),
    [id],
  );
  assert.ok(p.Count >= 2);
  assert.match(p.NextPageLink, /\/billit\/v1\/documents\?.*%24skip=1/);

  const empty = await billit('POST', '/billit/v1/documents', {
    Name: 'x',
    File: { FileName: 'a.txt', FileContent: '' },
  });
  assert.equal(empty.status, 400, empty.text);
  assert.ok(empty.json().errors.length >= 1);
});

test("an issued order's PDF is a file: GET /v1/files/{FileID} of the document", async () => {
  const order = await billit('POST', '/billit/v1/orders', {
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    Customer: { Name: 'Klant BV', VATNumber: 'BE0202239951', CountryCode: 'BE' },
    OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Consultancy', VATPercentage: 21 }],
  });
  assert.equal(order.status, 200, order.text);
  const fileId = documentPdfFileId(Number(order.text));
  const raw = await billit('GET', `/billit/v1/files/${fileId}/download`);
  assert.equal(raw.status, 200, raw.text);
  assert.equal(raw.headers['content-type'], 'application/pdf');
  assert.equal(raw.raw.subarray(0, 5).toString('latin1'), '%PDF-');
  const json = (await billit('GET', `/billit/v1/files/${fileId}`)).json();
  assert.equal(json.FileID, fileId);
  assert.equal(json.MimeType, 'application/pdf');
  assert.equal(Buffer.from(json.FileContent, 'base64').subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal((await other('GET', `/billit/v1/files/${fileId}`)).status, 404);
});
