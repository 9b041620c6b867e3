import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretBox } from '../../src/integrations/secrets/secret-box.js';
import { startTestApp } from '../support/app.js';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { startAtEnv, TEST_SECRET_KEY, type AtEnv } from './at-env.js';

describe('AT settings, credentials at rest and the connection test', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  before(async () => {
    env = await startAtEnv();
  });
  after(async () => {
    await env?.close();
  });

  test('defaults: test environment, no credentials, switches off, installation ready for the fake AT', async () => {
    const a = await env.t.newAccount({ sandbox: false, taxId: '509015077' });
    const r = await env.t.call('GET', '/v1/at/settings', undefined, { key: a.apiKey });
    assert.equal(r.status, 200);
    assert.deepEqual(
      { ...r.body, updatedAt: undefined, installation: undefined },
      {
        environment: 'test',
        username: null,
        passwordSet: false,
        transportEnabled: false,
        invoicesEnabled: false,
        updatedAt: undefined,
        installation: undefined,
      },
    );
    assert.equal(r.body.installation.notReadyReason, null);
    assert.equal(r.body.installation.secretStorageReason, null);
    assert.equal(r.body.installation.endpoints.series, env.fake.endpoints.series);
  });

  test('the password is stored sealed (AES-256-GCM), never returned, and bound to its account', async () => {
    const a = await env.account({ transport: true });
    const r = await a.call('GET', '/v1/at/settings');
    assert.equal(r.body.username, a.username);
    assert.equal(r.body.passwordSet, true);
    assert.equal(r.body.transportEnabled, true);
    assert.ok(!('password' in r.body));
    assert.ok(!JSON.stringify(r.body).includes(a.password));

    const raw = await env.t.db.database.db
      .selectFrom('at_settings')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .executeTakeFirstOrThrow();
    assert.ok(raw.password_sealed);
    assert.ok(!raw.password_sealed.includes(a.password), 'the raw column is not the password');
    assert.ok(
      !Buffer.from(raw.password_sealed.split(':')[2], 'base64url').toString('latin1').includes(a.password),
      'nor its bytes',
    );
    assert.match(raw.password_sealed, /^v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    const box = createSecretBox({ secretKey: TEST_SECRET_KEY, embedded: false });
    assert.equal(box.open(raw.password_sealed, `at-password:${a.accountId}`), a.password);
    assert.throws(() => box.open(raw.password_sealed!, `at-password:${a.accountId + 1}`), 'sealed for another account');
    const other = createSecretBox({ secretKey: 'ab'.repeat(32), embedded: false });
    assert.throws(() => other.open(raw.password_sealed!, `at-password:${a.accountId}`), /another key/);
  });

  test('bad settings bodies are 422, never 5xx', async () => {
    const a = await env.account();
    const bad: [unknown, string][] = [
      [{ environment: 'staging' }, 'environment'],
      [{ username: 'abc', password: 'x' }, 'username'],
      [{ username: '503340855/1', password: 'x' }, 'username'],
      [{ password: '' }, 'password'],
      [{ transportEnabled: 'maybe' }, 'transportEnabled'],
      [{ username: `${a.nif}/2` }, 'password'],
      [[], 'body'],
    ];
    for (const [body, field] of bad) {
      const r = await a.call('PUT', '/v1/at/settings', body);
      assert.equal(r.status, 422, JSON.stringify({ body, got: r.body }));
      assert.equal(r.body.error.code, 'validation');
      assert.ok(
        r.body.error.details.some((d: { field: string }) => d.field.includes(field)),
        JSON.stringify(r.body.error.details),
      );
    }
    const noCreds = await env.t.newAccount({ sandbox: false, taxId: '509013708' });
    const on = await env.t.call('PUT', '/v1/at/settings', { transportEnabled: true }, { key: noCreds.apiKey });
    assert.equal(on.status, 422);
    assert.equal(on.body.error.details[0].field, 'transportEnabled');
    const sandbox = await env.account({ sandbox: true });
    const prod = await sandbox.call('PUT', '/v1/at/settings', { environment: 'production' });
    assert.equal(prod.status, 422);
    assert.equal(prod.body.error.details[0].field, 'environment');
    const empty = await env.t.app.inject({
      method: 'PUT',
      url: '/v1/at/settings',
      headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
      payload: '{"environment":',
    });
    assert.equal(empty.statusCode, 422);
  });

  test('removing the password switches automatic communication off', async () => {
    const a = await env.account({ transport: true, invoices: true });
    const r = await a.call('PUT', '/v1/at/settings', { password: null });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.passwordSet, false);
    assert.equal(r.body.transportEnabled, false);
    assert.equal(r.body.invoicesEnabled, false);
  });

  test('connection test: success, wrong password, AT down, not configured; each attempt is logged without secrets', async () => {
    const a = await env.account();
    const ok = await a.call('POST', '/v1/at/test-connection');
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.ok, true);
    assert.equal(ok.body.code, '2002');
    assert.equal(ok.body.environment, 'test');
    const seen = env.fake.requestsFor('consultarSeries').at(-1)!;
    assert.equal(seen.username, a.username);
    assert.equal(seen.authCode, 0);

    await a.call('PUT', '/v1/at/settings', { password: 'errada' });
    const wrong = await a.call('POST', '/v1/at/test-connection');
    assert.equal(wrong.status, 200);
    assert.equal(wrong.body.ok, false);
    assert.equal(wrong.body.code, '99');
    assert.equal(wrong.body.retryable, false);
    assert.match(wrong.body.message, /senha/i);

    await a.call('PUT', '/v1/at/settings', { password: a.password });
    env.fake.failNext('http503');
    const down = await a.call('POST', '/v1/at/test-connection');
    assert.equal(down.body.ok, false);
    assert.equal(down.body.code, 'http:503');
    assert.equal(down.body.retryable, true);

    env.fake.failNext('timeout');
    const slow = await a.call('POST', '/v1/at/test-connection');
    assert.equal(slow.body.ok, false);
    assert.equal(slow.body.code, 'timeout');

    const none = await env.t.newAccount({ sandbox: false, taxId: '509012337' });
    const nc = await env.t.call('POST', '/v1/at/test-connection', undefined, { key: none.apiKey });
    assert.equal(nc.status, 409);
    assert.equal(nc.body.error.code, 'at_not_configured');

    const log = await a.call('GET', '/v1/at/communications?operation=consultarSeries');
    assert.equal(log.status, 200);
    assert.deepEqual(
      log.body.data.map((e: { status: string; returnCode: string }) => [e.status, e.returnCode]),
      [
        ['retryable', 'timeout'],
        ['retryable', 'http:503'],
        ['permanent', '99'],
        ['success', '2002'],
      ],
    );
    const text = JSON.stringify(log.body);
    assert.ok(!text.includes(a.password) && !text.includes('errada'), 'no password in the log');
    const bad = await a.call('GET', '/v1/at/communications?status=weird');
    assert.equal(bad.status, 422);
  });
});

