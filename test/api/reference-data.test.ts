import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

test('accounts start with the VAT rates in force in the three fiscal spaces, units, payment methods and a final consumer', async () => {
  const taxes = (await t.call('GET', '/v1/taxes')).body as {
    name: string;
    region: string;
    saft_code: string;
    rate: string;
    is_default: boolean;
  }[];
  const rates = (region: string) =>
    taxes
      .filter((x) => x.region === region && x.saft_code !== 'ISE')
      .map((x) => Number(x.rate))
      .sort((a, b) => a - b);
  assert.deepEqual(rates('PT'), [6, 13, 23]);
  assert.deepEqual(rates('PT-AC'), [4, 9, 16]);
  assert.deepEqual(rates('PT-MA'), [4, 12, 22]);
  assert.equal(taxes.find((x) => x.is_default)?.name, 'IVA23');
  const pm = (await t.call('GET', '/v1/payment-methods')).body as { saft_code: string }[];
  assert.ok(pm.some((p) => p.saft_code === 'MB') && pm.some((p) => p.saft_code === 'NU'));
  const reasons = (await t.call('GET', '/v1/exemption-reasons')).body as { code: string }[];
  assert.ok(reasons.some((r) => r.code === 'M07') && reasons.some((r) => r.code === 'M99'));
  const fc = await t.call('GET', '/v1/contacts?taxId=999999990');
  assert.equal(fc.body.data[0].name, 'Consumidor final');
  assert.equal(fc.body.data[0].isFinalConsumer, true);
  const types = (await t.call('GET', '/v1/document-types')).body as { code: string }[];
  assert.deepEqual(types.map((x) => x.code).sort(), [
    'FO',
    'FR',
    'FS',
    'FT',
    'GA',
    'GC',
    'GD',
    'GR',
    'GT',
    'NC',
    'ND',
    'NE',
    'OR',
    'PF',
    'RC',
    'RG',
    'SIC',
    'SIF',
  ]);
});

