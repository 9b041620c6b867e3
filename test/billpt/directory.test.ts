import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setUserPassword } from '../../src/app/accounts/set-user-password.js';
import type { TestApp } from '../support/app.js';
import { billptClient, startBillptApp, type BillptClient } from './client.js';
import { codes, ok } from './fixtures.js';

/**
 * bill.pt directory and settings (#14 items 3, 4, 7, 8) where a contract case cannot say it: two accounts, two
 * requests at once, the login token (which needs a secret key), the native API's archived flag.
 */
let t: TestApp;
let bp: BillptClient;
before(async () => {
  ({ t, bp } = await startBillptApp({ secretKey: 'ab'.repeat(32) }));
});
after(async () => {
  await t?.close();
});

describe('auth/login returns the user’s one token (#14 item 8)', () => {
  test('the same token at every login, one key stored (hashed, with a sealed copy); a revoked one is replaced', async () => {
    const a = await t.newAccount();
    const user = await t.db.database.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('account_id', '=', a.accountId)
      .executeTakeFirstOrThrow();
    await t.db.database.db
      .transaction()
      .execute((tx) => setUserPassword(tx, { email: user.email, password: 'uma senha longa' }));
    const login = async () => {
      const r = await bp.call(
        'POST',
        'auth/login',
        { email: user.email, password: 'uma senha longa' },
        { token: null },
      );
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.api_token as string;
    };
    const first = await login();
    const [second, third] = await Promise.all([login(), login()]);
    assert.equal(second, first);
    assert.equal(third, first);
    const keys = await t.db.database.db
      .selectFrom('api_keys')
      .select(['id', 'key_hash', 'login_token_sealed'])
      .where('user_id', '=', user.id)
      .where('login_token_sealed', 'is not', null)
      .execute();
    assert.equal(keys.length, 1, 'one login key, not one per login');
    assert.ok(!keys[0].key_hash.includes(first) && !keys[0].login_token_sealed!.includes(first), 'never in clear');
    assert.equal((await billptClient(t, first).call('GET', 'series')).status, 200);

    // Revoked (native API, by an admin key of the account) → the next login makes a new token; the old one fails.
    const revoke = await t.call('DELETE', `/v1/api-keys/${keys[0].id}`, undefined, { key: a.apiKey });
    assert.ok(revoke.status < 300, JSON.stringify(revoke.body));
    const renewed = await login();
    assert.notEqual(renewed, first);
    assert.equal((await billptClient(t, first).call('GET', 'series')).status, 401);
    assert.equal((await billptClient(t, renewed).call('GET', 'series')).status, 200);
    assert.equal(await login(), renewed);
  });

  test('explicit key creation is unchanged: every POST /v1/api-keys is a new key', async () => {
    const a = await t.newAccount();
    const one = await t.call('POST', '/v1/api-keys', { name: 'x' }, { key: a.apiKey });
    const two = await t.call('POST', '/v1/api-keys', { name: 'x' }, { key: a.apiKey });
    assert.equal(one.status, 201);
    assert.notEqual(one.body.key, two.body.key);
  });
});

describe('one contact per NIF (#14 item 4)', () => {
  test('two concurrent creates with the same NIF: one passes, the other is 253', async () => {
    const a = await t.newAccount();
    const c = billptClient(t, a.apiKey);
    const results = await Promise.all(
      ['Corrida A', 'Corrida B', 'Corrida C'].map((nome) => c.call('POST', 'contatos', { nome, nif: '123456789' })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 422, 422]);
    for (const r of results.filter((x) => x.status !== 200)) assert.deepEqual(codes(r), ['253']);
    const list = await c.call('GET', 'contatos', { pesquisa: { nif: '123456789' } });
    assert.equal(list.body.total, 1);
  });

  test('the rule is bill.pt’s: another account may hold the NIF, and the native API keeps accepting duplicates', async () => {
    const a = await t.newAccount();
    const b = await t.newAccount();
    ok(await billptClient(t, a.apiKey).call('POST', 'contatos', { nome: 'Na conta A', nif: '123456789' }));
    ok(await billptClient(t, b.apiKey).call('POST', 'contatos', { nome: 'Na conta B', nif: '123456789' }));
    const again = await t.call('POST', '/v1/contacts', { name: 'Filial', taxId: '123456789' }, { key: a.apiKey });
    assert.equal(again.status, 201, JSON.stringify(again.body));
  });
});

describe('smaller gaps (#14 item 7)', () => {
  test('deleting another account’s item is 291, and the item stays', async () => {
    const a = await t.newAccount();
    const b = await t.newAccount();
    const item = ok(await billptClient(t, a.apiKey).call('POST', 'items', { descricao: 'Da conta A', codigo: 'A-1' }));
    const r = await billptClient(t, b.apiKey).call('DELETE', `items/${item.id}`);
    assert.equal(r.status, 404);
    assert.deepEqual(codes(r), ['291']);
    assert.equal((await billptClient(t, a.apiKey).call('GET', `items/${item.id}`)).status, 200);
  });
});

describe('the native API’s archived flag (#14 item 3)', () => {
  test('contacts and items: set, read back, filtered; bill.pt reads the same flag as visivel', async () => {
    const a = await t.newAccount();
    const k = { key: a.apiKey };
    const contact = await t.call('POST', '/v1/contacts', { name: 'Arquivado', archived: true }, k);
    assert.equal(contact.status, 201, JSON.stringify(contact.body));
    assert.equal(contact.body.archived, true);
    const only = await t.call('GET', '/v1/contacts?archived=true', undefined, k);
    assert.deepEqual(
      only.body.data.map((x: { id: number }) => x.id),
      [contact.body.id],
    );
    const active = await t.call('GET', '/v1/contacts?archived=false', undefined, k);
    assert.ok(!active.body.data.some((x: { id: number }) => x.id === contact.body.id));
    assert.equal((await billptClient(t, a.apiKey).call('GET', `contatos/${contact.body.id}`)).body.visivel, 0);

    const item = await t.call('POST', '/v1/items', { code: 'ARQ', description: 'Arquivado', price: '1' }, k);
    assert.equal(item.body.archived, false);
    const hidden = await t.call('PATCH', `/v1/items/${item.body.id}`, { archived: true }, k);
    assert.equal(hidden.body.archived, true);
    const items = await t.call('GET', '/v1/items?archived=true', undefined, k);
    assert.deepEqual(
      items.body.data.map((x: { id: number }) => x.id),
      [item.body.id],
    );
    assert.equal((await billptClient(t, a.apiKey).call('GET', `items/${item.body.id}`)).body.visivel, 0);
  });
});
