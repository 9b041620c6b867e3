import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { invoiceCsv, multipartBody, upload as apiUpload } from '../imports/support.js';
import { signInInject } from './support.js';

let t: TestApp;
let session: { cookie: string; csrf: string };
before(async () => {
  t = await startTestApp();
  session = await signInInject(t);
});
after(async () => {
  await t?.close();
});

/** POST /console/imports as the upload form sends it (the CSRF token in the action's query, as the shell reads it). */
async function postFile(
  file: { name: string; bytes: Buffer | string },
  fields: Record<string, string> = {},
  who = session,
) {
  const { payload, contentType } = multipartBody(file, fields);
  return t.app.inject({
    method: 'POST',
    url: `/console/imports?_csrf=${encodeURIComponent(who.csrf)}`,
    payload,
    headers: { cookie: who.cookie, 'content-type': contentType },
  });
}

const get = (url: string, who = session) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const postForm = (url: string, form: Record<string, string>, who = session) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });

/** Uploads, issues and drains a file; the import's page URL. */
async function issueFile(csv: string, name = 'f.csv'): Promise<string> {
  const up = await postFile({ name, bytes: csv });
  assert.equal(up.statusCode, 303, up.body);
  const token = up.headers.location!.split('/').pop()!;
  const issued = await postForm(`/console/imports/uploads/${token}/issue`, {});
  assert.equal(issued.statusCode, 303, issued.body);
  await t.worker.drain();
  return issued.headers.location!;
}

test('an upload without the CSRF token, or with a wrong one, is refused (403)', async () => {
  const csv = invoiceCsv(2);
  for (const url of ['/console/imports', '/console/imports?_csrf=forged']) {
    const { payload, contentType } = multipartBody({ name: 'f.csv', bytes: csv }, { _csrf: 'forged' });
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: session.cookie, 'content-type': contentType },
    });
    assert.equal(res.statusCode, 403, res.body);
  }
  // Issuing an upload also needs the token.
  const up = await postFile({ name: 'f.csv', bytes: csv });
  const token = up.headers.location!.split('/').pop()!;
  const forged = await t.app.inject({
    method: 'POST',
    url: `/console/imports/uploads/${token}/issue`,
    payload: '',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(forged.statusCode, 403);
  assert.match((await get('/console/imports')).body, /Ainda não há importações|No imports yet/, 'no import recorded');
});

test('broken files give the upload page again with a clear error beside the file field, never a 5xx', async () => {
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  const utf16 = Buffer.from('\ufeffDocument,Quantity\nD1,1\n', 'utf16le');
  const cases: [string, Buffer | string, RegExp][] = [
    ['garbage.bin', garbage, /binary|CSV|XLSX/i],
    ['empty.csv', '', /empty/i],
    ['utf16.csv', utf16, /binary|CSV|XLSX/i],
    ['header-only.csv', 'Document,Quantity\n', /no data rows/i],
    ['fake.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbage]), /XLSX/],
  ];
  for (const [name, bytes, reason] of cases) {
    const res = await postFile({ name, bytes });
    assert.equal(res.statusCode, 422, `${name}: ${res.statusCode}`);
    const error = /<p class="field-error" id="import-file-error"[^>]*>([^<]*)<\/p>/.exec(res.body);
    assert.ok(error, `${name}: the error beside the file field`);
    assert.match(error[1], reason, name);
    assert.match(res.body, /aria-describedby="import-file-help import-file-error"/);
  }
  // No file chosen at all.
  const { payload, contentType } = multipartBody({ name: '', bytes: '' });
  const none = await t.app.inject({
    method: 'POST',
    url: `/console/imports?_csrf=${encodeURIComponent(session.csrf)}`,
    payload,
    headers: { cookie: session.cookie, 'content-type': contentType },
  });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /id="import-file-error"/);
});

test('a Latin-1 file with ";" and decimal commas is read: the preview shows its accents and totals', async () => {
  const latin1 = Buffer.from(
    'Documento;Tipo;NIF cliente;Nome cliente;Descrição;Quantidade;Preço unitário;Taxa IVA %\n' +
      'A1;FT;123456789;José Gonçalves;Serviço técnico;2;10,50;23\n',
    'latin1',
  );
  const res = await postFile({ name: 'latin1.csv', bytes: latin1 });
  assert.equal(res.statusCode, 303, res.body);
  const page = await get(res.headers.location!);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<td>A1<\/td>/);
  assert.match(page.body, /25,83/, 'the total 2 × 10.50 + 23 % in Portuguese');
  assert.match(page.body, /id="issue-button"/);
});

