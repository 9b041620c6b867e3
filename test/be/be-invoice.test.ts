import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { parsePaymentReference, paymentReferenceFor } from '../../src/domain/be/payment-reference.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from './belgian-account.js';

// A Belgian seller (#16 §1) through the native API, on PGlite and PostgreSQL: VAT categories, KBO/OGM checks,
// the payment reference, what the Portuguese regime alone has, and the country fixed once a document is issued.
let t: TestApp;
let key: string;
let accountId: number;
before(async () => {
  t = await startTestApp();
  const a = await createBelgianAccount(t, 'be');
  key = a.apiKey;
  accountId = a.accountId;
});
after(async () => {
  await t?.close();
});

const call = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key });
const beCustomer = { name: 'Client NV', taxId: 'BE0202239951', country: 'BE', city: 'Brussel' };
const issue = (body: Record<string, unknown>) =>
  call('POST', '/v1/documents', { type: 'FT', finalize: true, customer: beCustomer, ...body });
const line = (over: Record<string, unknown>) => ({ description: 'Service', quantity: '1', unitPrice: '100', ...over });

test('the BE account: its country, VAT number, language and Belgian VAT rates', async () => {
  const acc = await call('GET', '/v1/account');
  assert.equal(acc.status, 200);
  assert.equal(acc.body.country, 'BE');
  assert.equal(acc.body.taxId, 'BE0412345614');
  assert.equal(acc.body.defaultLanguage, 'fr');
  const taxes = await call('GET', '/v1/taxes');
  const rates = (taxes.body.data ?? taxes.body).map(
    (x: { rate: string; region: string }) => `${x.region}${Number(x.rate)}`,
  );
  assert.deepEqual([...rates].sort(), ['BE0', 'BE12', 'BE21', 'BE6']);
});

test('an invoice with 21 % and 6 % lines: S groups, no signature, no ATCUD, no QR, an OGM from its id', async () => {
  const r = await issue({
    lines: [line({ taxRate: '21' }), line({ description: 'Livre', unitPrice: '12.50', quantity: '2', taxRate: '6' })],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const d = r.body;
  assert.match(d.number, /^FT A\d{4}\/1$/);
  assert.equal(d.signature, null);
  assert.equal(d.atcud, null);
  assert.equal(d.legal.qrPayload, null);
  assert.equal(d.legal.certification, '');
  assert.equal(d.paymentReference, paymentReferenceFor(d.id));
  assert.deepEqual(
    d.lines.map((l: { vatCategory: string; tax: { code: string; rate: string } }) => [
      l.vatCategory,
      l.tax.code,
      l.tax.rate,
    ]),
    [
      ['S', 'S', '21'],
      ['S', 'S', '6'],
    ],
  );
  assert.deepEqual(
    d.taxSummary.map((g: { code: string; rate: string; base: string; tax: string }) => [g.code, g.rate, g.base, g.tax]),
    [
      ['S', '21', '100.00', '21.00'],
      ['S', '6', '25.00', '1.50'],
    ],
  );
  assert.equal(d.totals.gross, '147.50');
  const stored = await t.db.database.db
    .selectFrom('documents')
    .select(['payment_reference', 'hash', 'atcud'])
    .where('id', '=', d.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored, { payment_reference: d.paymentReference, hash: null, atcud: null });
});

test('a given structured reference is kept (in display form); an invalid one is refused naming the field', async () => {
  const ok = await issue({ paymentReference: '123456789002', lines: [line({ taxRate: '21' })] });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.paymentReference, '+++123/4567/89002+++');
  const bad = await issue({ paymentReference: '+++123/4567/89003+++', lines: [line({ taxRate: '21' })] });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.details[0].field, 'paymentReference');
});

