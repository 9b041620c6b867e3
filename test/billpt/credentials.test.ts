import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setUserPassword } from '../../src/app/accounts/set-user-password.js';
import type { TestApp } from '../support/app.js';
import { API, billptClient, formEncode, startBillptApp, type BillptClient } from './client.js';
import { codes, ok } from './fixtures.js';

let t: TestApp;
let bp: BillptClient;
before(async () => {
  ({ t, bp } = await startBillptApp());
});
after(async () => {
  await t?.close();
});

describe('api_token wherever the clients put it', () => {
  test('in a JSON body, on GET and DELETE too (the SDKs), with an unknown `method` field ignored', async () => {
    const r = await bp.call('GET', 'tipos-documento', { method: 'GET' });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 29);
    const s = ok(await bp.call('POST', 'estados', { nome: 'Apagar', method: 'POST' }));
    assert.equal((await bp.call('DELETE', `estados/${s.id}`, { method: 'DELETE' })).status, 200);
  });

  test('in the query string, body-less, with bracketed parameters (the Saleor app)', async () => {
    const r = await bp.call('POST', 'contatos', { nome: 'Cliente Query', pais: 'PT', tipos: [] }, { via: 'query' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const found = await bp.call('GET', 'contatos', { pesquisa: { texto: { nome: 'Query' } } }, { via: 'query' });
    assert.equal(found.body.total, 1);
    const doc = await bp.call(
      'POST',
      'documentos',
      {
        tipificacao: 'FR',
        contato_id: r.body.id,
        terminado: 1,
        produtos: [{ nome: 'Produto Query', codigo: 'PQ-1', quantidade: 2, preco_unitario: '10.00', imposto: 23 }],
      },
      { via: 'query' },
    );
    assert.equal(doc.status, 200, JSON.stringify(doc.body));
    assert.equal(doc.body.gross_total, '24.60');
    assert.equal(doc.body.lancamentos[0].item.codigo, 'PQ-1', 'the product was created from the line');
  });

  test('in a form body (application/x-www-form-urlencoded)', async () => {
    const r = await bp.call(
      'POST',
      'items',
      {
        descricao: 'Produto Form',
        codigo: 'PF-1',
        precos: [{ preco_nome: 'Base', preco_sem_iva: '12.20', preco_com_iva: '15.01' }],
      },
      { via: 'form' },
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.precos, [{ preco_nome: 'Preço 1', preco_sem_iva: '12.20', preco_com_iva: '15.01' }]);
    const list = await bp.call('GET', 'items', { pesquisa: { codigo: 'PF-1' } }, { via: 'form' });
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
  });

  test('as Authorization: Bearer', async () => {
    const r = await bp.call('GET', 'impostos', {}, { via: 'bearer' });
    assert.equal(r.status, 200);
    assert.ok(r.body.length > 0);
  });

  test('a raw GET with a JSON body and no content-type header still reads the token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/series`,
      payload: JSON.stringify({ api_token: bp.token }),
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  test('no token: 202; an unknown or revoked one: 208 (401)', async () => {
    const none = await bp.call('GET', 'impostos', {}, { token: null });
    assert.equal(none.status, 401);
    assert.deepEqual(codes(none), ['202']);
    const wrong = await bp.call('GET', 'impostos', {}, { token: 'x'.repeat(128) });
    assert.equal(wrong.status, 401);
    assert.deepEqual(codes(wrong), ['208']);
    const key = await t.call('POST', '/v1/api-keys', { name: 'bill.pt' });
    const other = billptClient(t, key.body.key);
    assert.equal((await other.call('POST', 'valid-token')).status, 200);
    await t.call('DELETE', `/v1/api-keys/${key.body.id}`);
    assert.deepEqual(codes(await other.call('POST', 'valid-token')), ['208']);
  });

  test('the token is never logged: credential query parameters are redacted from URLs', async () => {
    const { redactUrl } = await import('../../src/http/redact.js');
    assert.equal(redactUrl(`${API}/tipos?api_token=secret&x=1`), `${API}/tipos?api_token=[REDACTED]&x=1`);
  });
});

describe('auth/login and valid-token', () => {
  test('e-mail and password give the user and an api_token long enough for the SDKs', async () => {
    const user = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('account_id', '=', t.account.accountId)
      .executeTakeFirstOrThrow();
    await t.db.database.db
      .transaction()
      .execute((tx) => setUserPassword(tx, { email: user.email, password: 'uma senha longa' }));
    const r = await bp.call(
      'POST',
      'auth/login',
      { email: user.email.toUpperCase(), password: 'uma senha longa' },
      { token: null },
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body), ['id', 'nome', 'email', 'api_token']);
    assert.equal(r.body.id, user.id);
    assert.ok(r.body.api_token.length >= 120, 'the SDKs refuse tokens shorter than 120 characters');
    const logged = billptClient(t, r.body.api_token);
    assert.equal((await logged.call('POST', 'valid-token')).status, 200);
    assert.equal((await logged.call('GET', 'series')).status, 200);
    const form = await t.app.inject({
      method: 'POST',
      url: `${API}/auth/login`,
      payload: formEncode({ email: user.email, password: 'uma senha longa' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.statusCode, 200);
  });

  test('a wrong password, an unknown e-mail and a user without password all answer 200 (401)', async () => {
    const user = await t.db.database.db
      .selectFrom('users')
      .select('email')
      .where('account_id', '=', t.account.accountId)
      .executeTakeFirstOrThrow();
    for (const body of [
      { email: user.email, password: 'errada' },
      { email: 'ninguem@example.com', password: 'uma senha longa' },
    ]) {
      const r = await bp.call('POST', 'auth/login', body, { token: null });
      assert.equal(r.status, 401);
      assert.deepEqual(codes(r), ['200']);
    }
    const other = await t.newAccount();
    const u2 = await t.db.database.db
      .selectFrom('users')
      .select('email')
      .where('account_id', '=', other.accountId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(codes(await bp.call('POST', 'auth/login', { email: u2.email, password: '' }, { token: null })), [
      '1.password',
    ]);
    assert.deepEqual(
      codes(await bp.call('POST', 'auth/login', { email: u2.email, password: 'qualquer' }, { token: null })),
      ['200'],
    );
  });
});
