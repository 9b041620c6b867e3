import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type RawBuilder, sql } from 'kysely';
import { toDomainError } from '../../src/http/to-domain-error.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { pdfPages } from '../pdf/pdf-text.js';

// Issue #12 item 1: the direct-SQL paths around the immutability guards (migration 0012).

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const db = () => t.db.database.db;
const LINE = { description: 'A', quantity: '1', unitPrice: '10', taxName: 'IVA23' };
const issue = async (body: Record<string, unknown> = {}) => {
  const r = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines: [LINE], ...body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: string; series: { id: number; code: string } };
};
const draft = async () => (await t.call('POST', '/v1/documents', { type: 'FT', lines: [LINE] })).body as { id: number };
/** The statement (or transaction) fails with this SQLSTATE. */
const refused = async (q: RawBuilder<unknown> | Promise<unknown>, code: string, what: string) => {
  await assert.rejects(
    'execute' in q ? q.execute(db()) : q,
    (err: { code?: string; message?: string }) => {
      assert.equal(err.code, code, `${what}: ${err.message}`);
      return true;
    },
    what,
  );
};
const counter = async (seriesId: number) =>
  (
    await sql<{ last_number: number; last_hash: string }>`
  select last_number, last_hash from series_doc_types where series_id = ${seriesId} and doc_type = 'FT'`.execute(db())
  ).rows[0];
const authorization = () => ({ authorization: `Bearer ${t.account.apiKey}` });

test('a line cannot be moved off a finalized document onto a draft, nor onto it', async () => {
  const f = await issue();
  const d = await draft();
  await refused(sql`update document_lines set document_id = ${d.id} where document_id = ${f.id}`, 'FA001', 'off');
  await refused(sql`update document_lines set document_id = ${f.id} where document_id = ${d.id}`, 'FA001', 'onto');
  const n = await sql<{ n: number }>`select count(*)::int as n from document_lines where document_id = ${f.id}`.execute(
    db(),
  );
  assert.equal(n.rows[0].n, 1);
});

test('what a finalized receipt settles cannot be moved to a draft receipt', async () => {
  const customer = { name: 'Cliente', taxId: '123456789' };
  const ft = await issue({ customer, lines: [{ ...LINE, unitPrice: '100' }] });
  const rg = await t.call('POST', '/v1/receipts', { documents: [{ documentId: ft.id, amount: '50' }] });
  assert.equal(rg.status, 201, JSON.stringify(rg.body));
  const rgDraft = await t.call('POST', '/v1/receipts', {
    finalize: false,
    documents: [{ documentId: ft.id, amount: '10' }],
  });
  assert.equal(rgDraft.status, 201, JSON.stringify(rgDraft.body));
  const move = sql`update settlements set receipt_id = ${rgDraft.body.id} where receipt_id = ${rg.body.id}`;
  await refused(move, 'FA001', 'off');
});

test('TRUNCATE is refused on every table of legal records, CASCADE included', async () => {
  await issue();
  for (const table of [
    'documents',
    'document_lines',
    'settlements',
    'series',
    'series_doc_types',
    'signing_keys',
    'stock_movements',
    'document_files',
    'at_communications',
    'accounts',
  ]) {
    await refused(sql`truncate ${sql.table(table)} cascade`, 'FA003', `truncate ${table}`);
  }
  const n = await sql<{ n: number }>`select count(*)::int as n from documents`.execute(db());
  assert.ok(n.rows[0].n > 0);
});

test('the counter moves only by issuing: not up, not down, not deleted, its chain state not rewritten', async () => {
  const f = await issue();
  const before = await counter(f.series.id);
  const ft = sql`series_id = ${f.series.id} and doc_type = 'FT'`;
  await refused(sql`update series_doc_types set last_number = last_number + 1 where ${ft}`, 'FA003', 'up (a gap)');
  await refused(sql`update series_doc_types set last_number = last_number - 1 where ${ft}`, 'FA003', 'down');
  await refused(sql`update series_doc_types set last_hash = 'x' where ${ft}`, 'FA003', 'chain state');
  await refused(sql`delete from series_doc_types where ${ft}`, 'FA003', 'delete');
  assert.deepEqual(await counter(f.series.id), before);
  const next = await issue();
  assert.equal((await counter(f.series.id)).last_number, before.last_number + 1, 'issuing still moves it');
  assert.ok(next.id > f.id);
});