describe('AT settings without a secret key or AT public key', () => {
  test('credentials are refused with a clear 409; the installation says what is missing', async () => {
    const t = await startTestApp({ at: { endpoints: { test: { series: 'http://127.0.0.1:9/SeriesWSService' } } } });
    try {
      const a = await t.newAccount({ sandbox: false, taxId: '509010962' });
      const s = await t.call('GET', '/v1/at/settings', undefined, { key: a.apiKey });
      assert.match(s.body.installation.secretStorageReason, /FATURADOR_SECRET_KEY/);
      assert.match(s.body.installation.notReadyReason, /AT public key/);
      const r = await t.call(
        'PUT',
        '/v1/at/settings',
        { username: '509010962/1', password: 'segredo' },
        { key: a.apiKey },
      );
      assert.equal(r.status, 409, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'secret_key_not_configured');
      const none = await t.db.database.db
        .selectFrom('at_settings')
        .selectAll()
        .where('account_id', '=', a.accountId)
        .executeTakeFirst();
      assert.equal(none, undefined, 'nothing stored');
      const env = await t.call('PUT', '/v1/at/settings', { environment: 'production' }, { key: a.apiKey });
      assert.equal(env.status, 200, 'settings without credentials need no key');
    } finally {
      await t.close();
    }
  });
});
