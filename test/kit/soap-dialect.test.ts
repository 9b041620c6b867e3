import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as soap from 'soap';
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { testConfig } from '../support/app.js';
import { assembleApp, type AssembledApp } from '../../src/server/create-app.js';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { authenticateApiKey } from '../../src/app/accounts/authenticate-api-key.js';
import { listDocuments } from '../../src/app/documents/list-documents.js';
import { DomainError } from '../../src/domain/errors.js';
import { defineDialect, type DialectKit } from '../../src/http/kit/define-dialect.js';
import { standaloneServer, type StandaloneServer } from '../../src/http/kit/standalone.js';
import { soap as soapTransport, type SoapRecord, type SoapServiceDef } from '../../src/http/kit/soap/index.js';

/**
 * A SOAP dialect on the kit, as the MagniFinance one will be: `defineDialect` with a `soap(…)` transport whose
 * routes are public (the credentials are in the body), an operation that authenticates `{Email, Token}` with an API
 * key and reads the account's documents on the database under test, business errors as `Type=Error` answers, served
 * on its own port and called by the soap client built from the served WSDL.
 */
class TestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const NS = 'http://faturador.test/Echo/';
const wsdl = readFileSync(new URL('./fixtures/echo.wsdl', import.meta.url), 'utf8');

// The fixture's Sum operation, here answering how many documents the key's account has.
const service = (kit: DialectKit): SoapServiceDef => ({
  paths: ['/API/Echo.asmx'],
  namespace: NS,
  wsdl,
  operations: {
    Sum: {
      async handle(input) {
        const auth = (input.Authentication ?? {}) as SoapRecord;
        const principal = await authenticateApiKey(kit.db, auth.Token as string);
        const page = await kit.tx((tx) => listDocuments(tx, principal.accountId, {}, { page: 1, perPage: 50 }));
        return { Response: { Type: 'Success', Object: { Count: page.total, Email: auth.Email as string } } };
      },
    },
  },
  onError: (err) =>
    err instanceof DomainError && err.code === 'unauthenticated'
      ? { Response: { Type: 'Error', ErrorHumanReadable: err.message } }
      : undefined,
});

const surface = defineDialect<TestError>({
  name: 'soaptest',
  prefix: '/soaptest',
  label: 'SOAP test',
  credential: (request) => request.headers['x-key'] as string | undefined,
  isPublic: (config) => (config as { soap?: boolean }).soap === true,
  scopeFor: () => 'read',
  rateLimitKey: (request) => request.ip,
  refusals: {
    missingCredential: () => new TestError(401, 'no key'),
    badCredential: () => new TestError(401, 'bad key'),
    authLimited: (s) => new TestError(429, `retry in ${s} s`),
    forbidden: (m) => new TestError(403, m),
    badText: () => new TestError(400, 'The request holds text that cannot be stored.'),
  },
  errors: {
    own: (err): err is TestError => err instanceof TestError,
    fromDomain: (err) => new TestError(400, err.message),
    internal: () => new TestError(500, 'internal'),
    notFound: () => new TestError(404, 'not found'),
    send: (reply, _request, err) => reply.code(err.status).send({ error: err.message }),
  },
  body: { json: 'fastify' },
  texts: (request: FastifyRequest) => [request.query, request.body],
  routes: () => {},
  transport: soapTransport<DialectKit>((kit) => [service(kit)]),
});

let db: TestDatabase;
let assembled: AssembledApp;
let own: StandaloneServer;
let base: string;
let apiKey: string;

before(async () => {
  db = await freshDatabase();
  assembled = await assembleApp(testConfig, db.database);
  const account = await db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Empresa SOAP, Lda',
      taxId: '503340855',
      sandbox: true,
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email: `soap-${Date.now()}@example.com` },
    }),
  );
  apiKey = account.apiKey;
  own = await standaloneServer(surface, assembled.services, {
    port: 0,
    host: '127.0.0.1',
    baseUrl: 'http://127.0.0.1',
    rateLimitPerMinute: 1000,
  });
  await own.listen();
  const addr = own.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
after(async () => {
  await own?.close();
  await assembled?.app.close();
  await db?.drop();
});

test('the soap client, from the WSDL the dialect serves, calls an operation that reads the database', async () => {
  const client = await soap.createClientAsync(`${base}/api/echo.asmx?WSDL`);
  const [before] = await client.SumAsync({ Authentication: { Email: 'a@b.pt', Token: apiKey } });
  assert.equal(before.Response.Type, 'Success');
  assert.equal(before.Response.Object.Count, 0);
  const created = await assembled.app.inject({
    method: 'POST',
    url: '/v1/documents',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      type: 'FT',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
    }),
  });
  assert.equal(created.statusCode, 201, created.body);
  const soap12 = await soap.createClientAsync(`${base}/api/echo.asmx?wsdl`, { forceSoap12Headers: true });
  const [after] = await soap12.SumAsync({ Authentication: { Email: 'a@b.pt', Token: apiKey } });
  assert.equal(after.Response.Object.Count, 1);
});

test('a bad token is a business error answer (HTTP 200, Type Error), not a fault nor a 401', async () => {
  const client = await soap.createClientAsync(`${base}/API/Echo.asmx?wsdl`);
  const [result] = await client.SumAsync({ Authentication: { Email: 'a@b.pt', Token: 'fat_nope' } });
  assert.equal(result.Response.Type, 'Error');
  assert.match(result.Response.ErrorHumanReadable, /API key/);
});

test("the kit's text check refuses a NUL as a SOAP fault; REST paths keep the dialect's envelope", async () => {
  const res = await fetch(`${base}/API/Echo.asmx`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body:
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Sum xmlns="${NS}">` +
      `<Authentication><Token>a\u0000b</Token></Authentication></Sum></soap:Body></soap:Envelope>`,
  });
  assert.equal(res.status, 500);
  // The kit's hook refused it (its message), before the transport read the envelope.
  assert.match(await res.text(), /<faultcode>soap:Client<\/faultcode><faultstring>The request holds text that cannot/);
  const notFound = await fetch(`${base}/nothing/here`, { method: 'POST' });
  assert.equal(notFound.status, 404);
  assert.deepEqual(await notFound.json(), { error: 'not found' });
});