test('a draft cannot be finalized by hand: next number without the counter, or a skipped number with it', async () => {
  const f = await issue();
  const d = await draft();
  const { last_number: n } = await counter(f.series.id);
  // An entry time in order (migration 0013 checks it), so that only the numbering is wrong.
  const finalAs = (k: number) => sql`update documents set status = 'final', system_entry_date = '2099-01-01 00:00:00',
    number = ${k}, doc_no = ${`FT ${f.series.code}/${k}`} where id = ${d.id}`;
  await refused(finalAs(n + 1), 'FA001', 'counter left behind');
  await refused(
    db()
      .transaction()
      .execute(async (tx) => {
        await sql`update series_doc_types set last_number = ${n + 2}
      where series_id = ${f.series.id} and doc_type = 'FT'`.execute(tx);
        await finalAs(n + 2).execute(tx);
      }),
    'FA001',
    'number skipped',
  );
  assert.equal((await counter(f.series.id)).last_number, n);
});

test('a document cannot be inserted already finalized or cancelled', async () => {
  const f = await issue();
  for (const status of ['final', 'cancelled']) {
    await refused(
      sql`insert into documents
      (account_id, doc_type, series_id, status, number, doc_no, doc_date, download_token)
      select account_id, doc_type, series_id, ${status}, 999, 'FT X/999', doc_date, 'tok'
      from documents where id = ${f.id}`,
      'FA001',
      status,
    );
  }
});

test('a used series keeps its code and kind; an unused one can still be renamed', async () => {
  const s = await t.call('POST', '/v1/series', { code: 'USED1' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const unused = await t.call('POST', '/v1/series', { code: 'FREE1' });
  await issue({ seriesId: s.body.id });
  await refused(sql`update series set code = 'OTHER1' where id = ${s.body.id}`, 'FA003', 'code');
  await refused(sql`update series set kind = 'F' where id = ${s.body.id}`, 'FA003', 'kind');
  await sql`update series set description = 'still free' where id = ${s.body.id}`.execute(db());
  await sql`update series set code = 'FREE2' where id = ${unused.body.id}`.execute(db());
});

test('the print counter never goes down', async () => {
  const f = await issue();
  await sql`update documents set printed_count = printed_count + 2 where id = ${f.id}`.execute(db());
  await refused(sql`update documents set printed_count = 0 where id = ${f.id}`, 'FA001', 'reset');
  const pdf = await t.app.inject({ method: 'GET', url: `/v1/documents/${f.id}/pdf`, headers: authorization() });
  assert.equal(pdf.headers['x-document-copy'], 'duplicate');
});

test('a signing key that signed documents is neither rewritten nor deleted', async () => {
  await issue();
  const mine = sql`account_id = ${t.account.accountId}`;
  await refused(sql`update signing_keys set public_pem = 'x' where ${mine}`, 'FA003', 'rewrite');
  await refused(sql`delete from signing_keys where ${mine}`, 'FA003', 'delete');
});

const pdfOf = async (id: number) => {
  const r = await t.app.inject({ method: 'GET', url: `/v1/documents/${id}/pdf`, headers: authorization() });
  assert.equal(r.statusCode, 200, r.body);
  return (await pdfPages(r.rawPayload)).join('\n');
};

test('cached PDF bytes: a swap is refused, and bytes that do not match their digest are never served', async () => {
  const a = await issue();
  const b = await issue();
  assert.ok((await pdfOf(a.id)).includes(a.number));
  assert.ok((await pdfOf(b.id)).includes(b.number));
  const fromA = sql`from document_files o where f.document_id = ${b.id} and o.document_id = ${a.id}`;
  await refused(sql`update document_files f set bytes = o.bytes ${fromA}`, 'FA003', 'bytes');
  const swapAll = sql`update document_files f set bytes = o.bytes, sha256 = o.sha256 ${fromA}`;
  await refused(swapAll, 'FA003', 'bytes and digest of another document');
  // With the triggers off (what a superuser can do), the server still refuses to serve a's bytes as b's PDF.
  await db()
    .transaction()
    .execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await swapAll.execute(tx);
    });
  const served = await pdfOf(b.id);
  assert.ok(served.includes(b.number) && !served.includes(a.number), 'b’s own PDF, rendered again');
  const ok = await sql<{ ok: boolean }>`
    select sha256 = document_file_digest(account_id, document_id, source_hash, bytes) as ok
    from document_files where document_id = ${b.id}`.execute(db());
  assert.equal(ok.rows[0].ok, true, 'the cache holds b’s file again');
});

test('the API answers a guard it can reach with a clean 409', async () => {
  const s = await t.call('POST', '/v1/series', { code: 'RACE1' });
  await issue({ seriesId: s.body.id });
  // What deleteSeries would meet if a document were issued between its check and its delete.
  const err = await sql`delete from series_doc_types where series_id = ${s.body.id}`.execute(db()).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.equal(toDomainError(err)?.code, 'in_use');
});
