import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import { loadIssuedDocuments } from '../../src/app/documents/load-issued-documents.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { create } from '../saft/saft-helpers.js';

/**
 * The issued-document repository: many documents in a constant number of queries (not one per document or line),
 * in the order asked, with what they name (corrected document, line origins, settled documents).
 */
let t: TestApp;
const ids: Record<string, number> = {};

/** Counts the statements run through the handle it is attached to. */
function counter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
  };
}

before(async () => {
  t = await startTestApp();
  const customer = { code: 'C-1', name: 'Cliente, Lda', taxId: '507180607', city: 'Porto' };
  const line = (code: string, quantity: string, unitPrice: string) => ({
    code,
    description: `Artigo ${code}`,
    quantity,
    unitPrice,
    taxName: 'IVA23',
  });
  const ft = await create(t, '/v1/documents', {
    type: 'FT',
    date: '2026-03-02',
    finalize: true,
    customer,
    lines: [line('A', '2', '10'), line('B', '1', '5.5'), line('C', '3', '1.25')],
  });
  ids.ft = ft.id;
  ids.nc = (
    await create(t, `/v1/documents/${ft.id}/credit-notes`, {
      date: '2026-03-03',
      lines: [{ originLineId: ft.lines[0].id, quantity: '1' }],
    })
  ).id;
  ids.rg = (
    await create(t, '/v1/receipts', {
      type: 'RG',
      date: '2026-03-04',
      documents: [{ documentId: ft.id, amount: '10.00' }],
    })
  ).id;
  for (let i = 0; i < 5; i++)
    ids[`fs${i}`] = (
      await create(t, '/v1/documents', {
        type: 'FS',
        date: '2026-03-05',
        finalize: true,
        customer,
        lines: [line('A', String(i + 1), '3'), line('D', '1', '2')],
      })
    ).id;
});
after(async () => {
  await t?.close();
});

test('loads many documents in at most five queries, in the order asked, leaving out ids that are not the account’s', async () => {
  const c = counter();
  const db = t.db.database.db.withPlugin(c.plugin);
  const wanted = [ids.rg, ids.nc, 999999, ids.ft, ids.fs0, ids.fs1, ids.fs2, ids.fs3, ids.fs4];
  const docs = await loadIssuedDocuments(db, t.account.accountId, wanted);
  assert.equal(c.count(), 5);
  assert.deepEqual(
    docs.map((d) => d.id),
    wanted.filter((id) => id !== 999999),
  );
  const one = counter();
  await loadIssuedDocuments(t.db.database.db.withPlugin(one.plugin), t.account.accountId, [ids.ft]);
  assert.equal(one.count(), 4, 'no settlements query without a receipt');
  assert.deepEqual(await loadIssuedDocuments(t.db.database.db, t.account.accountId, [999999]), []);
});

test('an issued document carries its lines, the corrected document, line origins and what a receipt settles', async () => {
  const [ft, nc, rg] = await loadIssuedDocuments(t.db.database.db, t.account.accountId, [ids.ft, ids.nc, ids.rg]);
  const api = (await t.call('GET', `/v1/documents/${ids.ft}`)).body;
  assert.equal(ft.type, 'FT');
  assert.equal(ft.status, 'final');
  assert.equal(ft.number, api.number);
  assert.equal(ft.atcud, api.atcud);
  assert.equal(ft.signature.hash, api.signature.hash);
  assert.equal(ft.signature.printed.length, 4);
  assert.equal(ft.customer.snapshot.name, 'Cliente, Lda');
  assert.equal(ft.customer.masterCode, 'C-1');
  assert.deepEqual(
    ft.lines.map((l) => [l.position, l.code, l.amounts.netTotal]),
    api.lines.map((l: any) => [l.position, l.code, l.netTotal]),
  );
  assert.deepEqual(ft.totals, {
    net: api.totals.net,
    tax: api.totals.tax,
    gross: api.totals.gross,
    discount: api.totals.discount,
    withholding: api.totals.withholding,
    rounding: api.totals.roundingAdjustment,
    payable: api.totals.payable,
  });
  assert.deepEqual(ft.taxSummary, api.taxSummary);
  assert.equal(ft.account.taxId, ft.seller.taxId);

  assert.deepEqual(nc.related, { id: ft.id, type: 'FT', number: ft.number, date: '2026-03-02' });
  assert.equal(nc.lines[0].origin?.document?.number, ft.number);
  assert.equal(nc.lines[0].origin?.lineId, ft.lines[0].id);

  assert.equal(rg.settles.length, 1);
  assert.equal(rg.settles[0].amount, '10.00');
  assert.equal(rg.settles[0].document.number, ft.number);
  assert.equal(rg.settles[0].document.totals.payable, ft.totals.payable);
  assert.deepEqual(rg.settles[0].document.taxSummary, ft.taxSummary);
  assert.deepEqual(ft.settles, []);
});
