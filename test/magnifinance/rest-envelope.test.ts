import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createApiKey } from '../../src/app/accounts/create-api-key.js';
import { createServer } from 'node:net';
import { startTestApp, type TestApp } from '../support/app.js';

// The MagniFinance REST twin's envelope and authentication (#18), on PGlite and PostgreSQL: headers `email` and
// `token` in any case, 401 for a bad pair, 404 for an unknown route, 400 for a body that is not JSON or holds a NUL,
// paths and parameter names without case, the API 2.0 mount `/api/v1`, key scopes and the per-key rate limit.
// TaxIdValidation is the probe.
const LIMIT = 25;
let t: TestApp;
let email: string;
let token: string;
let accountId: number;
let port: number;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

before(async () => {
  port = await freePort();
  t = await startTestApp({
    secretKey: 'd'.repeat(64),
    dialects: { magnifinance: { rateLimitPerMinute: LIMIT, port } },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  email = `mf-rest-envelope-${Date.now()}@example.com`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Empresa Envelope, Lda',
      taxId: '503340855',
      owner: { email },
    }),
  );
  token = a.apiKey;
  accountId = a.accountId;
});

const newKey = (scope: string) =>
  t.db.database.db.transaction().execute(async (tx) => (await createApiKey(tx, accountId, { scope })).key);
after(async () => {
  await t?.close();
});

async function rest(
  method: string,
  url: string,
  headers: Record<string, string> = { email, token },
  payload?: string,
  contentType = 'application/json',
) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...(payload !== undefined ? { 'content-type': contentType } : {}) },
    payload,
  });
  let body: any;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, body, text: res.body, type: String(res.headers['content-type']) };
}

function assertError(a: Awaited<ReturnType<typeof rest>>, status: number, value: number, name: string) {
  assert.equal(a.status, status, a.text);
  assert.match(a.type, /application\/json/);
  assert.match(a.body.RequestId, /^[0-9a-f-]{36}$/);
  assert.equal(a.body.Type, 1);
  assert.equal(a.body.IsSuccess, false);
  assert.equal(a.body.IsError, true);
  assert.equal(a.body.Object, null);
  assert.deepEqual(a.body.ErrorValue, { Value: value, Name: name });
  assert.equal(typeof a.body.ErrorHumanReadable, 'string');
  assert.ok(Array.isArray(a.body.ValidationErrors));
}

const VALIDATE = '/magnifinance/api/v1.1/taxIdValidation?taxId=503340855&countryCode=PT';

test('a valid tax id: Type 0, IsSuccess, the envelope whole; headers, paths and parameters in any case', async () => {
  for (const [url, headers] of [
    [VALIDATE, { email, token }],
    [
      '/magnifinance/api/v1.1/TAXIDVALIDATION?TaxId=503340855&CountryCode=pt',
      { Email: email.toUpperCase(), TOKEN: token },
    ],
    ['/magnifinance/api/v1/taxidvalidation/?taxid=503340855', { email, token }],
  ] as const) {
    const ok = await rest('GET', url, headers);
    assert.equal(ok.status, 200, `${url}: ${ok.text}`);
    assert.match(ok.body.RequestId, /^[0-9a-f-]{36}$/);
    assert.equal(ok.body.Type, 0);
    assert.equal(ok.body.IsSuccess, true);
    assert.equal(ok.body.IsError, false);
    assert.equal(ok.body.ErrorValue, null);
    assert.deepEqual(ok.body.ValidationErrors, []);
    assert.equal(ok.body.Object.TaxId, '503340855');
  }
});

test('a business error is 400 with ValidationErrors naming the field', async () => {
  const bad = await rest('GET', '/magnifinance/api/v1.1/taxIdValidation?taxId=503340856&countryCode=PT');
  assertError(bad, 400, 4, 'InvalidTaxId');
  assert.equal(bad.body.ValidationErrors[0].Field, 'TaxId');
});

test('authentication: none, a bad token, or another e-mail → 401 AuthenticationError in the envelope', async () => {
  assertError(await rest('GET', VALIDATE, {}), 401, 1, 'AuthenticationError');
  assertError(
    await rest('GET', VALIDATE, { email, token: 'ftr_test_nope-nope-nope-nope' }),
    401,
    1,
    'AuthenticationError',
  );
  assertError(await rest('GET', VALIDATE, { email: 'someone@example.com', token }), 401, 1, 'AuthenticationError');
  assertError(await rest('GET', VALIDATE, { token }), 401, 1, 'AuthenticationError');
});

test('an unknown route or method is 404 in the envelope; a body that is not JSON, or holds a NUL, is 400', async () => {
  assertError(await rest('GET', '/magnifinance/api/v1.1/nothing'), 404, 6, 'ElementDoesNotExist');
  assertError(await rest('DELETE', '/magnifinance/api/v1.1/document?documentId=1'), 404, 6, 'ElementDoesNotExist');
  assertError(
    await rest('POST', '/magnifinance/api/v1.1/document', undefined, '{"IsToClose": tru'),
    400,
    2,
    'ValidationError',
  );
  assertError(
    await rest(
      'POST',
      '/magnifinance/api/v1.1/document',
      undefined,
      '{"IsToClose": true',
      'application/x-www-form-urlencoded',
    ),
    400,
    2,
    'ValidationError',
  );
  assertError(
    await rest('POST', '/magnifinance/api/v1.1/document', undefined, '{"SendTo": "a\\u0000b"}'),
    400,
    2,
    'ValidationError',
  );
  assertError(await rest('GET', `${VALIDATE}&x=%00`), 400, 2, 'ValidationError');
});

test('a read key reads but does not issue: 01 in the envelope, nothing written', async () => {
  const read = await newKey('read');
  const ok = await rest('GET', VALIDATE, { email, token: read });
  assert.equal(ok.status, 200, ok.text);
  const refused = await rest('POST', '/magnifinance/api/v1.1/document', { email, token: read }, '{"Document": {}}');
  assertError(refused, 401, 1, 'AuthenticationError');
  assert.match(refused.body.ErrorHumanReadable, /scope/);
});

test('past the rate limit of its key: 429 in the envelope; other keys go on', async () => {
  const busy = await newKey('read');
  for (let i = 0; i < LIMIT; i++) assert.equal((await rest('GET', VALIDATE, { email, token: busy })).status, 200);
  const limited = await rest('GET', VALIDATE, { email, token: busy });
  assert.equal(limited.status, 429, limited.text);
  assert.equal(limited.body.IsError, true);
  assert.equal(limited.body.Type, 1);
  assert.equal((await rest('GET', VALIDATE, { email, token: await newKey('read') })).status, 200);
});

test('MAGNIFINANCE_PORT serves the REST twin at its root: `http://host:port/api/v1.1/…`', async () => {
  const url = `http://127.0.0.1:${port}/api/v1.1/taxIdValidation?taxId=503340855&countryCode=PT`;
  let res: Response | undefined;
  // The own port starts from the main server's onListen hook, which Fastify does not wait for.
  for (let i = 0; i < 100 && !res; i++) {
    res = await fetch(url, { headers: { email, token } }).catch(() => undefined);
    if (!res) await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(res?.status, 200);
  const body = (await res!.json()) as { IsSuccess: boolean; Object: { TaxId: string } };
  assert.equal(body.IsSuccess, true);
  assert.equal(body.Object.TaxId, '503340855');
});
