import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let finalId: number;
let draftId: number;
before(async () => {
  t = await startTestApp();
  const f = await t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  finalId = f.body.id;
  const d = await t.call('POST', '/v1/documents', {
    type: 'FT',
    lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  draftId = d.body.id;
});
after(async () => {
  await t?.close();
});

const db = () => t.db.database.db;
const refused = async (q: Promise<unknown>, what: string) => {
  await assert.rejects(
    q,
    (err: { code?: string; message?: string }) => {
      assert.equal(err.code, 'FA001', `${what}: ${err.message}`);
      return true;
    },
    what,
  );
};

test('direct SQL cannot change the fiscal data of a finalized document', async () => {
  await refused(sql`update documents set gross_total = 1 where id = ${finalId}`.execute(db()), 'gross total');
  await refused(sql`update documents set doc_date = '2020-01-01' where id = ${finalId}`.execute(db()), 'date');
  await refused(sql`update documents set hash = 'x' where id = ${finalId}`.execute(db()), 'hash');
  await refused(
    sql`update documents set customer = '{"name":"Other"}' where id = ${finalId}`.execute(db()),
    'customer snapshot',
  );
  await refused(
    sql`update documents set status = 'draft', number = null where id = ${finalId}`.execute(db()),
    'back to draft',
  );
  await refused(sql`delete from documents where id = ${finalId}`.execute(db()), 'delete');
});

test('direct SQL cannot add, change or remove lines of a finalized document', async () => {
  await refused(
    sql`update document_lines set unit_price = 1 where document_id = ${finalId}`.execute(db()),
    'update line',
  );
  await refused(sql`delete from document_lines where document_id = ${finalId}`.execute(db()), 'delete line');
  await refused(
    sql`insert into document_lines (account_id, document_id, position, code, description, quantity, unit_price, tax_type, tax_region, tax_code, tax_rate, net_amount, unit_net_price, net_total, tax_total, gross_total)
    select account_id, id, 99, 'X', 'X', 1, 1, 'IVA', 'PT', 'NOR', 23, 1, 1, 1, 0.23, 1.23 from documents where id = ${finalId}`.execute(
      db(),
    ),
    'insert line',
  );
});

test('what may change after issue still can: payment status, printed count, AT code, cancellation', async () => {
  await sql`update documents set paid = true, open_balance = 0, printed_count = printed_count + 1, at_code = 'ABC' where id = ${finalId}`.execute(
    db(),
  );
  await sql`update documents set status = 'cancelled', cancel_reason = 'x' where id = ${finalId}`.execute(db());
  await refused(sql`update documents set status = 'final' where id = ${finalId}`.execute(db()), 'un-cancel');
});

test('drafts stay freely editable and deletable', async () => {
  await sql`update document_lines set unit_price = 2 where document_id = ${draftId}`.execute(db());
  await sql`update documents set observations = 'draft note' where id = ${draftId}`.execute(db());
  await sql`delete from documents where id = ${draftId}`.execute(db());
});

test('a number cannot repeat in a series and type, even through direct SQL', async () => {
  const f = await t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    lines: [{ description: 'B', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
  });
  // A document is born a draft (migration 0012): the repeat is tried on the way to final.
  const copy = await sql<{
    id: number;
  }>`insert into documents (account_id, doc_type, series_id, doc_date, download_token)
    select account_id, doc_type, series_id, doc_date, 'tok' from documents where id = ${f.body.id} returning id`.execute(
    db(),
  );
  await assert.rejects(
    sql`update documents c set status = 'final', number = o.number, doc_no = o.doc_no
    from documents o where c.id = ${copy.rows[0].id} and o.id = ${f.body.id}`.execute(db()),
    (err: { code?: string }) => err.code === '23505',
  );
});

test('a used series cannot be deleted, through the API or SQL', async () => {
  const f = await t.call('GET', `/v1/documents/${finalId}`);
  const viaApi = await t.call('DELETE', `/v1/series/${f.body.series.id}`);
  assert.equal(viaApi.status, 409);
  await refused(sql`delete from series where id = ${f.body.series.id}`.execute(db()), 'delete series');
});

test('direct SQL cannot add, change or remove what a finalized receipt settles', async () => {
  const ft = await t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Cliente Recibo', taxId: '123456789' },
    lines: [{ description: 'C', quantity: '1', unitPrice: '100', taxName: 'IVA23' }],
  });
  const rg = await t.call('POST', '/v1/receipts', { documents: [{ documentId: ft.body.id, amount: '50' }] });
  assert.equal(rg.status, 201, JSON.stringify(rg.body));
  await refused(
    sql`update settlements set amount = 1 where receipt_id = ${rg.body.id}`.execute(db()),
    'update settlement',
  );
  await refused(sql`delete from settlements where receipt_id = ${rg.body.id}`.execute(db()), 'delete settlement');
  await refused(
    sql`insert into settlements (account_id, receipt_id, document_id, amount) select account_id, ${rg.body.id}, ${ft.body.id}, 10 from documents where id = ${ft.body.id}`.execute(
      db(),
    ),
    'insert settlement',
  );
});
