import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { Decimal } from 'decimal.js';
import * as soap from 'soap';
import { registerSoapServices, type SoapRecord, type SoapServiceDef } from '../../src/http/kit/soap/index.js';

/**
 * The kit's SOAP transport, driven by real clients over HTTP: the `soap` package's client built from the served
 * WSDL (SOAP 1.1 and 1.2), and raw envelopes as other stacks write them (any prefix or none, any order, no
 * SOAPAction), plus what must be a fault: malformed XML, an unknown operation, a DTD (XXE), a NUL byte.
 */
const NS = 'http://faturador.test/Echo/';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';

class NotAllowed extends Error {}

const records = (v: unknown): SoapRecord[] => (Array.isArray(v) ? v : []) as SoapRecord[];

const echo: SoapServiceDef = {
  paths: ['/API/Echo.asmx', '/EchoAlias.asmx'],
  namespace: NS,
  wsdl: readFileSync(new URL('./fixtures/echo.wsdl', import.meta.url), 'utf8'),
  operations: {
    Sum: {
      // Both the wrapper form (`<Lines><Line/><Line/></Lines>`) and one `<Lines>` per line (node-soap's output for
      // `Lines: [{Line}, {Line}]`) arrive as a list of lists.
      arrays: ['Lines', 'Lines.Line'],
      handle(input, call) {
        const auth = (input.Authentication ?? {}) as SoapRecord;
        if (auth.Token === 'boom') throw new Error('internal detail that must not leak');
        if (auth.Token !== 'secret') throw new NotAllowed('Authentication failed');
        const lines = records(input.Lines).flatMap((l) => records(l.Line));
        const total = lines.reduce((sum, l) => sum.plus(String(l.Amount)), new Decimal(0));
        return {
          Response: {
            Type: 'Success',
            Object: {
              Count: lines.length,
              Total: total.toFixed(2),
              Email: auth.Email as string,
              Version: call.version,
              Descriptions: lines.map((l) => l.Description as string).join('|'),
            },
          },
        };
      },
    },
  },
  onError: (err) =>
    err instanceof NotAllowed ? { Response: { Type: 'Error', ErrorHumanReadable: err.message } } : undefined,
};

let app: FastifyInstance;
let base: string;
const url = () => `${base}/vendor/API/Echo.asmx`;

