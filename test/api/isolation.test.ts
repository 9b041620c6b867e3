import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type TestAccount } from '../support/app.js';

let t: TestApp;
let other: TestAccount;
const ids: Record<string, number> = {};
before(async () => {
  t = await startTestApp();
  other = await t.newAccount();
  const doc = await t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Cliente A', taxId: '123456789' },
    lines: [{ item: { code: 'A-1', description: 'Item A', price: '5' }, quantity: '2' }],
  });
  ids.document = doc.body.id;
  ids.line = doc.body.lines[0].id;
  ids.contact = doc.body.contactId;
  ids.item = doc.body.lines[0].itemId;
  ids.tax = doc.body.lines[0].tax.id;
  ids.series = doc.body.series.id;
  ids.store = doc.body.storeId;
});
after(async () => {
  await t?.close();
});

const asOther = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key: other.apiKey });

test('another account cannot read or change any resource by id', async () => {
  for (const [method, url, body] of [
    ['GET', `/v1/documents/${ids.document}`],
    ['POST', `/v1/documents/${ids.document}/cancel`, { reason: 'x' }],
    ['POST', `/v1/documents/${ids.document}/finalize`],
    ['DELETE', `/v1/documents/${ids.document}`],
    ['PUT', `/v1/documents/${ids.document}`, { lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] }],
    ['POST', `/v1/documents/${ids.document}/credit-notes`, {}],
    ['GET', `/v1/contacts/${ids.contact}`],
    ['PATCH', `/v1/contacts/${ids.contact}`, { name: 'Hacked' }],
    ['DELETE', `/v1/contacts/${ids.contact}`],
    ['GET', `/v1/items/${ids.item}`],
    ['PATCH', `/v1/items/${ids.item}`, { description: 'Hacked' }],
    ['DELETE', `/v1/items/${ids.item}`],
    ['PATCH', `/v1/taxes/${ids.tax}`, { name: 'Hacked' }],
    ['DELETE', `/v1/taxes/${ids.tax}`],
    ['GET', `/v1/series/${ids.series}`],
    ['PATCH', `/v1/series/${ids.series}`, { description: 'x' }],
    ['PATCH', `/v1/stores/${ids.store}`, { name: 'x' }],
  ] as const) {
    const r = await asOther(method, url, body);
    assert.equal(r.status, 404, `${method} ${url} gave ${r.status} ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'not_found');
  }
  const mine = await t.call('GET', `/v1/contacts/${ids.contact}`);
  assert.equal(mine.body.name, 'Cliente A');
});

test('another account cannot use foreign ids inside its own documents', async () => {
  const line = { description: 'x', quantity: '1', unitPrice: '1' };
  for (const [what, body] of [
    ['contactId', { type: 'FT', contactId: ids.contact, lines: [line] }],
    ['itemId', { type: 'FT', lines: [{ itemId: ids.item, quantity: '1' }] }],
    ['taxId', { type: 'FT', lines: [{ ...line, taxId: ids.tax }] }],
    ['seriesId', { type: 'FT', seriesId: ids.series, lines: [line] }],
    ['storeId', { type: 'FT', storeId: ids.store, lines: [line] }],
    ['relatedDocumentId', { type: 'ND', relatedDocumentId: ids.document, lines: [line] }],
    ['originLineId', { type: 'NC', lines: [{ ...line, originLineId: ids.line }] }],
  ] as const) {
    const r = await asOther('POST', '/v1/documents', body);
    assert.equal(r.status, 404, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const receipt = await asOther('POST', '/v1/receipts', { documents: [{ documentId: ids.document }] });
  assert.equal(receipt.status, 404);
  const convert = await asOther('POST', '/v1/documents/convert', { type: 'FT', originIds: [ids.document] });
  assert.equal(convert.status, 404);
});

test('lists only show the caller’s own records', async () => {
  const docs = await asOther('GET', '/v1/documents');
  assert.equal(docs.body.data.length, 0);
  const contacts = await asOther('GET', '/v1/contacts');
  assert.ok(contacts.body.data.every((c: { id: number }) => c.id !== ids.contact));
  const items = await asOther('GET', '/v1/items?q=Item');
  assert.equal(items.body.data.length, 0);
  const stock = await asOther('GET', `/v1/stock?itemId=${ids.item}`);
  assert.deepEqual(stock.body, []);
});

test('without a valid key nothing is reachable; a revoked key stops working', async () => {
  const none = await t.app.inject({ method: 'GET', url: '/v1/documents' });
  assert.equal(none.statusCode, 401);
  assert.equal(JSON.parse(none.body).error.code, 'unauthenticated');
  const wrong = await t.call('GET', '/v1/documents', undefined, { key: 'ftr_test_nope_nope_nope_nope_nope' });
  assert.equal(wrong.status, 401);
  const k = await t.call('POST', '/v1/api-keys', { name: 'temp' });
  assert.equal(k.status, 201);
  assert.ok(k.body.key.length >= 120, 'keys are long enough for the bill.pt SDK check');
  assert.equal((await t.call('GET', '/v1/documents', undefined, { key: k.body.key })).status, 200);
  const list = await t.call('GET', '/v1/api-keys');
  assert.ok(
    list.body.every((x: Record<string, unknown>) => !('key' in x) && !('key_hash' in x)),
    'keys are never listed',
  );
  assert.equal((await t.call('DELETE', `/v1/api-keys/${k.body.id}`)).status, 204);
  assert.equal((await t.call('GET', '/v1/documents', undefined, { key: k.body.key })).status, 401);
  const raw = await t.db.database.db
    .selectFrom('api_keys')
    .select(['key_hash', 'prefix'])
    .where('id', '=', k.body.id)
    .executeTakeFirstOrThrow();
  assert.notEqual(raw.key_hash, k.body.key);
  assert.equal(raw.key_hash.length, 64);
  assert.ok(k.body.key.startsWith(raw.prefix));
});
