import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { assembleApp } from '../../src/server/create-app.js';
import type { Database } from '../../src/infra/db/database.js';
import { startTestApp, testConfigWith, type TestApp } from '../support/app.js';
import { invoiceCsv, multipartBody } from '../imports/support.js';
import { signInInject, type InjectSession } from './support.js';

// Two apps over one database stand for two processes behind a load balancer (or one process before and after a
// restart): nothing of an upload may stay in the memory of the app that received it.
let t: TestApp;
let a: FastifyInstance;
let b: FastifyInstance;
let closeB: () => Promise<void>;
let session: InjectSession;
before(async () => {
  t = await startTestApp();
  a = t.app;
  // The second app shares the database; closing it must not close the database the first app still uses.
  const shared: Database = Object.assign(Object.create(t.db.database), { close: async () => undefined });
  const second = await assembleApp(testConfigWith(), shared, { worker: { backoffBaseMs: 10, backoffMaxMs: 50 } });
  b = second.app;
  await b.ready();
  closeB = async () => {
    await second.worker.stop();
    await b.close();
  };
  session = await signInInject(t);
});
after(async () => {
  await closeB?.();
  await t?.close();
});

async function upload(app: FastifyInstance, name: string, csv: string, who = session) {
  const { payload, contentType } = multipartBody({ name, bytes: csv }, {});
  const res = await app.inject({
    method: 'POST',
    url: `/console/imports?_csrf=${encodeURIComponent(who.csrf)}`,
    payload,
    headers: { cookie: who.cookie, 'content-type': contentType },
  });
  assert.equal(res.statusCode, 303, res.body);
  return res.headers.location!;
}
const get = (app: FastifyInstance, url: string, who = session) =>
  app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const postForm = (app: FastifyInstance, url: string, form: Record<string, string>, who = session) =>
  app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
const stagedRows = async () =>
  Number(
    (
      await t.db.database.db
        .selectFrom('import_uploads')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('previewed on one process, issued on another: the import is made once, the upload is gone', async () => {
  const url = await upload(a, 'cross.csv', invoiceCsv(3));
  const onB = await get(b, url);
  assert.equal(onB.statusCode, 200, onB.body);
  assert.match(onB.body, /Emitir 3 documentos|Issue 3 documents/);
  const stored = await t.db.database.db
    .selectFrom('import_uploads')
    .select(['token_hash', 'bytes'])
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.ok(!stored.token_hash.includes(url.split('/').pop()!), 'only the hash of the token is stored');
  assert.equal(Buffer.from(stored.bytes).toString('utf8'), invoiceCsv(3));

  const issued = await postForm(b, `${url}/issue`, {});
  assert.equal(issued.statusCode, 303, issued.body);
  assert.match(issued.headers.location!, /^\/console\/imports\/\d+$/);
  const id = Number(issued.headers.location!.split('/').pop());
  const docs = await t.db.database.db
    .selectFrom('import_groups')
    .select(['total'])
    .where('import_id', '=', id)
    .orderBy('position')
    .execute();
  assert.equal(docs.length, 3);
  const stored2 = await t.db.database.db
    .selectFrom('import_uploads')
    .select(['bytes', 'preview', 'import_id'])
    .where('import_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([stored2.bytes.length, stored2.preview], [0, null], 'the file and its check went with the issue');
  const page = await get(a, url);
  assert.equal(page.statusCode, 303);
  assert.equal(page.headers.location, `/console/imports/${id}?existing=1`, 'the page leads to the import');

  // The same click again (a double click, or the back button) finds the import, not a second one.
  const again = await postForm(a, `${url}/issue`, {});
  assert.equal(again.statusCode, 303);
  assert.equal(again.headers.location, `/console/imports/${id}?existing=1`);
});

test('two clicks at once on two processes issue the file once', async () => {
  const url = await upload(a, 'double.csv', invoiceCsv(2));
  const [one, two] = await Promise.all([postForm(a, `${url}/issue`, {}), postForm(b, `${url}/issue`, {})]);
  assert.deepEqual([one.statusCode, two.statusCode], [303, 303], one.body + two.body);
  const ids = [one, two].map((r) => /\/console\/imports\/(\d+)/.exec(r.headers.location!)![1]);
  assert.equal(ids[0], ids[1], 'one import');
  assert.equal([one, two].filter((r) => r.headers.location!.endsWith('?existing=1')).length, 1);
  const groups = await t.db.database.db
    .selectFrom('import_groups')
    .select('id')
    .where('import_id', '=', Number(ids[0]))
    .execute();
  assert.equal(groups.length, 2);
});

test('the mapping sent to one process is what the other checks and issues', async () => {
  const csv =
    'Invoice,Client VAT,Client,Text,Units,Price,VAT %\nM1,123456789,Mapped Lda,Consulting,3,100,23\nM1,,,Travel,1,50.00,23\n';
  const url = await upload(a, 'mapped.csv', csv);
  const form = await get(b, url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<select id="map-document" name="map.document"/);
  const partial = await postForm(a, `${url}/mapping`, { 'map.document': 'Invoice' });
  assert.equal(partial.statusCode, 422);
  const done = await postForm(b, `${url}/mapping`, {
    'map.document': 'Invoice',
    'map.customerTaxId': 'Client VAT',
    'map.customerName': 'Client',
    'map.description': 'Text',
    'map.quantity': 'Units',
    'map.unitPrice': 'Price',
    'map.taxRate': 'VAT %',
  });
  assert.equal(done.statusCode, 303, done.body);
  const preview = await get(a, url);
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /430,50/, 'the Decimal totals came back from the database as checked');
  const issued = await postForm(a, `${url}/issue`, {});
  assert.equal(issued.statusCode, 303, issued.body);
  const id = Number(issued.headers.location!.split('/').pop());
  const group = await t.db.database.db
    .selectFrom('import_groups')
    .select('total')
    .where('import_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(group.total).toFixed(2), '430.50');
});

test("another session (same account or another) sees none of the session's uploads", async () => {
  const url = await upload(a, 'mine.csv', invoiceCsv(1));
  const other = await signInInject(t);
  assert.equal((await get(b, url, other)).statusCode, 404);
  assert.equal((await postForm(b, `${url}/issue`, {}, other)).statusCode, 404);
  assert.equal((await get(b, url)).statusCode, 200, 'still there for its own session');
});

test('a session keeps its newest three uploads; expired ones are not shown and are swept by the next upload', async () => {
  const who = await signInInject(t);
  const urls = [];
  for (let i = 0; i < 4; i++) urls.push(await upload(a, `n${i}.csv`, invoiceCsv(1 + i), who));
  assert.equal((await get(b, urls[0], who)).statusCode, 404, 'the oldest went');
  for (const u of urls.slice(1)) assert.equal((await get(b, u, who)).statusCode, 200);

  await t.db.database.db
    .updateTable('import_uploads')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .execute();
  assert.equal((await get(a, urls[3], who)).statusCode, 404, 'expired');
  await upload(b, 'fresh.csv', invoiceCsv(1), who);
  assert.equal(await stagedRows(), 1, 'the expired uploads of every session were swept');
});