before(async () => {
  app = Fastify({ logger: false });
  await app.register(async (dialect) => registerSoapServices(dialect, [echo]), { prefix: '/vendor' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
after(() => app.close());

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, parseTagValue: false });

async function post(body: string, headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' }) {
  const res = await fetch(url(), { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, doc: xml.parse(text) };
}

const env11 = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${S11}"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

const sumBody = (token = 'secret') =>
  `<Sum xmlns="${NS}"><Authentication><Email>a@b.pt</Email><Token>${token}</Token></Authentication>` +
  `<Lines><Line><Description>x</Description><Amount>1.10</Amount></Line></Lines></Sum>`;

describe('SOAP transport, with the soap package client from the served WSDL', () => {
  test('SOAP 1.1: the client binds to the WSDL, posts to the rewritten address and reads the answer', async () => {
    const client = await soap.createClientAsync(`${url()}?wsdl`);
    const [result] = await client.SumAsync({
      Authentication: { Email: 'a&b@example.pt', Token: 'secret' },
      Lines: {
        Line: [
          { Description: 'A & <B>', Amount: '1.10' },
          { Description: 'C', Amount: '2.25' },
        ],
      },
    });
    assert.equal(result.Response.Type, 'Success');
    assert.equal(result.Response.Object.Count, 2);
    assert.equal(result.Response.Object.Total, '3.35');
    assert.equal(result.Response.Object.Email, 'a&b@example.pt');
    assert.equal(result.Response.Object.Version, '1.1');
    assert.equal(result.Response.Object.Descriptions, 'A & <B>|C');
    assert.match(String(client.lastResponseHeaders?.['content-type'] ?? ''), /^text\/xml/);
  });

  test('SOAP 1.2: the envelope namespace picks the version and the answer comes back in it', async () => {
    const client = await soap.createClientAsync(`${url()}?WSDL`, { forceSoap12Headers: true });
    const [result] = await client.SumAsync({
      Authentication: { Email: 'x@y.pt', Token: 'secret' },
      Lines: { Line: [{ Description: 'one', Amount: '5' }] },
    });
    assert.match(client.lastRequest ?? '', new RegExp(S12.replace(/[/.]/g, '\\$&')));
    assert.equal(result.Response.Object.Version, '1.2');
    assert.equal(result.Response.Object.Total, '5.00');
    assert.match(String(client.lastResponseHeaders?.['content-type'] ?? ''), /^application\/soap\+xml/);
  });

  test('an array of wrappers (one <Lines> per line, as node-soap writes it) is merged', async () => {
    const client = await soap.createClientAsync(`${url()}?wsdl`);
    const [result] = await client.SumAsync({
      Authentication: { Email: 'x@y.pt', Token: 'secret' },
      Lines: [{ Line: { Description: 'a', Amount: '1' } }, { Line: { Description: 'b', Amount: '2' } }],
    });
    assert.equal((client.lastRequest?.match(/<(\w+:)?Lines>/g) ?? []).length, 2);
    assert.equal(result.Response.Object.Count, 2);
    assert.equal(result.Response.Object.Total, '3.00');
  });

  test('a business error is a normal answer (HTTP 200, Type Error), not a fault', async () => {
    const client = await soap.createClientAsync(`${url()}?wsdl`);
    const [result] = await client.SumAsync({ Authentication: { Email: 'x@y.pt', Token: 'wrong' } });
    assert.equal(result.Response.Type, 'Error');
    assert.equal(result.Response.ErrorHumanReadable, 'Authentication failed');
  });

  test('a fault reaches the client as a SOAP fault', async () => {
    const client = await soap.createClientAsync(`${url()}?wsdl`);
    await assert.rejects(client.SumAsync({ Authentication: { Token: 'boom' } }), (err: any) => {
      assert.equal(err.response?.status, 500);
      assert.match(String(err.body), /soap:Server/);
      assert.doesNotMatch(String(err.body), /internal detail/);
      return true;
    });
  });
});

describe('SOAP transport, raw envelopes', () => {
  test('any prefix: an odd envelope prefix and a prefixed operation', async () => {
    const r = await post(
      `<x:Envelope xmlns:x="${S11}"><x:Header/><x:Body><q:Sum xmlns:q="${NS}"><q:Authentication>` +
        `<q:Email>p@q.pt</q:Email><q:Token>secret</q:Token></q:Authentication><q:Lines><q:Line>` +
        `<q:Amount>4.5</q:Amount></q:Line></q:Lines></q:Sum></x:Body></x:Envelope>`,
    );
    assert.equal(r.status, 200);
    assert.equal(r.doc.Envelope.Body.SumResponse.Response.Object.Total, '4.50');
    assert.match(r.text, new RegExp(`<SumResponse xmlns="${NS}"><Response><Type>Success</Type>`));
  });

  test('no prefix anywhere (default namespaces), SOAP 1.2 without an action parameter', async () => {
    const r = await post(
      `<Envelope xmlns="${S12}"><Body><Sum xmlns="${NS}"><Authentication><Email>n@p.pt</Email>` +
        `<Token>secret</Token></Authentication><Lines><Line><Amount>1</Amount></Line>` +
        `<Line><Amount>2</Amount></Line></Lines></Sum></Body></Envelope>`,
      { 'content-type': 'application/soap+xml; charset=utf-8' },
    );
    assert.equal(r.status, 200);
    assert.match(r.type, /^application\/soap\+xml/);
    assert.match(r.text, new RegExp(`<soap:Envelope xmlns:soap="${S12}"`));
    assert.equal(r.doc.Envelope.Body.SumResponse.Response.Object.Count, '2');
    assert.equal(r.doc.Envelope.Body.SumResponse.Response.Object.Version, '1.2');
  });

  test('elements in any order, repeated <Lines> with differing prefixes merged, no SOAPAction', async () => {
    const r = await post(
      env11(
        `<e:Sum xmlns:e="${NS}" xmlns:f="${NS}"><e:Lines><e:Line><e:Amount>1</e:Amount><e:Description>b</e:Description>` +
          `</e:Line></e:Lines><f:Lines><f:Line><f:Description>c</f:Description><f:Amount>2</f:Amount></f:Line>` +
          `</f:Lines><e:Authentication><e:Token>secret</e:Token><e:Email>o@r.pt</e:Email></e:Authentication></e:Sum>`,
      ),
    );
    const obj = r.doc.Envelope.Body.SumResponse.Response.Object;
    assert.equal(r.status, 200);
    assert.equal(obj.Count, '2');
    assert.equal(obj.Total, '3.00');
    assert.equal(obj.Descriptions, 'b|c');
    assert.equal(obj.Email, 'o@r.pt');
    assert.equal(obj.Version, '1.1');
  });

  test('SOAP 1.2 envelope with an action parameter that names another operation still dispatches on the body', async () => {
    const r = await post(`<s:Envelope xmlns:s="${S12}"><s:Body>${sumBody()}</s:Body></s:Envelope>`, {
      'content-type': `application/soap+xml; charset=utf-8; action="${NS}Other"`,
    });
    assert.equal(r.status, 200);
    assert.equal(r.doc.Envelope.Body.SumResponse.Response.Type, 'Success');
  });

  test('the path is matched case-insensitively, and the alias path serves too', async () => {
    for (const path of ['/vendor/api/echo.ASMX', '/vendor/EchoAlias.asmx', '/vendor/ECHOALIAS.asmx/']) {
      const res = await fetch(`${base}${path}`, { method: 'POST', body: env11(sumBody()), headers: {} });
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /Success/);
    }
  });

  test('?wsdl in any letter case serves the WSDL with the address the request came to', async () => {
    for (const q of ['wsdl', 'WSDL', 'Wsdl']) {
      const res = await fetch(`${base}/vendor/api/ECHO.asmx?${q}`);
      assert.equal(res.status, 200, q);
      assert.match(res.headers.get('content-type') ?? '', /^text\/xml/);
      const doc = xml.parse(await res.text());
      const ports = doc.definitions.service.port;
      assert.deepEqual(
        ports.map((p: any) => p.address['@_location']),
        [`${base}/vendor/api/ECHO.asmx`, `${base}/vendor/api/ECHO.asmx`],
      );
      assert.equal(doc.definitions['@_targetNamespace'], NS);
    }
    const viaProxy = await app.inject({ url: '/vendor/API/Echo.asmx?wsdl', headers: { host: 'billing.example.pt' } });
    assert.match(viaProxy.body, /location="http:\/\/billing\.example\.pt\/vendor\/API\/Echo\.asmx"/);
  });

  test('an unknown path under the prefix, or a GET without ?wsdl, is the ordinary 404', async () => {
    assert.equal((await fetch(`${base}/vendor/Nope.asmx?wsdl`)).status, 404);
    assert.equal((await fetch(`${base}/vendor/API/Echo.asmx`)).status, 404);
  });
});

describe('SOAP faults: only for what is not a well-formed call', () => {
  const faultOf = (doc: any) => doc.Envelope.Body.Fault;

  test('malformed XML: SOAP 1.1 answers a Client fault with HTTP 500 (SOAP 1.1 §6.2)', async () => {
    const r = await post(`<soap:Envelope xmlns:soap="${S11}"><soap:Body><Sum></soap:Body>`);
    assert.equal(r.status, 500);
    assert.match(r.type, /^text\/xml/);
    assert.equal(faultOf(r.doc).faultcode, 'soap:Client');
    assert.match(faultOf(r.doc).faultstring, /not well-formed/);
  });

  test('malformed XML sent as SOAP 1.2: a Sender fault with HTTP 400 (SOAP 1.2 Part 2 §7.5.1)', async () => {
    const r = await post('<s:Envelope xmlns:s="', { 'content-type': 'application/soap+xml' });
    assert.equal(r.status, 400);
    assert.match(r.type, /^application\/soap\+xml/);
    assert.equal(faultOf(r.doc).Code.Value, 'soap:Sender');
    assert.match(faultOf(r.doc).Reason.Text['#text'], /not well-formed/);
  });

  test('an unknown operation is a fault in the request version', async () => {
    const r11 = await post(env11(`<Nope xmlns="${NS}"/>`));
    assert.equal(r11.status, 500);
    assert.equal(faultOf(r11.doc).faultcode, 'soap:Client');
    assert.match(faultOf(r11.doc).faultstring, /Unknown operation: Nope/);
    const r12 = await post(`<s:Envelope xmlns:s="${S12}"><s:Body><Nope xmlns="${NS}"/></s:Body></s:Envelope>`);
    assert.equal(r12.status, 400);
    assert.equal(faultOf(r12.doc).Code.Value, 'soap:Sender');
  });

  test('not an envelope, an envelope in another namespace, an empty body', async () => {
    assert.equal(faultOf((await post(sumBody())).doc).faultcode, 'soap:Client');
    const vm = await post(`<e:Envelope xmlns:e="urn:other"><e:Body>${sumBody()}</e:Body></e:Envelope>`);
    assert.equal(faultOf(vm.doc).faultcode, 'soap:VersionMismatch');
    assert.equal(faultOf((await post(env11(''))).doc).faultcode, 'soap:Client');
  });

  test('XXE: a DTD with an external entity is refused, nothing is read from disk', async () => {
    const attack =
      `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
      env11(sumBody('&xxe;')).replace('<?xml version="1.0" encoding="utf-8"?>', '');
    for (const contentType of ['text/xml', 'application/soap+xml']) {
      const r = await post(attack, { 'content-type': contentType });
      assert.equal(r.status, contentType === 'text/xml' ? 500 : 400);
      assert.doesNotMatch(r.text, /root:/);
      assert.match(r.text, /document type declaration/);
    }
  });

  test('entity expansion (billion laughs) is refused the same way', async () => {
    const lol =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      env11(sumBody('&lol2;')).replace('<?xml version="1.0" encoding="utf-8"?>', '');
    const r = await post(lol);
    assert.equal(r.status, 500);
    assert.doesNotMatch(r.text, /lollol/);
  });

  test('a NUL byte is a fault', async () => {
    const r = await post(env11(sumBody('sec\u0000ret')));
    assert.equal(r.status, 500);
    assert.match(faultOf(r.doc).faultstring, /NUL/);
  });
});

describe('SOAP transport inside a dialect-like context', () => {
  let host: FastifyInstance;
  before(async () => {
    host = Fastify({ logger: false });
    await host.register(
      async (dialect) => {
        // What a dialect surface sets up: its own XML parser, JSON error envelope, a refusing hook, a REST route.
        dialect.addContentTypeParser('text/xml', { parseAs: 'string' }, (_r, body, done) => done(null, { xml: body }));
        dialect.setErrorHandler((err, _req, reply) =>
          reply.code((err as { statusCode?: number }).statusCode ?? 500).send({ errors: [(err as Error).message] }),
        );
        dialect.addHook('preHandler', async (req) => {
          if (req.headers['x-refuse'])
            throw Object.assign(new Error('Too many requests, retry in 60 s'), { statusCode: 429 });
          if (req.headers['x-break']) throw new Error('hook bug with internals');
        });
        dialect.post('/rest', async (req) => ({ got: req.body }));
        await registerSoapServices(dialect, [echo]);
      },
      { prefix: '/mf' },
    );
    await host.ready();
  });
  after(() => host.close());

  const soapCall = (headers: Record<string, string> = {}) =>
    host.inject({
      method: 'POST',
      url: '/mf/api/echo.asmx',
      payload: env11(sumBody()),
      headers: { 'content-type': 'text/xml', ...headers },
    });

  test("the SOAP route reads its own body while the dialect's REST routes keep their parsers", async () => {
    const ok = await soapCall();
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /<Type>Success<\/Type>/);
    const rest = await host.inject({
      method: 'POST',
      url: '/mf/rest',
      payload: '<a/>',
      headers: { 'content-type': 'text/xml' },
    });
    assert.deepEqual(rest.json(), { got: { xml: '<a/>' } });
  });

  test("a hook's refusal reaches the SOAP client as a fault (429 kept), a hook's failure as an unexplained one", async () => {
    const refused = await soapCall({ 'x-refuse': '1' });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /<faultcode>soap:Client<\/faultcode><faultstring>Too many requests, retry in 60 s/);
    const broken = await soapCall({ 'x-break': '1' });
    assert.equal(broken.statusCode, 500);
    assert.match(broken.body, /soap:Server/);
    assert.doesNotMatch(broken.body, /internals/);
    const rest = await host.inject({ method: 'POST', url: '/mf/rest', headers: { 'x-refuse': '1' } });
    assert.deepEqual(rest.json(), { errors: ['Too many requests, retry in 60 s'] });
  });
});