test('contacts: unique code, validated NIF, search, and a tax id fixed once documents exist', async () => {
  const c = await t.call('POST', '/v1/contacts', {
    code: 'C-1',
    name: 'Cliente Um',
    taxId: '123456789',
    email: 'um@example.com',
    postalCode: '1000-001',
    paymentTermsDays: 30,
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const dup = await t.call('POST', '/v1/contacts', { code: 'C-1', name: 'Outro' });
  assert.equal(dup.status, 409);
  const found = await t.call('GET', '/v1/contacts?q=um@exa');
  assert.equal(found.body.data.length, 1);
  const doc = await t.call('POST', '/v1/documents', {
    type: 'FT',
    contactId: c.body.id,
    finalize: true,
    lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
  });
  assert.equal(
    doc.body.dueDate,
    new Date(new Date(`${doc.body.date}T00:00:00Z`).getTime() + 30 * 86400000).toISOString().slice(0, 10),
    'payment terms set the due date',
  );
  const change = await t.call('PATCH', `/v1/contacts/${c.body.id}`, { taxId: '500000000' });
  assert.equal(change.status, 422);
  assert.equal(change.body.error.code, 'contact_tax_id_locked');
  assert.equal((await t.call('PATCH', `/v1/contacts/${c.body.id}`, { phone: '210000000' })).status, 200);
  assert.equal((await t.call('DELETE', `/v1/contacts/${c.body.id}`)).status, 409);
  const anon = await t.call('POST', '/v1/contacts', { name: 'Sem NIF' });
  await t.call('POST', '/v1/documents', {
    type: 'FT',
    contactId: anon.body.id,
    finalize: true,
    lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
  });
  const fill = await t.call('PATCH', `/v1/contacts/${anon.body.id}`, { taxId: '510111114' });
  assert.equal(fill.status, 200, 'filling an empty tax id is allowed');
  const unused = await t.call('POST', '/v1/contacts', { name: 'Temp' });
  assert.equal((await t.call('DELETE', `/v1/contacts/${unused.body.id}`)).status, 204);
});

test('items, taxes, series, stores and the simple catalogs', async () => {
  const unit = await t.call('POST', '/v1/units', { name: 'Caixa', symbol: 'CX' });
  assert.equal(unit.status, 201);
  const tax = await t.call('POST', '/v1/taxes', { name: 'IVA21 BE', region: 'BE', code: 'NOR', rate: '21' });
  assert.equal(tax.status, 201, JSON.stringify(tax.body));
  const item = await t.call('POST', '/v1/items', {
    code: 'CX-1',
    description: 'Caixa de 12',
    price: '12.5',
    unitId: unit.body.id,
    taxId: tax.body.id,
    productType: 'P',
    movesStock: true,
  });
  assert.equal(item.status, 201);
  const doc = await t.call('POST', '/v1/documents', { type: 'FT', lines: [{ itemId: item.body.id, quantity: '2' }] });
  assert.deepEqual(
    [doc.body.lines[0].unit, doc.body.lines[0].tax.region, doc.body.totals.gross],
    ['CX', 'BE', '30.25'],
  );
  assert.equal((await t.call('DELETE', `/v1/taxes/${tax.body.id}`)).status, 409, 'a used tax cannot be deleted');
  const series = await t.call('POST', '/v1/series', { code: 'B2026', kind: 'F' });
  assert.equal(series.status, 201);
  const code = await t.call('PUT', `/v1/series/${series.body.id}/validation-codes/FT`, { validationCode: 'AAJFJ3K8' });
  assert.equal(code.body.docTypes[0].validationCode, 'AAJFJ3K8');
  const fin = await t.call('POST', '/v1/documents', {
    type: 'FT',
    seriesId: series.body.id,
    finalize: true,
    lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
  });
  assert.equal(fin.body.atcud, 'AAJFJ3K8-1');
  assert.ok(fin.body.legal.notices.includes('Documento emitido para fins de Formação'));
  assert.equal((await t.call('PATCH', `/v1/series/${series.body.id}`, { status: 'finalized' })).status, 200);
  const closed = await t.call('POST', '/v1/documents', {
    type: 'FT',
    seriesId: series.body.id,
    lines: [{ description: 'x', quantity: '1', unitPrice: '1' }],
  });
  assert.equal(closed.body.error.code, 'series_inactive');
  const store = await t.call('POST', '/v1/stores', { name: 'Armazém Norte', allowNegativeStock: false });
  const noStock = await t.call('POST', '/v1/documents', {
    type: 'FT',
    storeId: store.body.id,
    finalize: true,
    lines: [{ itemId: item.body.id, quantity: '1' }],
  });
  assert.equal(noStock.body.error.code, 'insufficient_stock');
  for (const path of [
    'payment-methods',
    'shipping-methods',
    'vehicles',
    'document-states',
    'contact-types',
    'item-categories',
  ]) {
    const list = await t.call('GET', `/v1/${path}`);
    assert.equal(list.status, 200, path);
  }
  const v = await t.call('POST', '/v1/vehicles', { plate: 'AA-00-BB' });
  assert.equal(v.status, 201);
  assert.equal((await t.call('DELETE', `/v1/vehicles/${v.body.id}`)).status, 204);
});

test('a production account cannot finalize in a series without an AT validation code', async () => {
  const prod = await t.newAccount({ sandbox: false });
  const r = await t.call(
    'POST',
    '/v1/documents',
    { type: 'FT', finalize: true, lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA23' }] },
    { key: prod.apiKey },
  );
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'series_not_registered');
  const count = await t.call('GET', '/v1/documents', undefined, { key: prod.apiKey });
  assert.equal(count.body.data.length, 0, 'the failed create-and-finalize left nothing behind');
});

test('GET /v1/signing-key gives the PEM and version, and it verifies the documents’ hashes', async () => {
  const pem = await t.app.inject({
    method: 'GET',
    url: '/v1/signing-key',
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(pem.statusCode, 200);
  assert.match(pem.body, /^-----BEGIN PUBLIC KEY-----/);
  assert.equal(pem.headers['x-key-version'], '1');
  const json = await t.call('GET', '/v1/signing-key?format=json');
  assert.equal(json.body.keyVersion, 1);
  const series = await t.call('POST', '/v1/series', { code: 'SIGN' });
  const doc = await t.call('POST', '/v1/documents', {
    type: 'FT',
    seriesId: series.body.id,
    date: '2026-11-01',
    finalize: true,
    lines: [{ description: 'x', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  // First of its series/type: it chains to the empty string (portugal.md §2.4).
  const msg = `${doc.body.date};${doc.body.systemEntryDate};${doc.body.number};${doc.body.totals.gross};`;
  assert.ok(
    verify('sha1', Buffer.from(msg), createPublicKey(pem.body), Buffer.from(doc.body.signature.hash, 'base64')),
  );
  const pk = createPublicKey(pem.body);
  assert.equal(pk.asymmetricKeyDetails?.modulusLength, 1024);
});

test('OpenAPI 3.1 is generated from the routes and served with docs and probes', async () => {
  const spec = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(spec.statusCode, 200);
  const doc = JSON.parse(spec.body);
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/v1/documents', '/v1/documents/{id}/finalize', '/v1/receipts', '/v1/contacts', '/v1/signing-key'])
    assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/v1/documents'].post.requestBody);
  const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
  assert.equal(ui.statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
});

test('rate limits per API key with the standard headers, then 429', async () => {
  const { startTestApp: start } = await import('../support/app.js');
  const small = await start({ rateLimitPerMinute: 3 });
  try {
    const a = await small.call('GET', '/v1/documents');
    assert.equal(a.headers['x-ratelimit-limit'], '3');
    assert.equal(a.headers['x-ratelimit-remaining'], '2');
    await small.call('GET', '/v1/documents');
    await small.call('GET', '/v1/documents');
    const over = await small.call('GET', '/v1/documents');
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, 'rate_limited');
    assert.ok(Number(over.headers['retry-after']) > 0);
    const other = await small.newAccount();
    assert.equal(
      (await small.call('GET', '/v1/documents', undefined, { key: other.apiKey })).status,
      200,
      'each key has its own budget',
    );
  } finally {
    await small.close();
  }
});
