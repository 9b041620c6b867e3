import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  registerSoapServices,
  soapEnvelopeOf,
  type SoapRecord,
  type SoapServiceDef,
} from '../../src/http/kit/soap/index.js';

/**
 * The SOAP transport beside a surface's hooks that read the envelope (credentials in the body): what a hook refuses
 * is the operation's business answer when the service says so (`onRefusal`, HTTP 200), while a malformed message
 * or an unknown operation stays a fault; the answer is in the request's namespace when the service accepts it
 * (`namespaces`); the WSDL route is marked `soapWsdl` so a surface can serve it without credentials.
 */
const NS = 'http://faturador.test/Echo/';
const NS2 = 'http://faturador.test/v2/Echo/';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';

class Refused extends Error {
  statusCode = 401;
}

const echo: SoapServiceDef = {
  paths: ['/API/Echo.asmx'],
  namespace: NS,
  namespaces: [NS2],
  wsdl: readFileSync(new URL('./fixtures/echo.wsdl', import.meta.url), 'utf8'),
  operations: {
    Sum: { handle: () => ({ Response: { Type: 'Success' } }) },
  },
  onRefusal: (err, operation) =>
    err instanceof Refused
      ? { Response: { Type: 'Error', ErrorHumanReadable: `${operation}: ${err.message}` } }
      : undefined,
};

let app: FastifyInstance;
let base: string;
const wsdlRoutes: boolean[] = [];

before(async () => {
  app = Fastify({ logger: false });
  await app.register(
    async (dialect) => {
      // A surface's authentication hook: it reads the token from the envelope, before the operation runs.
      dialect.addHook('preHandler', async (request) => {
        const config = request.routeOptions.config as { soap?: boolean; soapWsdl?: boolean };
        if (config.soapWsdl) {
          wsdlRoutes.push(true);
          return;
        }
        let token: unknown;
        try {
          token = ((soapEnvelopeOf(request).body as SoapRecord).Authentication as SoapRecord | undefined)?.Token;
        } catch {
          token = undefined;
        }
        if (token !== 'secret') throw new Refused('refused');
      });
      await registerSoapServices(dialect, [echo]);
    },
    { prefix: '/vendor' },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/vendor/API/Echo.asmx`;
});
after(() => app.close());

const post = async (body: string) => {
  const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
};
const env = (inner: string) => `<s:Envelope xmlns:s="${S11}"><s:Body>${inner}</s:Body></s:Envelope>`;
const sum = (ns: string, token: string) =>
  env(`<Sum xmlns="${ns}"><Authentication><Token>${token}</Token></Authentication></Sum>`);

test("a hook's refusal is the operation's answer with HTTP 200, in the namespace the request used", async () => {
  const refused = await post(sum(NS2, 'wrong'));
  assert.equal(refused.status, 200);
  assert.ok(refused.text.includes(`<SumResponse xmlns="${NS2}"><Response><Type>Error</Type>`), refused.text);
  assert.match(refused.text, /<ErrorHumanReadable>Sum: refused<\/ErrorHumanReadable>/);
  const ok = await post(sum(NS2, 'secret'));
  assert.ok(ok.text.includes(`<SumResponse xmlns="${NS2}">`), ok.text);
  // A namespace the service does not list is answered in its own.
  const other = await post(sum('urn:other', 'secret'));
  assert.ok(other.text.includes(`<SumResponse xmlns="${NS}">`), other.text);
});

test('a refused request that is malformed or names an unknown operation is a fault, not an answer', async () => {
  const malformed = await post('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Sum>');
  assert.equal(malformed.status, 500);
  assert.match(malformed.text, /not well-formed XML/);
  const unknown = await post(env(`<Nope xmlns="${NS}"/>`));
  assert.equal(unknown.status, 500);
  assert.match(unknown.text, /Unknown operation: Nope/);
});

test('the WSDL is served by a route marked soapWsdl', async () => {
  const res = await fetch(`${base}?wsdl`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<wsdl:definitions/);
  assert.deepEqual(wsdlRoutes, [true]);
});
