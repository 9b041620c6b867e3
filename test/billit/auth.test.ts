import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { grantPartyAccess } from '../../src/app/billit/grant-party-access.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from '../be/belgian-account.js';

// Authentication of the Billit dialect (#17) on PGlite and PostgreSQL: ApiKey or Bearer in any header case,
// PartyID / ContextPartyID delegation, OAuth2 bearer tokens (issue, refresh, revoke, expiry), and the base URL forms
// real clients configure (`/billit`, `/billit/v1`, BILLIT_PORT).
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

let t: TestApp;
let port: number;
let key: string;
let accountId: number;
let orderId: number;
before(async () => {
  port = await freePort();
  t = await startTestApp({ secretKey: 'a'.repeat(64), dialects: { billit: { port } } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const a = await createBelgianAccount(t, 'billit-auth');
  key = a.apiKey;
  accountId = a.accountId;
  const created = await inject('POST', '/billit/v1/orders', { ApiKey: key }, order());
  assert.equal(created.statusCode, 200, created.body);
  orderId = Number(created.body);
  // The own port starts from the main server's onListen hook, which Fastify does not wait for.
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 20));
  }
});
after(async () => {
  await t?.close();
});

const order = () => ({
  OrderType: 'Invoice',
  Customer: { Name: 'Klant BV', VATNumber: 'BE0202239951', City: 'Antwerpen', CountryCode: 'BE' },
  OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Work', VATPercentage: 21 }],
});

function inject(method: string, url: string, headers: Record<string, string>, body?: unknown, form?: string) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...headers,
      ...(body !== undefined
        ? { 'content-type': 'application/json' }
        : form !== undefined
          ? { 'content-type': 'application/x-www-form-urlencoded' }
          : {}),
    },
    payload: body !== undefined ? JSON.stringify(body) : form,
  });
}

test('no key or a bad key → 401 in Billit’s envelope; an unknown route → 404 in it', async () => {
  for (const url of [`/billit/v1/orders/${orderId}`, `/billit/v1/v1/orders/${orderId}`]) {
    const none = await inject('GET', url, {});
    assert.equal(none.statusCode, 401, url);
    assert.equal(none.json().errors[0].Code, 'Unauthorized');
    assert.equal((await inject('GET', url, { apikey: 'ftr_test_nope-nope-nope-nope' })).statusCode, 401);
  }
  const missing = await inject('GET', '/billit/v1/nothing', { ApiKey: key });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().errors[0].Code, 'NotFound');
});

test('ApiKey in any case, or Authorization: Bearer <key>; the base URL with or without /v1', async () => {
  const variants: Record<string, string>[] = [
    { ApiKey: key },
    { apikey: key },
    { APIKEY: key },
    { authorization: `Bearer ${key}` },
  ];
  for (const headers of variants) {
    for (const url of [`/billit/v1/orders/${orderId}`, `/billit/v1/v1/orders/${orderId}`]) {
      const r = await inject('GET', url, headers);
      assert.equal(r.statusCode, 200, `${JSON.stringify(Object.keys(headers))} ${url}: ${r.body}`);
      assert.equal(r.json().OrderID, orderId);
    }
  }
});

test('BILLIT_PORT serves the dialect at the root: /v1/orders and /v1/v1/orders', async () => {
  assert.equal(loadConfig({ BILLIT_PORT: '8083' }).dialects.billit.port, 8083);
  assert.equal(loadConfig({}).dialects.billit.port, undefined);
  for (const path of [`/v1/orders/${orderId}`, `/v1/v1/orders/${orderId}`]) {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { partyid: String(accountId), apikey: key } });
    assert.equal(r.status, 200, path);
    assert.equal(((await r.json()) as { OrderID: number }).OrderID, orderId);
  }
  const created = await fetch(`http://127.0.0.1:${port}/v1/orders`, {
    method: 'POST',
    headers: { ApiKey: key, 'content-type': 'application/json' },
    body: JSON.stringify(order()),
  });
  assert.equal(created.status, 200);
  assert.match(await created.text(), /^\d+$/);
});

