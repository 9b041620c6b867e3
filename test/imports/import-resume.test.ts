import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.js';
import { EN_HEADER, invoiceCsv, upload } from './support.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const report = async (id: number, key = t.account.apiKey, format = 'csv') =>
  t.app.inject({
    method: 'GET',
    url: `/v1/imports/${id}/report?format=${format}`,
    headers: { authorization: `Bearer ${key}` },
  });

test('resumed after a crash: the groups marked issued are not issued again, the rest are, none twice', async () => {
  const created = await upload(t, { name: 'resume.csv', bytes: invoiceCsv(12) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as number;
  const db = t.db.database.db;
  // As if a first run had issued the first 5 groups and died: issue them alone, then run the job.
  const first = await db
    .selectFrom('import_groups')
    .select(['id', 'input'])
    .where('import_id', '=', id)
    .orderBy('position')
    .limit(5)
    .execute();
  for (const g of first) {
    const r = await t.call('POST', '/v1/documents', g.input);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await sql`UPDATE import_groups SET document_id = ${r.body.id}, issued_at = now() WHERE id = ${g.id}`.execute(db);
  }
  const midway = await t.call('GET', `/v1/imports/${id}`);
  assert.equal(midway.body.issued, 5);
  assert.equal(midway.body.pending, 7);
  await t.worker.drain();
  const done = await t.call('GET', `/v1/imports/${id}`);
  assert.equal(done.body.status, 'done');
  assert.equal(done.body.issued, 12);
  assert.equal(done.body.etaSeconds, 0);
  const docs = await t.call('GET', '/v1/documents?perPage=100');
  assert.equal(docs.body.pagination.total, 12, 'none issued twice');
  const distinct = await db
    .selectFrom('import_groups')
    .select((eb) => eb.fn.count<string>('document_id').distinct().as('n'))
    .where('import_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(distinct.n), 12);
  // The job run again (a lease that expired after the work was done) issues nothing.
  await sql`UPDATE imports SET status = 'issuing' WHERE id = ${id}`.execute(db);
  await sql`INSERT INTO jobs (account_id, kind, payload) VALUES (${t.account.accountId}, 'import.issue', ${JSON.stringify({ importId: id })}::jsonb)`.execute(
    db,
  );
  await t.worker.drain();
  assert.equal((await t.call('GET', '/v1/documents?perPage=1')).body.pagination.total, 12);
});

test('issueValid issues the valid documents and reports the others; formulas in the report are escaped', async () => {
  const csv =
    EN_HEADER +
    '\n"=HYPERLINK(""http://evil"")",FT,,Ana,,Livro,1,5,,6\n' +
    '@SUM(A1),FT,,Rui,,=1+2,1,5,,6\n' +
    'OK,FT,,Eva,,Caderno,1,3,,6\n' +
    'BAD,FT,,Eva,,Caneta,-x,3,,6\n';
  const r = await upload(t, { name: 'evil.csv', bytes: csv }, { issueValid: 'true' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.documents, 3);
  assert.deepEqual(r.body.errors, [{ row: 5, column: 'quantity', reason: "'-x' is no number." }]);
  await t.worker.drain();
  const res = await report(r.body.id);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/csv/);
  const lines = res.body.trim().split('\r\n');
  assert.equal(lines.length, 5);
  assert.ok(lines[1].startsWith(`"'=HYPERLINK(""http://evil"")",2,issued,`), lines[1]);
  assert.ok(lines[2].startsWith("'@SUM(A1),3,issued,"), lines[2]);
  assert.ok(lines[4].includes('invalid') && lines[4].endsWith("quantity: '-x' is no number."), lines[4]);
  for (const l of lines.slice(1)) for (const cell of l.split(',')) assert.doesNotMatch(cell, /^[=+@]/);
  const xlsx = await report(r.body.id, t.account.apiKey, 'xlsx');
  assert.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as never);
  const sheet = wb.worksheets[0];
  assert.equal(sheet.rowCount, 5);
  assert.equal(sheet.getCell('A2').value, `'=HYPERLINK("http://evil")`);
  assert.equal(sheet.getCell('D4').value, lines[3].split(',')[3], 'the same number as the CSV');
  const doc = await t.call('GET', '/v1/documents?perPage=10&sort=id');
  assert.ok(doc.body.data.some((d: { number: string }) => d.number));
});

test("another account's import is 404; a read key cannot upload", async () => {
  const mine = await upload(t, { name: 'mine.csv', bytes: invoiceCsv(1) });
  assert.equal(mine.status, 201);
  const other = await t.newAccount();
  const seen = await t.call('GET', `/v1/imports/${mine.body.id}`, undefined, { key: other.apiKey });
  assert.equal(seen.status, 404);
  assert.equal((await report(mine.body.id, other.apiKey)).statusCode, 404);
  // The other account uploading the same file gets an import of its own.
  const theirs = await upload(t, { name: 'mine.csv', bytes: invoiceCsv(1) }, {}, other.apiKey);
  assert.equal(theirs.status, 201);
  assert.notEqual(theirs.body.id, mine.body.id);
  const readKey = await t.call('POST', '/v1/api-keys', { name: 'reader', scope: 'read' });
  const refused = await upload(t, { name: 'x.csv', bytes: invoiceCsv(1) }, { dryRun: 'true' }, readKey.body.key);
  assert.equal(refused.status, 403);
  const template = await t.call('GET', '/v1/imports/template?lang=en', undefined, { key: readKey.body.key });
  assert.equal(template.status, 200);
  assert.match(template.body, /^\ufeffDocument,Type,Series/);
});
