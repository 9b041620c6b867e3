import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInApp, signInInject } from './support.js';

const con = signedInApp();
const { get, postForm } = con;
const customers = async (q: string) => (await con.t.call('GET', `/v1/contacts?q=${encodeURIComponent(q)}`)).body.data;

test('a customer is created from the form (303 to its page), listed, found by search and edited', async () => {
  const created = await postForm('/console/customers', {
    name: 'Padaria Central, Lda',
    taxId: '503340855',
    country: 'pt',
    street: 'Rua Direita, 10',
    postalCode: '1100-001',
    city: 'Lisboa',
    email: 'geral@padaria.example',
    phone: '+351 210 000 000',
    code: 'PAD1',
  });
  assert.equal(created.statusCode, 303, created.body);
  const id = (await customers('Padaria Central'))[0].id;
  assert.equal(created.headers.location, `/console/customers/${id}?done=created`);

  const page = await get(created.headers.location!);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /value="Padaria Central, Lda"/);
  assert.match(page.body, /value="503340855"/);
  assert.match(page.body, new RegExp(`href="/console/documents\\?customer=${id}"`), 'links to its documents');
  assert.match(page.body, /role="status"/, 'tells it was created');

  await postForm('/console/customers', { name: 'Outro Cliente', country: 'PT' });
  const list = await get('/console/customers');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Padaria Central, Lda/);
  assert.match(list.body, /Outro Cliente/);
  assert.match(list.body, /class="table-wrap"/);
  const found = await get('/console/customers?q=padaria');
  assert.match(found.body, /Padaria Central/);
  assert.doesNotMatch(found.body, /Outro Cliente/);
  const byTaxId = await get('/console/customers?q=503340855');
  assert.match(byTaxId.body, /Padaria Central/);

  const edited = await postForm(`/console/customers/${id}`, {
    name: 'Padaria Central, Lda',
    taxId: '503340855',
    country: 'PT',
    city: 'Porto',
    postalCode: '4000-001',
    code: 'PAD1',
  });
  assert.equal(edited.statusCode, 303, edited.body);
  assert.equal(edited.headers.location, `/console/customers/${id}?done=saved`);
  const api = await con.t.call('GET', `/v1/contacts/${id}`);
  assert.equal(api.body.city, 'Porto');
  assert.equal(api.body.street, null, 'a field left empty is cleared');
  assert.equal(api.body.code, 'PAD1');
});