test('headers that differ: the mapping form, then the preview from the bytes kept on the server', async () => {
  const csv =
    'Invoice,Client VAT,Client,Text,Units,Price,VAT %\nX1,123456789,Mapped Lda,Consulting,3,100,23\nX1,,,Travel,1,50.00,23\n';
  const up = await postFile({ name: 'other-headers.csv', bytes: csv });
  assert.equal(up.statusCode, 303);
  const url = up.headers.location!;
  const mapping = await get(url);
  assert.equal(mapping.statusCode, 200);
  assert.match(mapping.body, /<select id="map-document" name="map.document"/);
  assert.match(mapping.body, /<option value="Invoice">Invoice<\/option>/);
  assert.match(mapping.body, /id="map-quantity-error"/, 'the required column is marked');

  // Still no quantity column: the form again (422), the choice kept.
  const partial = await postForm(`${url}/mapping`, { 'map.document': 'Invoice' });
  assert.equal(partial.statusCode, 422);
  assert.match(partial.body, /<option value="Invoice" selected>/);

  const done = await postForm(`${url}/mapping`, {
    'map.document': 'Invoice',
    'map.customerTaxId': 'Client VAT',
    'map.customerName': 'Client',
    'map.description': 'Text',
    'map.quantity': 'Units',
    'map.unitPrice': 'Price',
    'map.taxRate': 'VAT %',
  });
  assert.equal(done.statusCode, 303, done.body);
  const preview = await get(url);
  assert.match(preview.body, /<td>X1<\/td>/);
  assert.match(preview.body, /430,50/, '(3 × 100 + 50) + 23 %');
  assert.match(preview.body, /Emitir 1 documentos|Issue 1 documents/);
});

test('the progress stream sends progress then done, and ends; the page shows the result and the report', async () => {
  const where = await issueFile(invoiceCsv(3), 'three.csv');
  assert.match(where, /^\/console\/imports\/\d+$/);
  const events = await get(`${where}/events`);
  assert.equal(events.statusCode, 200);
  assert.match(String(events.headers['content-type']), /^text\/event-stream/);
  const frames = events.body.split('\n\n').filter((f) => f.startsWith('event:'));
  assert.ok(frames.length >= 2, events.body);
  const last = frames.at(-1)!;
  assert.match(last, /^event: done\n/);
  const data = JSON.parse(/\ndata: (.*)$/m.exec(last)![1]);
  assert.deepEqual([data.done, data.issued, data.handled, data.documents, data.percent], [true, 3, 3, 3, 100]);

  const page = await get(where);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<progress id="import-progress" max="3" value="3"/);
  assert.match(page.body, /id="report-csv" href="\/console\/imports\/\d+\/report\?format=csv"/);
  assert.doesNotMatch(page.body, /data-events=/, 'no stream once done');
  const report = await get(`${where}/report?format=csv`);
  assert.equal(report.statusCode, 200);
  assert.equal(report.body.trim().split('\r\n').length, 4);
  const xlsx = await get(`${where}/report?format=xlsx`);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  assert.match(page.body, /id="pdfs-zip" href="\/console\/imports\/\d+\/pdfs"/);
  const zip = await get(`${where}/pdfs`);
  assert.equal(zip.statusCode, 200);
  assert.match(String(zip.headers['content-type']), /^application\/zip/);
  assert.equal(zip.rawPayload.subarray(0, 2).toString(), 'PK');
  // Stored, not deflated: each of the three PDFs shows its header in the archive.
  assert.equal(zip.rawPayload.toString('latin1').split('%PDF-').length - 1, 3);

  // The same file again: its import, nothing issued twice.
  const again = await postFile({ name: 'again.csv', bytes: invoiceCsv(3) });
  const token = again.headers.location!.split('/').pop()!;
  const issued = await postForm(`/console/imports/uploads/${token}/issue`, {});
  assert.equal(issued.headers.location, `${where}?existing=1`);
  assert.match((await get(issued.headers.location!)).body, /já tinha sido importado|imported before/);
});

test('errors block the issue unless "issue the valid ones" is chosen', async () => {
  const bad = invoiceCsv(4, new Map([[3, 'D1,,,,,Extra 1,zero,3.25,10,23']]));
  const up = await postFile({ name: 'errors.csv', bytes: bad });
  const url = up.headers.location!;
  const preview = await get(url);
  assert.match(preview.body, /<td class="num">3<\/td>\s*<td>quantity<\/td>/);
  assert.doesNotMatch(preview.body, /id="issue-button"/);
  const refused = await postForm(`${url}/issue`, {});
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="issue-error"/);
  const chosen = await postForm(`${url}/issue`, { issueValid: 'on' });
  assert.equal(chosen.statusCode, 303, chosen.body);
  await t.worker.drain();
  const imp = await get(chosen.headers.location!);
  assert.match(imp.body, /<progress id="import-progress" max="3" value="3"/);
  assert.match(imp.body, /id="import-refused"/);
});

