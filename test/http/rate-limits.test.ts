import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { setUserPassword } from '../../src/app/accounts/set-user-password.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Every test speaks from its own address, so the per-address counters of one test never meet another's. */
let lastOctet = 10;
const newAddress = () => `10.0.0.${lastOctet++}`;
const randomKey = () => `ftr_test_${randomBytes(40).toString('hex')}`;

describe('rate limits that cannot be dodged', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      rateLimitPerMinute: 5,
      dialects: { billpt: { rateLimitPerMinute: 5 }, invoicexpress: { rateLimitPerMinute: 5 } },
      authFailuresPerMinute: 10,
    });
  });
  after(() => t.close());

  const inject = (
    method: string,
    url: string,
    remoteAddress: string,
    headers: Record<string, string> = {},
    payload?: unknown,
  ) =>
    t.app.inject({
      method: method as 'GET',
      url,
      remoteAddress,
      headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });

  it('AUTH_FAILURES_PER_MINUTE is 30 by default', () => {
    assert.equal(loadConfig({}).authFailuresPerMinute, 30);
    assert.equal(loadConfig({ AUTH_FAILURES_PER_MINUTE: '5' }).authFailuresPerMinute, 5);
  });

  it('native API: `bearer K`, `Bearer  K`, `Bearer\\tK` share the budget of key K, whatever the address', async () => {
    const { apiKey } = await t.newAccount();
    const spellings = [
      `bearer ${apiKey}`,
      `Bearer  ${apiKey}`,
      `Bearer\t${apiKey}`,
      `BEARER ${apiKey}`,
      ` Bearer ${apiKey} `,
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await inject('GET', '/v1/account', newAddress(), { authorization: spellings[i % spellings.length] }))
          .statusCode,
      );
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    const over = await inject('GET', '/v1/account', newAddress(), { authorization: `Bearer ${apiKey}` });
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error.code, 'rate_limited');
    assert.ok(Number(over.headers['retry-after']) > 0);
    const other = await t.newAccount();
    assert.equal(
      (await inject('GET', '/v1/account', newAddress(), { authorization: `Bearer ${other.apiKey}` })).statusCode,
      200,
      'another key has its own budget',
    );
  });

  it('the public download link is limited per address, whatever credentials come with it', async () => {
    const ip = newAddress();
    const variants: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${randomKey()}` },
      { authorization: 'Basic eDp5' },
      { apikey: randomKey() },
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const query = i % 2 ? `?api_key=${randomKey()}&api_token=${randomKey()}` : '';
      statuses.push(
        (await inject('GET', `/download/1/${'a'.repeat(48)}${query}`, ip, variants[i % variants.length])).statusCode,
      );
    }
    assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429, 429]);
    const qrIp = newAddress();
    const qr: number[] = [];
    for (let i = 0; i < 7; i++)
      qr.push(
        (
          await inject('GET', `/download/1/${'a'.repeat(48)}/qr.png?api_key=${randomKey()}`, qrIp, {
            authorization: `Bearer ${randomKey()}`,
          })
        ).statusCode,
      );
    assert.deepEqual(qr, [404, 404, 404, 404, 404, 429, 429], 'the QR link too');
    assert.equal(
      (await inject('GET', `/download/1/${'a'.repeat(48)}`, newAddress())).statusCode,
      404,
      'another address has its own budget',
    );
  });

  it('native API: failed authentications are limited per address, then even a valid key from it waits', async () => {
    const ip = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await inject('GET', '/v1/account', ip, { authorization: `Bearer ${randomKey()}` })).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
    const refused = await inject('GET', '/v1/account', ip, { authorization: `Bearer ${t.account.apiKey}` });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal(
      (await inject('GET', '/v1/account', newAddress(), { authorization: 'Bearer nope' })).statusCode,
      401,
      'other addresses are not affected',
    );
  });

  it('bill.pt: 60 random tokens get 401 until the failure limit, then 429 in bill.pt’s envelope', async () => {
    const ip = newAddress();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 60; i++) {
      last = await inject('GET', '/billpt/api/1.0/tipos-documento', ip, {}, { api_token: randomKey() });
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), ...Array(50).fill(429)]);
    assert.deepEqual(last!.json(), { error: ['429'] });
    assert.ok(Number(last!.headers['retry-after']) > 0);
  });

  it('bill.pt: the limit of a token counts per key, in the body, the query or the header alike', async () => {
    const { apiKey } = await t.newAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await inject('GET', '/billpt/api/1.0/tipos-documento', newAddress(), {}, { api_token: apiKey })).statusCode,
      );
      statuses.push(
        (await inject('GET', `/billpt/api/1.0/tipos-documento?api_token=${apiKey}`, newAddress())).statusCode,
      );
      statuses.push(
        (await inject('GET', '/billpt/api/1.0/tipos-documento', newAddress(), { authorization: `bearer   ${apiKey}` }))
          .statusCode,
      );
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it('bill.pt: wrong passwords at auth/login count as failed authentications of the address', async () => {
    const email = `login-${Date.now()}@example.com`;
    const a = await t.newAccount();
    await t.db.database.db.updateTable('users').set({ email }).where('account_id', '=', a.accountId).execute();
    await t.db.database.db.transaction().execute((tx) => setUserPassword(tx, { email, password: 'right password' }));
    const ip = newAddress();
    const logins: number[] = [];
    for (let i = 0; i < 4; i++)
      logins.push(
        (await inject('POST', '/billpt/api/1.0/auth/login', ip, {}, { email, password: `guess ${i}` })).statusCode,
      );
    assert.deepEqual(logins, [401, 401, 401, 401]);
    const tokens: number[] = [];
    for (let i = 0; i < 8; i++)
      tokens.push(
        (await inject('GET', '/billpt/api/1.0/tipos-documento', ip, {}, { api_token: randomKey() })).statusCode,
      );
    assert.deepEqual(
      tokens,
      [401, 401, 401, 401, 401, 401, 429, 429],
      '4 failed logins + 6 failed tokens reach the limit of 10',
    );
    const right = await inject(
      'POST',
      '/billpt/api/1.0/auth/login',
      newAddress(),
      {},
      { email, password: 'right password' },
    );
    assert.equal(right.statusCode, 200, 'from another address the right password works');
    assert.equal(
      (await inject('POST', '/billpt/api/1.0/auth/login', ip, {}, { email, password: 'right password' })).statusCode,
      429,
    );
  });

  it('InvoiceXpress: random keys get 401 until the failure limit, then 429 in its envelope', async () => {
    const ip = newAddress();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 14; i++) {
      last = await inject('GET', `/invoicexpress/taxes.json?api_key=${randomKey()}`, ip);
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429, 429, 429]);
    assert.match(last!.json().errors[0].error, /Too many requests/);
    assert.ok(Number(last!.headers['retry-after']) > 0);
  });
});