test('PartyID / ContextPartyID: own party, a delegated client party, and 401 for a party the key cannot reach', async () => {
  const client = await createBelgianAccount(t, 'billit-client', { legalName: 'Client Company BV' });
  const stranger = await createBelgianAccount(t, 'billit-stranger');
  assert.equal(
    (await inject('GET', `/billit/v1/orders/${orderId}`, { ApiKey: key, PartyID: String(accountId) })).statusCode,
    200,
  );
  for (const h of ['PartyID', 'partyid', 'ContextPartyID']) {
    const refused = await inject('GET', `/billit/v1/orders/${orderId}`, { ApiKey: key, [h]: String(client.accountId) });
    assert.equal(refused.statusCode, 401, `${h}: not delegated yet`);
  }
  assert.equal((await inject('GET', `/billit/v1/orders/${orderId}`, { ApiKey: key, PartyID: 'abc' })).statusCode, 401);
  await t.db.database.db.transaction().execute((tx) => grantPartyAccess(tx, accountId, client.accountId));
  const asClient = { ApiKey: key, PartyID: String(client.accountId), ContextPartyID: String(accountId) };
  const made = await inject('POST', '/billit/v1/orders', asClient, order());
  assert.equal(made.statusCode, 200, made.body);
  const seen = await inject('GET', `/billit/v1/orders/${made.body}`, asClient);
  assert.equal(seen.statusCode, 200);
  assert.equal(seen.json().Supplier.Name, 'Client Company BV', 'issued by the client party');
  assert.equal(seen.json().CompanyID, client.accountId);
  // The accountant's own party does not see the client's order, nor the client its accountant's: 401 as Billit.
  assert.equal((await inject('GET', `/billit/v1/orders/${made.body}`, { ApiKey: key })).statusCode, 401);
  assert.equal((await inject('GET', `/billit/v1/orders/${orderId}`, asClient)).statusCode, 401);
  assert.equal(
    (await inject('GET', `/billit/v1/orders/${orderId}`, { ApiKey: stranger.apiKey, PartyID: String(accountId) }))
      .statusCode,
    401,
  );
});

test('OAuth2: a bearer token for the key (JSON or form), refreshed once, revoked, expired', async () => {
  const issued = await inject(
    'POST',
    '/billit/OAuth2/token',
    {},
    { grant_type: 'client_credentials', client_id: 'erp', client_secret: key },
  );
  assert.equal(issued.statusCode, 200, issued.body);
  const tok = issued.json();
  assert.equal(tok.token_type, 'Bearer');
  assert.equal(tok.expires_in, 3600);
  assert.match(tok.access_token, /^bit_/);
  assert.ok(!issued.body.includes(key), 'the key is never returned');
  const read = await inject('GET', `/billit/v1/orders/${orderId}`, { Authorization: `Bearer ${tok.access_token}` });
  assert.equal(read.statusCode, 200, read.body);

  const form = await inject(
    'POST',
    '/billit/v1/OAuth2/token',
    {},
    undefined,
    `grant_type=authorization_code&code=${encodeURIComponent(key)}&client_id=x&redirect_uri=https%3A%2F%2Fexample.com`,
  );
  assert.equal(form.statusCode, 200, form.body);

  const refreshed = await inject(
    'POST',
    '/billit/OAuth2/token',
    {},
    { grant_type: 'refresh_token', refresh_token: tok.refresh_token },
  );
  assert.equal(refreshed.statusCode, 200, refreshed.body);
  const next = refreshed.json();
  assert.equal(
    (await inject('GET', `/billit/v1/orders/${orderId}`, { authorization: `bearer ${next.access_token}` })).statusCode,
    200,
  );
  const reused = await inject(
    'POST',
    '/billit/OAuth2/token',
    {},
    { grant_type: 'refresh_token', refresh_token: tok.refresh_token },
  );
  assert.equal(reused.statusCode, 400);
  assert.equal(reused.json().errors[0].Code, 'invalid_grant');
  const old = await inject('GET', `/billit/v1/orders/${orderId}`, { Authorization: `Bearer ${tok.access_token}` });
  assert.deepEqual(
    [old.statusCode, old.json().errors[0].Code],
    [401, 'AccessTokenRevoked'],
    'a refresh retires the old pair',
  );

  const revoked = await inject('POST', '/billit/OAuth2/revoke', {}, undefined, `token=${next.access_token}`);
  assert.equal(revoked.statusCode, 200);
  const after = await inject('GET', `/billit/v1/orders/${orderId}`, { Authorization: `Bearer ${next.access_token}` });
  assert.deepEqual([after.statusCode, after.json().errors[0].Code], [401, 'AccessTokenRevoked']);

  const third = (
    await inject('POST', '/billit/OAuth2/token', { ApiKey: key }, { grant_type: 'client_credentials' })
  ).json();
  await t.db.database.db
    .updateTable('billit_tokens')
    .set({ expires_at: '2020-01-01T00:00:00Z' })
    .where('revoked_at', 'is', null)
    .execute();
  const expired = await inject('GET', `/billit/v1/orders/${orderId}`, {
    Authorization: `Bearer ${third.access_token}`,
  });
  assert.deepEqual([expired.statusCode, expired.json().errors[0].Code], [401, 'AccessTokenExpired']);
  const unknown = await inject('GET', `/billit/v1/orders/${orderId}`, {
    Authorization: 'Bearer bit_unknown-token-value',
  });
  assert.deepEqual([unknown.statusCode, unknown.json().errors[0].Code], [401, 'InvalidAccessToken']);

  const badKey = await inject(
    'POST',
    '/billit/OAuth2/token',
    {},
    { grant_type: 'client_credentials', client_secret: 'ftr_test_wrong-key-wrong-key' },
  );
  assert.deepEqual([badKey.statusCode, badKey.json().errors[0].Code], [400, 'invalid_grant']);
  const password = await inject('POST', '/billit/OAuth2/token', {}, { grant_type: 'password' });
  assert.deepEqual([password.statusCode, password.json().errors[0].Code], [400, 'unsupported_grant_type']);
});
