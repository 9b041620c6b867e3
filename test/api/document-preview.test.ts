import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.js';

// POST /v1/documents/preview runs the code a create runs and writes nothing: its totals are the created document's,
// to the cent, and its refusals are the create's.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const TABLES = ['documents', 'document_lines', 'contacts', 'items', 'series_doc_types', 'jobs'] as const;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES)
    out[table] = Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db.database.db)).rows[0].n,
    );
  return out;
}

const body = (customer: Record<string, unknown>) => ({
  type: 'FT',
  finalize: true,
  customer,
  globalDiscount: { kind: 'percent', value: '2.5' },
  withholding: { type: 'IRS', rate: '11.5' },
  lines: [
    { description: 'Consultoria', quantity: '3', unitPrice: '33.33', discounts: ['10'], taxName: 'IVA23' },
    { description: 'Livro', quantity: '2.5', unitPrice: '12.99', discounts: ['5', '2'], taxName: 'IVA6' },
    { description: 'Refeição', quantity: '1', unitPrice: '7.77', taxName: 'IVA13' },
    {
      description: 'Exportação',
      quantity: '1',
      unitPrice: '100.01',
      taxName: 'IVA0',
      exemptionCode: 'M05',
      exemptionReason: 'Isento artigo 14.º do CIVA',
    },
    {
      item: { code: 'PREV-1', description: 'Artigo novo', price: '19.99' },
      quantity: '4',
      taxName: 'IVA23',
      discounts: ['12.5'],
    },
  ],
});

test('a preview gives the totals the same body is created and finalized with, to the cent, and writes nothing', async () => {
  const customer = { name: 'Cliente Pré-visualizado, Lda', taxId: '123456789', city: 'Porto' };
  const before = await counts();
  const preview = await t.call('POST', '/v1/documents/preview', body(customer));
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.deepEqual(await counts(), before, 'nothing written: no customer, item, document, line, counter or job');

  const created = await t.call('POST', '/v1/documents', body(customer));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const doc = created.body;
  assert.equal(doc.status, 'final');
  assert.deepEqual(preview.body.totals, doc.totals);
  assert.deepEqual(preview.body.taxSummary, doc.taxSummary);
  assert.equal(preview.body.currency, doc.currency);
  assert.equal(preview.body.date, doc.date);
  assert.equal(preview.body.lines.length, 5);
  for (const [i, l] of preview.body.lines.entries()) {
    const c = doc.lines[i];
    assert.deepEqual(
      [l.netTotal, l.taxTotal, l.grossTotal, l.quantity, l.unitPrice, l.discounts, l.tax, l.exemption],
      [c.netTotal, c.taxTotal, c.grossTotal, c.quantity, c.unitPrice, c.discounts, c.tax, c.exemption],
      `line ${i + 1}`,
    );
  }
  // Four rates, the exempt one with its reason; the discounts and the withholding apply.
  assert.deepEqual(
    preview.body.taxSummary.map((g: { rate: string }) => Number(g.rate)).sort((a: number, b: number) => a - b),
    [0, 6, 13, 23],
  );
  assert.equal(preview.body.lines[3].exemption.code, 'M05');
  assert.notEqual(preview.body.totals.discount, '0.00');
  assert.notEqual(preview.body.totals.withholding, '0.00');
  assert.notEqual(preview.body.totals.payable, preview.body.totals.gross);

  // Now that the customer and the item exist, a preview reads them (no transaction needed) and still agrees.
  const again = await t.call('POST', '/v1/documents/preview', body(customer));
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.deepEqual(again.body.totals, doc.totals);
  assert.equal(again.body.lines[4].itemId, doc.lines[4].itemId);
});

test('a preview refuses what a create refuses, with the same 422 and field details, and writes nothing', async () => {
  const bad = {
    type: 'FT',
    customer: { name: 'Cliente' },
    lines: [
      { description: 'Bom', quantity: '1', unitPrice: '10', taxName: 'IVA23' },
      { description: 'Sem motivo', quantity: '1', unitPrice: '10', taxName: 'IVA0' },
    ],
  };
  const before = await counts();
  const preview = await t.call('POST', '/v1/documents/preview', bad);
  const create = await t.call('POST', '/v1/documents', bad);
  assert.equal(preview.status, 422, JSON.stringify(preview.body));
  assert.equal(create.status, 422, JSON.stringify(create.body));
  assert.equal(preview.body.error.code, create.body.error.code);
  assert.deepEqual(preview.body.error.details, create.body.error.details);
  assert.ok(
    preview.body.error.details.some((d: { field: string }) => d.field.startsWith('lines[1]')),
    JSON.stringify(preview.body.error.details),
  );

  const badQuantity = { ...bad, lines: [{ description: 'x', quantity: 'abc', unitPrice: '10', taxName: 'IVA23' }] };
  const q = await t.call('POST', '/v1/documents/preview', badQuantity);
  assert.equal(q.status, 422);
  assert.ok(q.body.error.details.some((d: { field: string }) => d.field === 'lines[0].quantity'));
  assert.deepEqual(await counts(), before);
});

test('a preview needs a key that may issue: none is 401, a read key 403', async () => {
  const none = await t.app.inject({ method: 'POST', url: '/v1/documents/preview', payload: body({ name: 'X' }) });
  assert.equal(none.statusCode, 401);
  const read = await t.call('POST', '/v1/api-keys', { name: 'leitura', scope: 'read' });
  assert.equal(read.status, 201, JSON.stringify(read.body));
  const refused = await t.call('POST', '/v1/documents/preview', body({ name: 'X' }), { key: read.body.key });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
});
