import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrate } from '../../src/infra/db/migrate.js';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '../../src/app/accounts/credentials.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('API key scopes: admin ⊇ issue ⊇ read', () => {
  let t: TestApp;
  const keys: Record<'admin' | 'issue' | 'read', string> = { admin: '', issue: '', read: '' };
  before(async () => {
    t = await startTestApp();
    keys.admin = t.account.apiKey;
    for (const scope of ['issue', 'read'] as const) {
      const r = await t.call('POST', '/v1/api-keys', { name: scope, scope });
      assert.equal(r.status, 201);
      assert.equal(r.body.scope, scope);
      keys[scope] = r.body.key;
    }
  });
  after(() => t.close());

  it('the key created with the account is admin; a key created without a scope is issue', async () => {
    const list = await t.call('GET', '/v1/api-keys');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.map((k: any) => [k.name, k.scope]),
      [
        ['default', 'admin'],
        ['issue', 'issue'],
        ['read', 'read'],
      ],
    );
    const plain = await t.call('POST', '/v1/api-keys', { name: 'sem escopo' });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.scope, 'issue');
    const bad = await t.call('POST', '/v1/api-keys', { scope: 'root' });
    assert.equal(bad.status, 422);
  });

  // One representative route per group, as [method, url, body, status for an allowed key].
  const routes = {
    read: [
      ['GET', '/v1/contacts', undefined, 200],
      ['GET', '/v1/account', undefined, 200],
      ['GET', '/v1/documents', undefined, 200],
    ],
    issue: [
      ['POST', '/v1/contacts', { name: 'Cliente de teste' }, 201],
      ['POST', '/v1/item-categories', { name: 'Categoria' }, 201],
    ],
    admin: [
      ['GET', '/v1/webhooks', undefined, 200],
      ['GET', '/v1/api-keys', undefined, 200],
      ['GET', '/v1/at/settings', undefined, 200],
      ['PATCH', '/v1/account', { bic: null }, 200],
      ['PUT', '/v1/email/templates/pt', { subject: 'Fatura {{documentNumber}}', body: 'Segue a fatura.' }, 200],
    ],
  } as const;
  const allowed = { admin: ['read', 'issue', 'admin'], issue: ['read', 'issue'], read: ['read'] } as const;

  for (const have of ['admin', 'issue', 'read'] as const) {
    it(`${/^[aeiou]/.test(have) ? 'an' : 'a'} ${have} key may use the ${allowed[have].join(', ')} routes and is refused (403) the others`, async () => {
      for (const group of ['read', 'issue', 'admin'] as const) {
        for (const [method, url, body, ok] of routes[group]) {
          const r = await t.call(method, url, body, { key: keys[have] });
          if ((allowed[have] as readonly string[]).includes(group)) {
            assert.equal(r.status, ok, `${have} ${method} ${url}: ${JSON.stringify(r.body)}`);
          } else {
            assert.equal(r.status, 403, `${have} ${method} ${url}`);
            assert.equal(r.body.error.code, 'forbidden');
            assert.match(r.body.error.message, new RegExp(`scope "${have}"`));
          }
        }
      }
    });
  }

  it('only admin keys create or revoke keys, their own included', async () => {
    for (const scope of ['issue', 'read'] as const) {
      assert.equal(
        (await t.call('POST', '/v1/api-keys', { name: 'x', scope: 'admin' }, { key: keys[scope] })).status,
        403,
      );
      const own = (await t.call('GET', '/v1/api-keys')).body.find((k: any) => k.name === scope);
      assert.equal(
        (await t.call('DELETE', `/v1/api-keys/${own.id}`, undefined, { key: keys[scope] })).status,
        403,
        `${scope} revoking itself`,
      );
      assert.equal((await t.call('GET', '/v1/contacts', undefined, { key: keys[scope] })).status, 200, 'still valid');
    }
  });

  it('the last admin key of an account cannot be revoked; another admin key can revoke it, or it itself', async () => {
    const acc = await t.newAccount();
    const [first] = (await t.call('GET', '/v1/api-keys', undefined, { key: acc.apiKey })).body;
    const last = await t.call('DELETE', `/v1/api-keys/${first.id}`, undefined, { key: acc.apiKey });
    assert.equal(last.status, 409);
    assert.equal(last.body.error.code, 'conflict');
    assert.match(last.body.error.message, /last admin key/);
    const issue = await t.call('POST', '/v1/api-keys', { name: 'issue' }, { key: acc.apiKey });
    assert.equal(
      (await t.call('DELETE', `/v1/api-keys/${first.id}`, undefined, { key: acc.apiKey })).status,
      409,
      'an issue key does not count',
    );
    const second = await t.call('POST', '/v1/api-keys', { name: 'admin 2', scope: 'admin' }, { key: acc.apiKey });
    assert.equal(second.status, 201);
    assert.equal(
      (await t.call('DELETE', `/v1/api-keys/${first.id}`, undefined, { key: acc.apiKey })).status,
      204,
      'self-revocation',
    );
    assert.equal(
      (await t.call('GET', '/v1/account', undefined, { key: acc.apiKey })).status,
      401,
      'the revoked key is refused',
    );
    const selfLast = await t.call('DELETE', `/v1/api-keys/${second.body.id}`, undefined, { key: second.body.key });
    assert.equal(selfLast.status, 409, 'the last admin key cannot revoke itself');
    assert.equal(
      (await t.call('DELETE', `/v1/api-keys/${issue.body.id}`, undefined, { key: second.body.key })).status,
      204,
    );
    assert.equal(
      (await t.call('DELETE', `/v1/api-keys/${first.id}`, undefined, { key: second.body.key })).status,
      204,
      'revoking a revoked key again is harmless',
    );
  });

  it('two admin keys revoked at once: one revocation wins, the account keeps an admin key', async () => {
    const acc = await t.newAccount();
    const [first] = (await t.call('GET', '/v1/api-keys', undefined, { key: acc.apiKey })).body;
    const second = (await t.call('POST', '/v1/api-keys', { scope: 'admin' }, { key: acc.apiKey })).body;
    const [a, b] = await Promise.all([
      t.call('DELETE', `/v1/api-keys/${first.id}`, undefined, { key: second.key }),
      t.call('DELETE', `/v1/api-keys/${second.id}`, undefined, { key: acc.apiKey }),
    ]);
    // The loser is refused by the last-admin rule (409), or, when the winner committed before the loser's request
    // was authenticated, because its own key is already revoked (401). Never two revocations.
    const statuses = [a.status, b.status].sort();
    assert.ok(
      [JSON.stringify([204, 409]), JSON.stringify([204, 401])].includes(JSON.stringify(statuses)),
      `statuses ${statuses}`,
    );
    const active = await t.db.database.db
      .selectFrom('api_keys')
      .select('id')
      .where('account_id', '=', acc.accountId)
      .where('scope', '=', 'admin')
      .where('revoked_at', 'is', null)
      .execute();
    assert.equal(active.length, 1);
  });

  it('bill.pt: a read key reads and is refused writes (403, code 245); AT credentials and SMTP need admin', async () => {
    const call = (method: string, path: string, key: string, params: Record<string, unknown> = {}) =>
      t.app.inject({
        method: method as 'GET',
        url: `/billpt/api/1.0/${path}`,
        payload: JSON.stringify({ api_token: key, ...params }),
        headers: { 'content-type': 'application/json' },
      });
    assert.equal((await call('GET', 'contatos', keys.read)).statusCode, 200);
    assert.equal(
      (await call('POST', 'at/estado-configuracao', keys.read)).statusCode,
      200,
      'a read that bill.pt sends as POST',
    );
    const write = await call('POST', 'contatos', keys.read, { nome: 'Cliente' });
    assert.equal(write.statusCode, 403);
    assert.deepEqual(write.json(), { error: ['245'] });
    assert.equal((await call('POST', 'contatos', keys.issue, { nome: 'Cliente' })).statusCode, 200);
    const smtp = await call('POST', 'smtp', keys.issue, { host: 'smtp.example.com' });
    assert.equal(smtp.statusCode, 403);
    assert.equal((await call('GET', 'smtp', keys.issue)).statusCode, 403);
    assert.equal(
      (await call('POST', 'at/configurar', keys.issue, { username: '599999993/1', password: 'x' })).statusCode,
      403,
    );
  });

  it('InvoiceXpress: a read key reads and is refused writes with 403 in its envelope', async () => {
    const call = (method: string, path: string, key: string, body?: unknown) =>
      t.app.inject({
        method: method as 'GET',
        url: `/invoicexpress/${path}?api_key=${key}`,
        payload: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      });
    assert.equal((await call('GET', 'clients.json', keys.read)).statusCode, 200);
    const write = await call('POST', 'clients.json', keys.read, { client: { name: 'Cliente IX', code: 'IX1' } });
    assert.equal(write.statusCode, 403);
    assert.match(write.json().errors[0].error, /^Access denied: .*scope "read"/);
    const created = await call('POST', 'clients.json', keys.issue, { client: { name: 'Cliente IX', code: 'IX1' } });
    assert.equal(created.statusCode, 201);
    assert.equal(
      (await call('POST', `clients/${created.json().client.id}/invoices.json`, keys.read, {})).statusCode,
      200,
      'a list sent as POST',
    );
  });

  it('migration 0014 gives every key that existed before it the admin scope', async () => {
    const { db } = t.db.database;
    await sql`ALTER TABLE api_keys DROP COLUMN scope`.execute(db);
    await db
      .deleteFrom('schema_migrations' as never)
      .where('name' as never, '=', '0014_api_key_scopes.sql' as never)
      .execute();
    const user = await db.selectFrom('users').select(['id', 'account_id']).orderBy('id').executeTakeFirstOrThrow();
    const old = generateApiKey(true);
    await sql`INSERT INTO api_keys (account_id, user_id, name, prefix, key_hash) VALUES (${user.account_id}, ${user.id}, 'old', ${apiKeyPrefix(old)}, ${hashApiKey(old)})`.execute(
      db,
    );
    assert.deepEqual(await migrate(t.db.database), ['0014_api_key_scopes.sql']);
    const scopes = await db.selectFrom('api_keys').select('scope').distinct().execute();
    assert.deepEqual(
      scopes.map((s) => s.scope),
      ['admin'],
    );
  });
});