test('bad input gives the form again (422) with each error beside its field, the values kept, nothing created', async () => {
  const before = (await con.t.call('GET', '/v1/contacts')).body.pagination.total;
  const res = await postForm('/console/customers', {
    name: 'Cliente Errado',
    taxId: '123456780',
    country: 'PT',
    email: 'not-an-email',
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /value="Cliente Errado"/, 'the name typed is kept');
  assert.match(res.body, /value="123456780"/);
  // The e-mail is checked first (field rules), then the tax id: each error shows beside its own field.
  assert.match(res.body, /id="f-email"[^>]*aria-describedby="e-email"/);
  assert.match(res.body, /<p class="field-error" id="e-email">/);

  const nif = await postForm('/console/customers', { name: 'Cliente Errado', taxId: '123456780', country: 'PT' });
  assert.equal(nif.statusCode, 422);
  assert.match(nif.body, /id="f-taxId"[^>]*aria-invalid="true"[^>]*aria-describedby="e-taxId"/);
  assert.match(nif.body, /<p class="field-error" id="e-taxId">[^<]*NIF/);

  const empty = await postForm('/console/customers', { name: '   ', country: 'PT' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /<p class="field-error" id="e-name">/);

  const postal = await postForm('/console/customers', { name: 'X', country: 'PT', postalCode: '10000-1' });
  assert.equal(postal.statusCode, 422);
  assert.match(postal.body, /id="e-postalCode"/);

  assert.equal((await con.t.call('GET', '/v1/contacts')).body.pagination.total, before, 'nothing was created');
});

test('a foreign tax id is checked for its own country; a duplicate code is refused beside the code', async () => {
  const es = await postForm('/console/customers', { name: 'Cliente Madrid', taxId: 'ESB12345674', country: 'ES' });
  assert.equal(es.statusCode, 303, es.body);
  await postForm('/console/customers', { name: 'Primeiro', code: 'DUP', country: 'PT' });
  const dup = await postForm('/console/customers', { name: 'Segundo', code: 'DUP', country: 'PT' });
  assert.equal(dup.statusCode, 422);
  assert.match(dup.body, /<p class="field-error" id="e-code">/);
});

test('a customer with documents is not deleted: its page says why (409); one without is deleted (303)', async () => {
  const doc = await con.t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente Com Faturas', taxId: '501964843' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  const id = (await customers('Cliente Com Faturas'))[0].id;
  const refused = await postForm(`/console/customers/${id}/delete`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /role="alert"/);
  assert.equal((await con.t.call('GET', `/v1/contacts/${id}`)).status, 200);

  await postForm('/console/customers', { name: 'Cliente Efémero', country: 'PT' });
  const gone = (await customers('Cliente Efémero'))[0].id;
  const deleted = await postForm(`/console/customers/${gone}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal(deleted.headers.location, '/console/customers?done=deleted');
  assert.equal((await con.t.call('GET', `/v1/contacts/${gone}`)).status, 404);
});

test('another account’s customer, or an id that is not one, is a 404 page; writes need the CSRF token', async () => {
  const other = await con.t.newAccount();
  const theirs = await con.t.call('POST', '/v1/contacts', { name: 'Cliente Alheio' }, { key: other.apiKey });
  assert.equal(theirs.status, 201);
  for (const url of [`/console/customers/${theirs.body.id}`, '/console/customers/abc', '/console/customers/0']) {
    const res = await get(url);
    assert.equal(res.statusCode, 404, url);
    assert.doesNotMatch(res.body, /Cliente Alheio/);
  }
  const write = await postForm(`/console/customers/${theirs.body.id}`, { name: 'Mudado', country: 'PT' });
  assert.equal(write.statusCode, 404);
  assert.equal(
    (await con.t.call('GET', `/v1/contacts/${theirs.body.id}`, undefined, { key: other.apiKey })).body.name,
    'Cliente Alheio',
  );

  const noToken = await con.t.app.inject({
    method: 'POST',
    url: '/console/customers',
    payload: 'name=Sem+Token&country=PT',
    headers: { cookie: con.session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(noToken.statusCode, 403);
  assert.equal((await customers('Sem Token')).length, 0);
});

test('the list pages: 25 customers, 20 a page, a link to the next page keeps the search', async () => {
  for (let i = 0; i < 25; i++)
    await con.t.call('POST', '/v1/contacts', { name: `Paginado ${String(i).padStart(2, '0')}` });
  const first = await get('/console/customers?q=Paginado');
  assert.match(first.body, /Paginado 00/);
  assert.doesNotMatch(first.body, /Paginado 24/);
  assert.match(first.body, /href="\/console\/customers\?q=Paginado&amp;page=2"/);
  const second = await get('/console/customers?q=Paginado&page=2');
  assert.match(second.body, /Paginado 24/);
  assert.doesNotMatch(second.body, /Paginado 00/);
  const garbage = await get('/console/customers?page=abc&perPage=-4');
  assert.equal(garbage.statusCode, 200);
});

test('a read-only session sees the records but no form to change them, and its writes are refused (403)', async () => {
  const key = await con.t.call('POST', '/v1/api-keys', { name: 'leitura', scope: 'read' });
  assert.equal(key.status, 201, JSON.stringify(key.body));
  const reader = await signInInject(con.t, { apiKey: key.body.key });
  const c = await con.t.call('POST', '/v1/contacts', { name: 'Cliente Só Leitura' });
  const page = await get(`/console/customers/${c.body.id}`, reader);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Cliente Só Leitura/);
  assert.doesNotMatch(page.body, /<button class="btn btn-primary" type="submit">/);
  assert.doesNotMatch(page.body, /\/delete"/);
  assert.doesNotMatch((await get('/console/customers', reader)).body, /href="\/console\/customers\/new"/);
  assert.equal((await get('/console/customers/new', reader)).statusCode, 403);
  const write = await postForm(`/console/customers/${c.body.id}`, { name: 'Mudado', country: 'PT' }, reader);
  assert.equal(write.statusCode, 403);
  const create = await postForm('/console/customers', { name: 'Novo', country: 'PT' }, reader);
  assert.equal(create.statusCode, 403);
  assert.equal((await con.t.call('GET', `/v1/contacts/${c.body.id}`)).body.name, 'Cliente Só Leitura');
});

test('the built-in final consumer is shown without a form to change or delete it', async () => {
  const cf = (await con.t.call('GET', '/v1/contacts?code=CF')).body.data[0];
  const page = await get(`/console/customers/${cf.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /999999990/);
  assert.doesNotMatch(page.body, /<button class="btn btn-primary" type="submit">/);
  assert.doesNotMatch(page.body, /\/delete"/);
  const refused = await postForm(`/console/customers/${cf.id}`, { name: 'Outro nome', country: 'PT' });
  assert.equal(refused.statusCode, 422);
  assert.equal((await con.t.call('GET', `/v1/contacts/${cf.id}`)).body.name, cf.name);
});
