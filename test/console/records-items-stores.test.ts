import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInApp, signInInject } from './support.js';

const con = signedInApp();
const { get, postForm } = con;
const taxId = async (name: string) =>
  (await con.t.call('GET', '/v1/taxes')).body.find((x: { name: string }) => x.name === name).id as number;

test('an item is created with its unit, price, tax and type, listed and edited', async () => {
  const iva23 = await taxId('IVA23');
  const form = await get('/console/items/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`<option value="${iva23}"`), 'the account’s taxes are offered');
  assert.match(form.body, /<label for="f-price">/);

  const created = await postForm('/console/items', {
    code: 'CAFE-01',
    description: 'Café em grão 1 kg',
    productType: 'P',
    price: '12,50',
    taxId: String(iva23),
  });
  assert.equal(created.statusCode, 303, created.body);
  const item = (await con.t.call('GET', '/v1/items?code=CAFE-01')).body.data[0];
  assert.equal(created.headers.location, `/console/items/${item.id}?done=created`);
  assert.equal(Number(item.price), 12.5);
  assert.equal(item.taxId, iva23);
  assert.equal(item.productType, 'P');

  const list = await get('/console/items?q=caf');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /CAFE-01/);
  assert.match(list.body, /Café em grão 1 kg/);
  assert.match(list.body, /IVA23/);

  const edited = await postForm(`/console/items/${item.id}`, {
    code: 'CAFE-01',
    description: 'Consultoria de torra',
    productType: 'S',
    price: '80',
    taxId: String(iva23),
  });
  assert.equal(edited.statusCode, 303, edited.body);
  const after = (await con.t.call('GET', `/v1/items/${item.id}`)).body;
  assert.deepEqual([after.description, after.productType, Number(after.price)], ['Consultoria de torra', 'S', 80]);
  const page = await get(`/console/items/${item.id}`);
  assert.match(page.body, /<option value="S" selected>/);
  assert.match(page.body, /id="f-price"[^>]*value="80"/, 'the price is shown as typed, without trailing zeros');
});

test('bad item input: 422 with errors beside code, description and price; nothing created', async () => {
  const before = (await con.t.call('GET', '/v1/items')).body.pagination.total;
  const res = await postForm('/console/items', { code: '', description: 'x', price: 'doze', productType: 'P' });
  assert.equal(res.statusCode, 422);
  for (const f of ['code', 'description', 'price'])
    assert.match(res.body, new RegExp(`<p class="field-error" id="e-${f}">`), f);
  assert.match(res.body, /value="doze"/, 'the value typed is kept');
  const badTax = await postForm('/console/items', { code: 'T1', description: 'Taxa alheia', taxId: '999999' });
  assert.equal(badTax.statusCode, 422);
  assert.match(badTax.body, /<p class="field-error" id="e-taxId">/);
  await postForm('/console/items', { code: 'DUP', description: 'Primeiro' });
  const dup = await postForm('/console/items', { code: 'DUP', description: 'Segundo' });
  assert.equal(dup.statusCode, 422);
  assert.match(dup.body, /<p class="field-error" id="e-code">/);
  assert.equal((await con.t.call('GET', '/v1/items')).body.pagination.total, before + 1);
});

test('an item used on a document is not deleted (409, told why); an unused one is', async () => {
  const used = await con.t.call('POST', '/v1/items', { code: 'USADO', description: 'Artigo usado', price: '5' });
  const doc = await con.t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente', taxId: '503340855' },
    lines: [{ itemId: used.body.id, quantity: '1', unitPrice: '5', taxName: 'IVA23' }],
  });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  const refused = await postForm(`/console/items/${used.body.id}/delete`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /role="alert"/);
  const free = await con.t.call('POST', '/v1/items', { code: 'LIVRE', description: 'Artigo livre' });
  const deleted = await postForm(`/console/items/${free.body.id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal((await con.t.call('GET', `/v1/items/${free.body.id}`)).status, 404);
  const other = await con.t.newAccount();
  const theirs = await con.t.call('POST', '/v1/items', { code: 'X', description: 'Alheio' }, { key: other.apiKey });
  assert.equal((await get(`/console/items/${theirs.body.id}`)).statusCode, 404);
});

test('stores: create, edit, make default, refuse bad input and deleting the default', async () => {
  const list = await get('/console/stores');
  assert.equal(list.statusCode, 200);
  const empty = await postForm('/console/stores', { name: '', country: 'PT' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /<p class="field-error" id="e-name">/);
  const badCountry = await postForm('/console/stores', { name: 'Loja X', country: 'Portugal' });
  assert.equal(badCountry.statusCode, 422);
  assert.match(badCountry.body, /<p class="field-error" id="e-country">/);

  const series = (await con.t.call('GET', '/v1/series')).body[0];
  const created = await postForm('/console/stores', {
    name: 'Loja do Porto',
    street: 'Rua de Santa Catarina, 1',
    postalCode: '4000-001',
    city: 'Porto',
    country: 'PT',
    defaultSeriesId: String(series.id),
  });
  assert.equal(created.statusCode, 303, created.body);
  const store = (await con.t.call('GET', '/v1/stores')).body.find((s: { name: string }) => s.name === 'Loja do Porto');
  assert.equal(created.headers.location, `/console/stores/${store.id}?done=created`);
  assert.equal(store.default_series_id, series.id);
  const shown = await get('/console/stores?q=porto');
  assert.match(shown.body, /Loja do Porto/);
  assert.match(shown.body, new RegExp(series.code));

  const made = await postForm(`/console/stores/${store.id}`, { name: 'Loja do Porto', country: 'PT', isDefault: 'on' });
  assert.equal(made.statusCode, 303, made.body);
  const stores = (await con.t.call('GET', '/v1/stores')).body as { id: number; is_default: boolean }[];
  assert.deepEqual(
    stores.filter((s) => s.is_default).map((s) => s.id),
    [store.id],
  );
  const refused = await postForm(`/console/stores/${store.id}/delete`, {});
  assert.equal(refused.statusCode, 409);
  const spare = await con.t.call('POST', '/v1/stores', { name: 'Armazém' });
  const deleted = await postForm(`/console/stores/${spare.body.id}/delete`, {});
  assert.equal(deleted.statusCode, 303, deleted.body);
  assert.equal((await get('/console/stores/999999')).statusCode, 404);
});
