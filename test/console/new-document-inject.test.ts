import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { signInInject, type InjectSession } from './support.js';

let t: TestApp;
let session: InjectSession;
let taxes: { id: number; name: string }[];
before(async () => {
  t = await startTestApp();
  session = await signInInject(t);
  taxes = (await t.call('GET', '/v1/taxes')).body;
});
after(async () => {
  await t?.close();
});

const taxId = (name: string) => String(taxes.find((x) => x.name === name)!.id);
const get = (url: string, s = session) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie, 'accept-language': 'en' } });
const post = (url: string, form: Record<string, string>, opts: { csrf?: boolean; json?: boolean } = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: session.csrf }), ...form }).toString(),
    headers: {
      cookie: session.cookie,
      'accept-language': 'en',
      'content-type': 'application/x-www-form-urlencoded',
      ...(opts.json ? { 'x-csrf-token': session.csrf, accept: 'application/json' } : {}),
    },
  });
const fieldError = (html: string, id: string) => {
  const m = new RegExp(`<p class="field-error" id="e-${id}"[^>]*>([^<]*)</p>`).exec(html);
  assert.ok(m, `no error slot e-${id}`);
  return m[0].includes(' hidden') ? '' : m[1].trim();
};

const form = () => ({
  type: 'FT',
  'newCustomer.name': 'Cliente da Consola, Lda',
  'newCustomer.taxId': '123456789',
  'newCustomer.city': 'Braga',
  'lines[0].description': 'Consultoria',
  'lines[0].quantity': '3',
  'lines[0].unitPrice': '33.33',
  'lines[0].discount': '10',
  'lines[0].taxId': taxId('IVA23'),
  'lines[1].description': 'Exportação',
  'lines[1].quantity': '1',
  'lines[1].unitPrice': '100.01',
  'lines[1].taxId': taxId('IVA0'),
  'lines[1].exemptionCode': 'M05',
});
const nativeBody = (finalize = false) => ({
  type: 'FT',
  customer: { name: 'Cliente da Consola, Lda', taxId: '123456789', city: 'Braga' },
  lines: [
    { description: 'Consultoria', quantity: '3', unitPrice: '33.33', discounts: ['10'], taxName: 'IVA23' },
    { description: 'Exportação', quantity: '1', unitPrice: '100.01', taxName: 'IVA0', exemptionCode: 'M05' },
  ],
  ...(finalize ? { finalize: true } : {}),
});
const euros = (v: string) => `€${Number(v).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;

describe('new-document form', () => {
  test('the form lists the account series, taxes and exemption reasons; the first line is blank', async () => {
    const res = await get('/console/documents/new?type=FT');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="lines\[0\]\.description"/);
    assert.match(res.body, new RegExp(`<option value="${taxId('IVA23')}"`));
    assert.match(res.body, /<option value="M05"/);
    assert.match(res.body, /name="seriesId"/);
    assert.match(res.body, /<label class="visually-hidden" for="f-lines-0-quantity"/);
  });

  test('totals as you type are the native preview of the same document, as the page shows them', async () => {
    const native = await t.call('POST', '/v1/documents/preview', nativeBody());
    assert.equal(native.status, 200, JSON.stringify(native.body));
    const res = await post('/console/documents/totals', form(), { json: true });
    assert.equal(res.statusCode, 200, res.body);
    const shown = res.json().totals;
    assert.equal(shown.gross, euros(native.body.totals.gross));
    assert.equal(shown.net, euros(native.body.totals.net));
    assert.equal(shown.tax, euros(native.body.totals.tax));
    assert.equal(shown.lines[0].total, euros(native.body.lines[0].grossTotal));
    assert.equal(shown.lines[1].total, euros(native.body.lines[1].grossTotal));
    assert.equal(shown.taxSummary.length, 2);

    const bad = await post(
      '/console/documents/totals',
      { ...form(), 'lines[1].exemptionCode': '', 'lines[0].quantity': 'três' },
      { json: true },
    );
    assert.equal(bad.statusCode, 422);
    const errors = bad.json().errors;
    assert.ok(errors['lines[0].quantity'], JSON.stringify(errors));
    // Nothing was written by either dry run.
    const customers = await t.call('GET', '/v1/contacts?q=Consola');
    assert.equal(customers.body.data.length, 0);
  });

  test('without JS: add line, recalculate, and errors beside their fields with the values kept (422)', async () => {
    const added = await post('/console/documents/new', { ...form(), action: 'addLine' });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /name="lines\[2\]\.description"/);

    const recalculated = await post('/console/documents/new', { ...form(), action: 'recalculate' });
    assert.equal(recalculated.statusCode, 200);
    const native = await t.call('POST', '/v1/documents/preview', nativeBody());
    assert.ok(recalculated.body.includes(euros(native.body.totals.payable)));

    const bad = await post('/console/documents/new', {
      ...form(),
      'lines[1].quantity': '-',
      'lines[1].exemptionCode': '',
      action: 'save',
    });
    assert.equal(bad.statusCode, 422);
    assert.notEqual(fieldError(bad.body, 'f-lines-1-quantity'), '');
    assert.equal(fieldError(bad.body, 'f-lines-0-quantity'), '');
    assert.match(bad.body, /id="f-lines-1-quantity"[^>]*value="-"[^>]*aria-invalid="true"/);
    assert.match(bad.body, /value="Cliente da Consola, Lda"/);
  });

  test('finalize creates the customer on the fly and issues through the API path: 303 to the document page', async () => {
    const res = await post('/console/documents/new', { ...form(), action: 'finalize' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const id = Number(/^\/console\/documents\/(\d+)$/.exec(String(res.headers.location))![1]);
    const doc = (await t.call('GET', `/v1/documents/${id}`)).body;
    assert.equal(doc.status, 'final');
    assert.match(doc.number, /^FT /);
    assert.ok(doc.atcud);
    assert.equal(doc.customer.name, 'Cliente da Consola, Lda');
    const native = await t.call('POST', '/v1/documents/preview', nativeBody(true));
    assert.deepEqual(doc.totals, native.body.totals);

    const found = await get('/console/lookup/customers?q=Consola');
    assert.equal(found.statusCode, 200);
    assert.deepEqual(
      found.json().map((c: { id: number; taxId: string }) => [c.id, c.taxId]),
      [[doc.contactId, '123456789']],
    );
  });

  test('a draft is saved, edited and finalized; a final document or another account’s draft is not editable', async () => {
    const saved = await post('/console/documents/new', { ...form(), action: 'save' });
    assert.equal(saved.statusCode, 303);
    const id = Number(/(\d+)$/.exec(String(saved.headers.location))![1]);
    assert.equal((await t.call('GET', `/v1/documents/${id}`)).body.status, 'draft');

    const edit = await get(`/console/documents/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="Exportação"/);
    assert.match(edit.body, /<option value="M05" selected>/);
    const contactId = /name="contactId" id="f-contactId" value="(\d+)"/.exec(edit.body)![1];

    const changed = await post(`/console/documents/${id}/edit`, {
      type: 'FT',
      contactId,
      'lines[0].description': 'Consultoria revista',
      'lines[0].quantity': '2',
      'lines[0].unitPrice': '50',
      'lines[0].taxId': taxId('IVA23'),
      action: 'finalize',
    });
    assert.equal(changed.statusCode, 303, changed.body.slice(0, 2000));
    const doc = (await t.call('GET', `/v1/documents/${id}`)).body;
    assert.equal(doc.status, 'final');
    assert.equal(doc.totals.gross, '123.00');
    assert.equal(doc.lines.length, 1);

    assert.equal((await get(`/console/documents/${id}/edit`)).statusCode, 409);
    const other = await t.newAccount();
    const foreign = await t.call('POST', '/v1/documents', nativeBody(), { key: other.apiKey });
    assert.equal((await get(`/console/documents/${foreign.body.id}/edit`)).statusCode, 404);
    assert.equal((await get('/console/documents/abc/edit')).statusCode, 404);
  });

  test('a post without the CSRF token is refused and writes nothing', async () => {
    const before = (await t.call('GET', '/v1/documents')).body.pagination.total;
    const res = await post('/console/documents/new', { ...form(), action: 'save' }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal((await t.call('GET', '/v1/documents')).body.pagination.total, before);
  });

  test('item lookup finds the account items by code or description', async () => {
    const item = await t.call('POST', '/v1/items', { code: 'LOOK-1', description: 'Parafuso inox', price: '0.35' });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    const found = await get('/console/lookup/items?q=inox');
    assert.deepEqual(
      found.json().map((i: { code: string; price: string }) => [i.code, i.price]),
      [['LOOK-1', item.body.price]],
    );
    assert.deepEqual((await get('/console/lookup/items?q=')).json(), []);
  });
});
