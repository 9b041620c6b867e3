import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import yauzl from 'yauzl';
import { startTestApp, type TestApp } from '../support/app.js';
import { invoiceCsv, upload } from './support.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

/** Every entry of a ZIP archive: its name and bytes, read back with yauzl. */
function unzip(bytes: Buffer): Promise<{ name: string; bytes: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: { name: string; bytes: Buffer }[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        }),
      );
      zip.readEntry();
    });
  });
}

test('the ZIP of an import: one PDF per issued document, named by its number; another account gets 404', async () => {
  const created = await upload(t, { name: 'zip.csv', bytes: invoiceCsv(3) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await t.worker.drain();
  const res = await t.app.inject({
    method: 'GET',
    url: `/v1/imports/${created.body.id}/pdfs`,
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/zip');
  assert.match(String(res.headers['content-disposition']), /attachment; filename="import-\d+-pdfs\.zip"/);
  const entries = await unzip(res.rawPayload);
  const docs = await t.call('GET', '/v1/documents?perPage=10');
  const numbers: string[] = docs.body.data.map((d: { number: string }) => d.number);
  assert.equal(numbers.length, 3);
  assert.deepEqual(entries.map((e) => e.name).sort(), numbers.map((n) => `${n.replace(/\//g, '-')}.pdf`).sort());
  for (const e of entries) assert.equal(e.bytes.subarray(0, 5).toString('latin1'), '%PDF-', e.name);

  const other = await t.newAccount();
  const foreign = await t.app.inject({
    method: 'GET',
    url: `/v1/imports/${created.body.id}/pdfs`,
    headers: { authorization: `Bearer ${other.apiKey}` },
  });
  assert.equal(foreign.statusCode, 404, foreign.body);
});