test("another account's import, a garbage id, another session's upload: 404", async () => {
  const other = await t.newAccount();
  const theirs = await apiUpload(t, { name: 'theirs.csv', bytes: invoiceCsv(1) }, {}, other.apiKey);
  assert.equal(theirs.status, 201);
  for (const path of ['', '/events', '/report?format=csv', '/pdfs'])
    assert.equal((await get(`/console/imports/${theirs.body.id}${path}`)).statusCode, 404, path);
  for (const id of ['abc', '0', '99999999999999999999', '1e3'])
    assert.equal((await get(`/console/imports/${id}`)).statusCode, 404, id);

  const up = await postFile({ name: 'mine.csv', bytes: invoiceCsv(1) });
  const url = up.headers.location!;
  const second = await signInInject(t);
  assert.equal((await get(url, second)).statusCode, 404);
  assert.equal((await postForm(`${url}/issue`, {}, second)).statusCode, 404);
  assert.equal((await get('/console/imports/uploads/not-a-token')).statusCode, 404);
});

test('the imports page lists past imports (newest first, with counts) and serves the four templates', async () => {
  const where = await issueFile(invoiceCsv(2), 'listed-<b>.csv');
  const page = await get('/console/imports');
  assert.equal(page.statusCode, 200);
  const table = /<table id="imports-table">[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
  const first = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(table)?.[1] ?? '';
  assert.match(first, /<td>listed-&lt;b&gt;\.csv<\/td>/, 'the newest first, its name escaped');
  assert.match(first, new RegExp(`href="${where}"`));
  const cells = [...first.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, ['4', '2', '2', '0'], 'rows, documents, issued, refused');
  assert.match(page.body, /action="\/console\/imports\?_csrf=[^"]+" enctype="multipart\/form-data"/);

  for (const [query, type, start] of [
    ['lang=pt&format=csv', /^text\/csv/, '\ufeffDocumento;'],
    ['lang=en&format=csv', /^text\/csv/, '\ufeffDocument,'],
  ] as const) {
    const res = await get(`/console/imports/template?${query}`);
    assert.equal(res.statusCode, 200, query);
    assert.match(String(res.headers['content-type']), type);
    assert.ok(res.body.startsWith(start), `${query}: ${res.body.slice(0, 20)}`);
  }
  for (const lang of ['pt', 'en']) {
    const res = await get(`/console/imports/template?lang=${lang}&format=xlsx`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
  }
});

test('over HTTP the progress stream stays open while the import is issuing and ends with done', async () => {
  const up = await postFile({ name: 'streamed.csv', bytes: invoiceCsv(5) });
  const token = up.headers.location!.split('/').pop()!;
  const issued = await postForm(`/console/imports/uploads/${token}/issue`, {});
  const where = issued.headers.location!;
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${address}${where}/events`, { headers: { cookie: session.cookie } });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) return false;
      text += decoder.decode(value, { stream: true });
    }
    return true;
  };
  assert.ok(await readUntil(/event: progress\n/), text);
  assert.match(text, /"handled":0/);
  // Nothing is issued yet: after a few polls the stream is still open, with nothing new to say.
  const next = reader.read();
  const early = await Promise.race([next.then(() => 'data'), new Promise((r) => setTimeout(() => r('open'), 1500))]);
  assert.equal(early, 'open', text);
  await t.worker.drain();
  const chunk = await next;
  if (chunk.value) text += decoder.decode(chunk.value, { stream: true });
  assert.ok(await readUntil(/event: done\nid: \d+\ndata: [^\n]*\n\n/), text);
  assert.match(text, /"handled":5/);
  assert.equal((await reader.read()).done, true, 'the server ends the stream');
});

test('a read-only session sees the imports but no upload form, and may not upload (403)', async () => {
  const key = await t.call('POST', '/v1/api-keys', { name: 'leitura', scope: 'read' });
  assert.equal(key.status, 201, JSON.stringify(key.body));
  const reader = await signInInject(t, { apiKey: key.body.key });
  const page = await get('/console/imports', reader);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /id="import-file"/);
  assert.match(page.body, /imports\/template\?lang=pt&amp;format=csv/);
  const res = await postFile({ name: 'f.csv', bytes: invoiceCsv(1) }, {}, reader);
  assert.equal(res.statusCode, 403);
});
