import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const count = async (table: 'documents' | 'contacts' | 'items' | 'document_lines') =>
  Number(
    (
      await t.db.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const okLine = { description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA23' };

const BAD_DOCUMENTS: unknown[] = [
  null,
  [],
  'text',
  42,
  {},
  { type: 'XX', lines: [okLine] },
  { type: 'FT' },
  { type: 'FT', lines: [] },
  { type: 'FT', lines: 'nope' },
  { type: 'FT', lines: [null] },
  { type: 'FT', lines: [{}] },
  { type: 'FT', lines: [{ description: 'x', quantity: '-1', unitPrice: '1' }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '0', unitPrice: '1' }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '1e400', unitPrice: '1' }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '99999999999999999999999999' }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '0.00000000001' }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '-5' }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '0' }] },
  { type: 'FT', lines: [{ ...okLine, discounts: ['150'] }] },
  { type: 'FT', lines: [{ ...okLine, discounts: ['1', '2', '3', '4'] }] },
  { type: 'FT', lines: [{ ...okLine, taxId: 999999 }] },
  { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxRate: '7' }] },
  { type: 'FT', lines: [{ ...okLine, itemId: 2 ** 40 }] },
  { type: 'FT', date: '2026-02-30', lines: [okLine] },
  { type: 'FT', date: 'yesterday', lines: [okLine] },
  { type: 'FT', date: '2026-05-10', dueDate: '2026-05-01', lines: [okLine] },
  { type: 'FT', contactId: 999999, lines: [okLine] },
  { type: 'FT', seriesId: 999999, lines: [okLine] },
  { type: 'FT', customer: { name: 'X', taxId: '123456780' }, lines: [okLine] },
  { type: 'FT', customer: { name: 'X', postalCode: '10000' }, lines: [okLine] },
  { type: 'FT', customer: { email: 'not-an-email', name: 'Y' }, lines: [okLine] },
  { type: 'FT', currency: 'EURO', lines: [okLine] },
  { type: 'FT', roundingAdjustment: '0.05', lines: [okLine] },
  { type: 'FT', globalDiscount: { kind: 'percent', value: '101' }, lines: [okLine] },
  { type: 'FT', withholding: { rate: '100' }, lines: [okLine] },
  { type: 'GT', lines: [okLine] },
  { type: 'GT', loadAt: '2026-13-01T10:00', lines: [okLine] },
  { type: 'NC', lines: [okLine] },
  { type: 'FS', lines: [{ description: 'x', quantity: '1', unitPrice: '2000', taxName: 'IVA23' }] },
  { type: 'FT', lines: [{ description: 'x'.repeat(500), quantity: '1', unitPrice: '1' }] },
  { type: 'FT', lines: Array.from({ length: 1001 }, () => okLine) },
  { type: 'RC', lines: [okLine] },
  { type: 'FT', finalize: 'yes', lines: [okLine] },
  { type: 'FT', language: 'de', lines: [okLine] },
];

test('no bad document request gives a 5xx, each names its problem, and nothing is written', async () => {
  const before = [
    await count('documents'),
    await count('document_lines'),
    await count('contacts'),
    await count('items'),
  ];
  for (const body of BAD_DOCUMENTS) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/v1/documents',
      payload: JSON.stringify(body),
      headers: { authorization: `Bearer ${t.account.apiKey}`, 'content-type': 'application/json' },
    });
    assert.ok(
      r.statusCode >= 400 && r.statusCode < 500,
      `${JSON.stringify(body).slice(0, 120)} → ${r.statusCode} ${r.body.slice(0, 300)}`,
    );
    const e = JSON.parse(r.body).error;
    assert.ok(e.code && e.message && e.requestId, r.body);
  }
  assert.deepEqual(
    [await count('documents'), await count('document_lines'), await count('contacts'), await count('items')],
    before,
  );
});