test('each VAT category: Z, E with its reason, AE, K with its delivery, G and O, with their VATEX codes', async () => {
  const zero = await issue({ lines: [line({ taxRate: '0', vatCategory: 'Z' })] });
  assert.equal(zero.status, 201, JSON.stringify(zero.body));
  assert.deepEqual([zero.body.lines[0].vatCategory, zero.body.lines[0].vatexCode ?? null], ['Z', null]);

  const exempt = await issue({
    lines: [
      line({
        taxRate: '0',
        vatCategory: 'E',
        exemptionReason: 'Art. 44 §2 1° WBTW/CTVA',
        vatexCode: 'VATEX-EU-132-1C',
      }),
    ],
  });
  assert.equal(exempt.status, 201, JSON.stringify(exempt.body));
  assert.deepEqual(
    [exempt.body.taxSummary[0].code, exempt.body.taxSummary[0].vatexCode, exempt.body.taxSummary[0].exemptionReason],
    ['E', 'VATEX-EU-132-1C', 'Art. 44 §2 1° WBTW/CTVA'],
  );

  const reverse = await issue({ lines: [line({ taxRate: '0', vatCategory: 'AE' }), line({ taxRate: '21' })] });
  assert.equal(reverse.status, 201, JSON.stringify(reverse.body));
  assert.equal(reverse.body.lines[0].vatexCode, 'VATEX-EU-AE');
  assert.match(reverse.body.lines[0].exemptionReason, /^Autoliquidation \/ Verlegging van heffing/);
  assert.match(reverse.body.legal.notices[0], /^Autoliquidation \/ Verlegging van heffing/);
  assert.deepEqual(
    reverse.body.taxSummary.map((g: { code: string }) => g.code),
    ['AE', 'S'],
  );

  const intra = await issue({
    customer: { name: 'Kunde GmbH', taxId: 'DE123456789', country: 'DE' },
    unloadAddress: { street: 'Hauptstr. 1', city: 'Köln', postalCode: '50667', country: 'DE' },
    unloadAt: '2026-01-05T10:00:00',
    lines: [line({ taxRate: '0', vatCategory: 'K' })],
  });
  assert.equal(intra.status, 201, JSON.stringify(intra.body));
  assert.deepEqual([intra.body.lines[0].vatCategory, intra.body.lines[0].vatexCode], ['K', 'VATEX-EU-IC']);

  const exportG = await issue({
    customer: { name: 'US Inc', taxId: '12-3456789', country: 'US' },
    lines: [line({ taxRate: '0', vatCategory: 'G' })],
  });
  assert.equal(exportG.status, 201, JSON.stringify(exportG.body));
  assert.equal(exportG.body.lines[0].vatexCode, 'VATEX-EU-G');

  const outside = await issue({ lines: [line({ taxRate: '0', vatCategory: 'O' })] });
  assert.equal(outside.status, 201, JSON.stringify(outside.body));
  assert.equal(outside.body.lines[0].vatexCode, 'VATEX-EU-O');

  // The issued-document model every output reads carries them too.
  const { loadIssuedDocument } = await import('../../src/app/documents/load-issued-documents.js');
  const doc = await loadIssuedDocument(t.db.database.db, accountId, intra.body.id);
  assert.equal(doc.regime, 'BE');
  assert.equal(doc.account.country, 'BE');
  assert.deepEqual([doc.lines[0].vatCategory, doc.lines[0].vatexCode], ['K', 'VATEX-EU-IC']);
  assert.equal(doc.payment.reference, paymentReferenceFor(intra.body.id));
});

test('a credit note of a BE invoice keeps its lines’ categories and gets no payment reference', async () => {
  const inv = await issue({ lines: [line({ taxRate: '0', vatCategory: 'AE' })] });
  const nc = await call('POST', `/v1/documents/${inv.body.id}/credit-notes`, { finalize: true });
  assert.equal(nc.status, 201, JSON.stringify(nc.body));
  assert.equal(nc.body.lines[0].vatCategory, 'AE');
  assert.equal(nc.body.paymentReference, undefined);
});

