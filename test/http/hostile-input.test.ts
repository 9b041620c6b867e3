import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

/** Inputs that used to end in a 500: each now gets a 4xx naming the field, in the envelope of its API. */
describe('hostile input gets a 4xx in every API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const raw = (method: string, url: string, payload?: string, type = 'application/json') =>
    t.app.inject({
      method: method as 'GET',
      url,
      payload,
      headers: {
        authorization: `Bearer ${t.account.apiKey}`,
        ...(payload === undefined ? {} : { 'content-type': type }),
      },
    });
  const fields = (res: { json(): any }) => res.json().error.details.map((d: { field: string }) => d.field);

  it('native API: a NUL in a body field, a nested one, or a query parameter is a 422 naming the field', async () => {
    const contact = await t.call('POST', '/v1/contacts', { name: 'a\u0000b' });
    assert.equal(contact.status, 422);
    assert.equal(contact.body.error.code, 'validation');
    assert.deepEqual(
      contact.body.error.details.map((d: any) => d.field),
      ['name'],
    );
    assert.match(contact.body.error.details[0].message, /NUL/);
    const doc = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [{ description: 'x\u0000', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
    });
    assert.equal(doc.status, 422);
    assert.deepEqual(
      doc.body.error.details.map((d: any) => d.field),
      ['lines[0].description'],
    );
    const query = await raw('GET', '/v1/emails?recipient=a%00b');
    assert.equal(query.statusCode, 422);
    assert.deepEqual(fields(query), ['querystring.recipient']);
    const key = await raw('POST', '/v1/contacts', '{"name":"ok","a\\u0000":1}');
    assert.equal(key.statusCode, 422, 'a NUL in a key too');
    assert.equal(
      (await t.db.database.db.selectFrom('contacts').select('id').where('name', 'like', 'a%b').execute()).length,
      0,
    );
  });

  it('native API: a lone UTF-16 surrogate is refused the same way (it would be stored as U+FFFD)', async () => {
    const res = await raw('POST', '/v1/contacts', '{"name":"a\\ud800b"}');
    assert.equal(res.statusCode, 422);
    assert.deepEqual(fields(res), ['name']);
    assert.match(res.json().error.details[0].message, /surrogate/);
    const pair = await raw('POST', '/v1/contacts', '{"name":"emoji \\ud83d\\ude00"}');
    assert.equal(pair.statusCode, 201, 'a proper surrogate pair is text like any other');
    assert.equal(pair.json().name, 'emoji 😀');
  });

  it('native API: list filters that are no calendar date are 422, not 500', async () => {
    const emails = await raw('GET', '/v1/emails?to=2026-13-45');
    assert.equal(emails.statusCode, 422);
    assert.deepEqual(fields(emails), ['querystring.to']);
    const at = await raw('GET', '/v1/at/communications?from=2026-02-30T10:00:00Z');
    assert.equal(at.statusCode, 422);
    assert.deepEqual(fields(at), ['querystring.from']);
    assert.equal((await raw('GET', '/v1/emails?from=2026-02-28&to=2026-03-01T23:59:59Z')).statusCode, 200);
  });

  it('native API: ids in the path are digits only (" 1", "1e0", "0x1" are not 1)', async () => {
    const c = await t.call('POST', '/v1/contacts', { name: 'Alvo' });
    assert.equal(c.status, 201);
    assert.equal((await raw('GET', `/v1/contacts/${c.body.id}`)).statusCode, 200);
    for (const id of [
      `%20${c.body.id}`,
      `${c.body.id}%20`,
      `${c.body.id}e0`,
      `0x${c.body.id.toString(16)}`,
      `+${c.body.id}`,
    ]) {
      const res = await raw('GET', `/v1/contacts/${id}`);
      assert.equal(res.statusCode, 422, id);
      assert.deepEqual(fields(res), ['params.id'], id);
    }
    assert.deepEqual(fields(await raw('GET', '/v1/emails?documentId=%201')), ['querystring.documentId']);
  });

  for (const path of ['item-categories', 'contact-types', 'document-states']) {
    it(`native API: PATCH racing DELETE on ${path} gives 200 or 404, never 500`, async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const created = await t.call('POST', `/v1/${path}`, { name: `Corrida ${i}` });
        assert.equal(created.status, 201);
        const [patch, del] = await Promise.all([
          t.call('PATCH', `/v1/${path}/${created.body.id}`, { name: `Corrida ${i} bis` }),
          t.call('DELETE', `/v1/${path}/${created.body.id}`),
        ]);
        seen.add(`${patch.status}/${del.status}`);
        assert.ok([200, 404].includes(patch.status), `PATCH ${patch.status} ${JSON.stringify(patch.body)}`);
        assert.equal(del.status, 204);
        if (patch.status === 404) assert.equal(patch.body.error.code, 'not_found');
      }
      assert.ok(seen.size >= 1);
    });
  }

  it('bill.pt: a NUL in a form field or the query string is refused in bill.pt’s error shape', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/billpt/api/1.0/contatos',
      payload: `api_token=${t.account.apiKey}&nome=a%00b`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.statusCode, 422);
    assert.deepEqual(form.json(), { error: ['9.nome'] });
    const query = await t.app.inject({
      method: 'GET',
      url: `/billpt/api/1.0/contatos?api_token=${t.account.apiKey}&pesquisa[texto][nome]=a%00b`,
    });
    assert.equal(query.statusCode, 422);
    assert.deepEqual(query.json(), { error: ['9.pesquisa.texto.nome'] });
    const surrogate = await t.app.inject({
      method: 'POST',
      url: '/billpt/api/1.0/contatos',
      payload: `{"api_token":"${t.account.apiKey}","nome":"a\\udc00"}`,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(surrogate.statusCode, 422);
    assert.deepEqual(surrogate.json(), { error: ['9.nome'] });
  });

  it('InvoiceXpress: a NUL in a JSON field or an XML one is a 422 in its envelope', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: `/invoicexpress/clients.json?api_key=${t.account.apiKey}`,
      payload: JSON.stringify({ client: { name: 'Cliente', code: '\u0000' } }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(json.statusCode, 422);
    assert.match(json.json().errors[0].error, /^code must not contain the NUL character/);
    const query = await t.app.inject({
      method: 'GET',
      url: `/invoicexpress/clients/find-by-name.json?api_key=${t.account.apiKey}&client_name=a%00`,
    });
    assert.equal(query.statusCode, 422);
    assert.match(query.json().errors[0].error, /^client_name must not contain/);
    const xml = await t.app.inject({
      method: 'POST',
      url: `/invoicexpress/clients.xml?api_key=${t.account.apiKey}`,
      payload: '<client><name>Cliente</name><code>a\u0000b</code></client>',
      headers: { 'content-type': 'application/xml' },
    });
    assert.equal(xml.statusCode, 422, xml.body);
    assert.match(xml.body, /<errors><error>code must not contain the NUL/);
    const id = await t.app.inject({
      method: 'GET',
      url: `/invoicexpress/clients/%201.json?api_key=${t.account.apiKey}`,
    });
    assert.equal(id.statusCode, 404);
  });
});