test('malformed JSON, wrong content type, bad ids and unknown routes are 4xx in the same envelope', async () => {
  const auth = { authorization: `Bearer ${t.account.apiKey}` };
  const cases = [
    {
      method: 'POST',
      url: '/v1/documents',
      payload: '{"type":',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      url: '/v1/documents',
      payload: 'type=FT',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
    },
    { method: 'GET', url: '/v1/documents/abc', headers: auth },
    { method: 'GET', url: '/v1/documents/0', headers: auth },
    { method: 'GET', url: '/v1/documents/99999999999999999999', headers: auth },
    { method: 'GET', url: '/v1/documents?page=-1&perPage=100000', headers: auth },
    { method: 'GET', url: '/v1/documents?from=2026-99-99', headers: auth },
    { method: 'GET', url: '/v1/nothing-here', headers: auth },
    {
      method: 'POST',
      url: '/v1/documents/1/cancel',
      payload: '{}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      url: '/v1/contacts',
      payload: '{"name":""}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      url: '/v1/items',
      payload: '{"code":"x"}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      url: '/v1/series',
      payload: '{"code":"bad code/1"}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      url: '/v1/taxes',
      payload: '{"name":"T","code":"NOR","rate":"150"}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'POST',
      url: '/v1/receipts',
      payload: '{"documents":[{"documentId":1,"amount":"-3"}]}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
    {
      method: 'PUT',
      url: '/v1/series/1/validation-codes/FT',
      payload: '{"validationCode":"short"}',
      headers: { ...auth, 'content-type': 'application/json' },
    },
  ] as const;
  for (const c of cases) {
    const r = await t.app.inject(c as never);
    assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${c.method} ${c.url} → ${r.statusCode} ${r.body}`);
    assert.ok(JSON.parse(r.body).error.code, r.body);
  }
});

test('validation errors list every bad field at once', async () => {
  const r = await t.call('POST', '/v1/documents', {
    type: 'FT',
    date: 'x',
    currency: 'EURO',
    lines: [{ quantity: 'a' }, { description: 'y', quantity: '1', unitPrice: 'z' }],
  });
  assert.equal(r.status, 422);
  const fields = r.body.error.details.map((d: { field: string }) => d.field).sort();
  assert.deepEqual(fields, ['currency', 'date', 'lines[0].quantity', 'lines[1].unitPrice']);
});

test('series identifiers are validated (bill.pt 306)', async () => {
  assert.equal((await t.call('POST', '/v1/series', { code: 'x'.repeat(36) })).status, 422);
  for (const code of ['bad code', 'A/1', 'ATX', '-A', 'A..B']) {
    const r = await t.call('POST', '/v1/series', { code });
    assert.equal(r.status, 422, code);
    assert.equal(r.body.error.code, 'invalid_series_code', code);
  }
  assert.equal((await t.call('POST', '/v1/series', { code: 'FT-2026.A_1' })).status, 201);
});

test('the legal rules answer with their own codes', async () => {
  const cases: [unknown, string][] = [
    [{ type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '0', taxName: 'IVA23' }] }, 'zero_unit_price'],
    [{ type: 'FT', date: '2026-05-10', dueDate: '2026-05-01', lines: [okLine] }, 'due_date_before_document_date'],
    [
      { type: 'FS', lines: [{ description: 'x', quantity: '1', unitPrice: '2000', taxName: 'IVA23' }] },
      'simplified_invoice_limit',
    ],
    [
      {
        type: 'FS',
        customer: { name: 'Empresa', taxId: '500000000' },
        lines: [{ description: 'x', quantity: '1', unitPrice: '200', taxName: 'IVA23' }],
      },
      'simplified_invoice_limit',
    ],
    [
      { type: 'FT', lines: [{ description: 'x', quantity: '1', unitPrice: '2000', taxName: 'IVA23' }] },
      'anonymous_customer_limit',
    ],
    [{ type: 'FT', customer: { name: 'X', taxId: '123456780' }, lines: [okLine] }, 'invalid_tax_id'],
    [{ type: 'FT', customer: { name: 'X', postalCode: '10000' }, lines: [okLine] }, 'invalid_postal_code'],
    [{ type: 'GT', lines: [okLine] }, 'transport_data_missing'],
    [
      {
        type: 'GT',
        date: '2026-05-10',
        loadAt: '2026-05-09T10:00:00',
        loadAddress: { street: 'a', city: 'b' },
        unloadAddress: { street: 'c', city: 'd' },
        vehiclePlate: 'AA-00-BB',
        lines: [okLine],
      },
      'load_date_before_document_date',
    ],
    [
      {
        type: 'GT',
        date: '2026-05-10',
        loadAt: '2026-05-10T10:00:00',
        unloadAt: '2026-05-10T09:00:00',
        loadAddress: { street: 'a', city: 'b' },
        unloadAddress: { street: 'c', city: 'd' },
        vehiclePlate: 'AA-00-BB',
        lines: [okLine],
      },
      'unload_date_invalid',
    ],
    [{ type: 'FT', lines: [{ ...okLine, exemptionCode: 'M07' }] }, 'exemption_not_allowed'],
    [
      { type: 'FT', roundingAdjustment: '-0.03', lines: [{ ...okLine, unitPrice: '0.01', discounts: ['100'] }] },
      'negative_total',
    ],
  ];
  for (const [body, code] of cases) {
    const r = await t.call('POST', '/v1/documents', body);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.code, code, `${JSON.stringify(body).slice(0, 100)} → ${r.body.error.code}`);
  }
});