test('bad Belgian input is refused with a 422 naming the field', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ customer: { ...beCustomer, taxId: 'BE0202239952' }, lines: [line({ taxRate: '21' })] }, 'customer.taxId'],
    [{ lines: [line({ taxRate: '0' })] }, 'lines[0].vatCategory'],
    [{ lines: [line({ taxRate: '0', vatCategory: 'E' })] }, 'lines[0].exemptionReason'],
    [{ lines: [line({ taxRate: '0', vatCategory: 'X' })] }, 'lines[0].vatCategory'],
    [{ lines: [line({ taxRate: '21', vatCategory: 'Z' })] }, 'lines[0].taxId'],
    [{ lines: [line({ taxRate: '0', vatCategory: 'AE', vatexCode: 'VATEX-EU-IC' })] }, 'lines[0].vatexCode'],
    [{ lines: [line({ taxRate: '0', exemptionCode: 'M07' })] }, 'lines[0].exemptionCode'],
    [
      { customer: { name: 'Particulier', country: 'BE' }, lines: [line({ taxRate: '0', vatCategory: 'AE' })] },
      'customer.taxId',
    ],
    [
      {
        customer: { name: 'Kunde GmbH', taxId: 'DE123456789', country: 'DE' },
        lines: [line({ taxRate: '0', vatCategory: 'K' })],
      },
      'unloadAt',
    ],
    [{ lines: [line({ taxRate: '0', vatCategory: 'O' }), line({ taxRate: '21' })] }, 'lines'],
  ];
  for (const [body, field] of cases) {
    const r = await issue(body);
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(r.body)}`);
    assert.ok(
      r.body.error.details.some((d: { field: string }) => d.field === field),
      `${field}: ${JSON.stringify(r.body.error)}`,
    );
  }
  const count = await t.db.database.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('customer', '@>', sql<never>`'{"name":"Particulier"}'::jsonb`)
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0, 'nothing half-written');
});

test('Portuguese document types are refused for a BE account with the reason', async () => {
  for (const type of ['FS', 'FR', 'GT']) {
    const r = await issue({ type, lines: [line({ taxRate: '21' })] });
    assert.equal(r.status, 422, `${type}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'not_in_regime');
    assert.match(r.body.error.message, /Portug/);
  }
});

test('a PT account’s line with a VAT category or an OGM is refused; its lines stay as they were', async () => {
  const r = await t.call('POST', '/v1/documents', {
    type: 'FT',
    lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxRate: '23', vatCategory: 'S' }],
  });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.details[0].field, 'lines[0].vatCategory');
  const o = await t.call('POST', '/v1/documents', {
    type: 'FT',
    paymentReference: '+++123/4567/89002+++',
    lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxRate: '23' }],
  });
  assert.equal(o.status, 422);
  assert.equal(o.body.error.details[0].field, 'paymentReference');
  const pt = await t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    lines: [{ description: 'A', quantity: '1', unitPrice: '10', taxRate: '23' }],
  });
  assert.equal(pt.status, 201);
  assert.equal(pt.body.lines[0].vatCategory, undefined);
  assert.equal(pt.body.paymentReference, undefined);
  assert.ok(pt.body.atcud);
  assert.ok(!('vatCategory' in pt.body.taxSummary[0]));
});

test('the country is fixed by the database once the account finalized a document', async () => {
  const db = t.db.database.db;
  await assert.rejects(
    sql`update accounts set country = 'PT' where id = ${accountId}`.execute(db),
    (e: { code?: string }) => {
      assert.equal(e.code, 'FA003');
      return true;
    },
  );
  // An account that has issued nothing may still change it, to PT or BE only.
  const fresh = await t.newAccount();
  await assert.rejects(
    sql`update accounts set country = 'ES' where id = ${fresh.accountId}`.execute(db),
    (e: { code?: string }) => {
      assert.equal(e.code, '23514', 'only PT or BE');
      return true;
    },
  );
  await sql`update accounts set country = 'BE' where id = ${fresh.accountId}`.execute(db);
  assert.equal(parsePaymentReference(paymentReferenceFor(1)), paymentReferenceFor(1));
});

test('what only the Portuguese regime has is refused to a BE account with a 4xx naming it', async () => {
  const year = new Date().getFullYear();
  const refusals: [string, string, unknown, RegExp][] = [
    ['GET', `/v1/saft?year=${year}&month=1`, undefined, /SAF-T/],
    ['GET', '/v1/at/settings', undefined, /AT/],
    ['PUT', '/v1/at/settings', { username: '123456789/1', password: 'x' }, /AT/],
    ['POST', '/v1/at/test-connection', {}, /AT/],
  ];
  const series = (await call('GET', '/v1/series')).body;
  const seriesId = (series.data ?? series)[0].id;
  refusals.push(['POST', `/v1/series/${seriesId}/register`, { docType: 'FT' }, /AT/]);
  refusals.push(['PUT', `/v1/series/${seriesId}/validation-codes/FT`, { validationCode: 'AAJFJMVNTN' }, /ATCUD/]);
  for (const [method, url, body, reason] of refusals) {
    const r = await call(method, url, body);
    assert.ok(r.status >= 400 && r.status < 500, `${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'not_in_regime', `${method} ${url}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.error.message, reason);
    assert.match(r.body.error.message, /Portuguese regime only/);
  }
  // The PT account keeps its AT settings.
  assert.equal((await t.call('GET', '/v1/at/settings')).status, 200);
});
