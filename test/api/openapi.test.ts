import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { startTestApp, type TestApp } from '../support/app.js';
import { runScenario } from './openapi-scenario.js';
import { BILLIT_SUMMARIES } from '../../src/dialects/billit/openapi.js';

type Json = Record<string, any>;
// CommonJS modules: their class and function are the default export's `default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ??
  Ajv2020Module) as unknown as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as typeof addFormatsModule.default;

/** Every object that lists its properties and says nothing about others is made closed: an undeclared field fails. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  if (out.properties && typeof out.properties === 'object' && !('additionalProperties' in out))
    out.additionalProperties = false;
  return out;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function operationOf(doc: Json, method: string, url: string): { template: string; op: Json } | undefined {
  const path = url.split('?')[0];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const re = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
    if (re.test(path) && item[method.toLowerCase()]) return { template, op: item[method.toLowerCase()] };
  }
  return undefined;
}

describe('the native API’s OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  before(async () => {
    t = await startTestApp({ corsOrigins: ['https://app.example.com'] });
    doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  after(async () => {
    await t.close();
  });

  test('every operation has an operationId, a summary, tags, its success answer and the error envelope for its 4xx', () => {
    let count = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        count += 1;
        const where = `${method.toUpperCase()} ${path}`;
        assert.ok(op.operationId && op.summary && op.tags?.length, where);
        const statuses = Object.keys(op.responses);
        assert.ok(
          statuses.some((s) => /^2\d\d$/.test(s)),
          `${where}: a 2xx`,
        );
        assert.ok(!statuses.includes('200') || op.responses['200'].description !== 'Default Response', where);
        assert.ok(statuses.includes('429'), `${where}: 429`);
        for (const s of statuses.filter((x) => /^4\d\d$/.test(x))) {
          assert.match(op.responses[s].$ref, /^#\/components\/responses\//, `${where} ${s}`);
        }
        if (op.responses['201']) assert.ok(op.responses['201'].headers?.Location, `${where}: Location`);
      }
    }
    assert.ok(count > 100, `${count} operations`);
    const schemas = doc.components.schemas;
    for (const name of ['Document', 'Line', 'Contact', 'Item', 'Error', 'Pagination']) assert.ok(schemas[name], name);
    assert.equal(
      doc.paths['/v1/documents'].post.responses['201'].content['application/json'].schema.$ref,
      '#/components/schemas/Document',
    );
    assert.equal(
      doc.components.responses.Invalid.content['application/json'].schema.$ref,
      '#/components/schemas/Error',
    );
  });

  test('the request examples work as written: none is refused as invalid', async () => {
    const fresh = await t.newAccount();
    let tried = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        const example = op.requestBody?.content?.['application/json']?.example;
        if (example === undefined) continue;
        tried += 1;
        // Paths with an id point at a record that does not exist: the body still validates first (404, never 422).
        const url = path
          .replace('{language}', 'en')
          .replace('{docType}', 'FT')
          .replace(/\{\w+\}/g, '999999');
        const r = await t.call(method.toUpperCase(), url, example, { key: fresh.apiKey });
        // The schema accepts it (a rule of the data may still refuse it: converting the invoice the first example made).
        const refused =
          r.status === 400 || (r.status === 422 && r.body.error.message === 'The request has invalid fields.');
        assert.ok(!refused && r.status < 500, `${method.toUpperCase()} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        // Without an id in the path, an example succeeds, or names a record of another account (receipts, conversions).
        if (!/\{\w+\}/.test(path.replace('{language}', '').replace('{docType}', '')))
          assert.ok(
            r.status < 300 || [404, 409, 422].includes(r.status),
            `${method.toUpperCase()} ${path}: ${r.status}`,
          );
      }
    }
    assert.ok(tried >= 25, `${tried} examples`);
  });

  test('every answer of a scenario over all operations matches its documented schema, with no undeclared field', async () => {
    const exchanges = await runScenario((extra) => startTestApp(extra as never));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(closed(doc) as Json, 'openapi');
    const seen = new Set<string>();
    const mismatches: string[] = [];
    for (const e of exchanges) {
      const found = operationOf(doc, e.method, e.url);
      assert.ok(found, `${e.method} ${e.url} is documented`);
      seen.add(`${e.method.toLowerCase()} ${found.template}`);
      const where = `${e.method} ${e.url} → ${e.status}`;
      let response = found.op.responses[String(e.status)];
      assert.ok(response, `${where}: status documented (${Object.keys(found.op.responses)})`);
      if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop()];
      if (e.status === 201) assert.match(String(e.headers.location), /^\/v1\/[\w-]+\/\d+$/, `${where}: Location`);
      const media = response.content?.['application/json'];
      if (!media || typeof e.body !== 'object' || e.body === null) {
        assert.ok(e.status === 204 ? !response.content : true, where);
        continue;
      }
      const base = response.$ref
        ? ['components', 'responses']
        : ['paths', found.template, e.method.toLowerCase(), 'responses', String(e.status)];
      const ref = `openapi#/${pointer(...base, 'content', 'application/json', 'schema')}`;
      const validate = ajv.compile({ $ref: ref });
      if (!validate(e.body)) mismatches.push(`${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    assert.deepEqual(mismatches, [], 'every answer matches its schema');
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of Object.keys(item))
        if (!seen.has(`${method} ${path}`)) missing.push(`${method.toUpperCase()} ${path}`);
    }
    assert.deepEqual(missing, [], 'every operation is exercised');
  });
});

describe('unknown fields, Location and CORS', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ corsOrigins: ['https://app.example.com'] });
  });
  after(async () => {
    await t.close();
  });
  const line = { description: 'Consultoria', quantity: '1', unitPrice: '100.00', taxName: 'IVA23' };

  test('an unknown field is refused with 422 naming it, at any depth, and nothing is written', async () => {
    const typo = await t.call('POST', '/v1/documents', { type: 'FT', finalise: true, lines: [line] });
    assert.equal(typo.status, 422);
    assert.deepEqual(typo.body.error.details, [{ field: 'finalise', issue: 'unknown', message: 'unknown field' }]);
    const inLine = await t.call('POST', '/v1/documents', { type: 'FT', lines: [{ ...line, discont: '10' }] });
    assert.equal(inLine.status, 422);
    assert.deepEqual(
      inLine.body.error.details.map((d: Json) => [d.field, d.message]),
      [['lines[0].discont', 'unknown field']],
    );
    const inCustomer = await t.call('POST', '/v1/documents', {
      type: 'FT',
      customer: { name: 'X', nif: '123456789' },
      lines: [line],
    });
    assert.equal(inCustomer.status, 422);
    assert.ok(
      inCustomer.body.error.details.some((d: Json) => d.field === 'customer.nif' && d.issue === 'unknown'),
      JSON.stringify(inCustomer.body),
    );
    const contact = await t.call('POST', '/v1/contacts', { name: 'Y', nif: '123456789' });
    assert.equal(contact.status, 422);
    assert.equal(contact.body.error.details[0].field, 'nif');
    const listed = await t.call('GET', '/v1/documents');
    assert.equal(listed.body.pagination.total, 0);
    const contacts = await t.call('GET', '/v1/contacts?q=Y');
    assert.equal(contacts.body.data.length, 0);
  });

  test('a 201 carries the Location of the created record', async () => {
    const doc = await t.call('POST', '/v1/documents', { type: 'FT', lines: [line] });
    assert.equal(doc.status, 201);
    assert.equal(doc.headers.location, `/v1/documents/${doc.body.id}`);
    assert.equal((await t.call('GET', String(doc.headers.location))).body.id, doc.body.id);
    const contact = await t.call('POST', '/v1/contacts', { name: 'Cliente' });
    assert.equal(contact.headers.location, `/v1/contacts/${contact.body.id}`);
    const note = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines: [line] });
    const nc = await t.call('POST', `/v1/documents/${note.body.id}/credit-notes`, {});
    assert.equal(nc.headers.location, `/v1/documents/${nc.body.id}`);
  });

  test('CORS answers the configured origins only', async () => {
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/documents',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example.com');
    const get = await t.call('GET', '/v1/account', undefined, { headers: { origin: 'https://app.example.com' } });
    assert.equal(get.headers['access-control-allow-origin'], 'https://app.example.com');
    const other = await t.call('GET', '/v1/account', undefined, { headers: { origin: 'https://evil.example.com' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('without CORS_ORIGINS no CORS header is sent', async () => {
    const plain = await startTestApp();
    try {
      const r = await plain.call('GET', '/v1/account', undefined, { headers: { origin: 'https://app.example.com' } });
      assert.equal(r.status, 200);
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    } finally {
      await plain.close();
    }
  });
});

describe('the dialects’ OpenAPI documents', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('bill.pt and InvoiceXpress describe every route they answer, each with a docs page', async () => {
    for (const [prefix, path, method] of [
      ['/billpt', '/api/1.0/documentos', 'post'],
      ['/invoicexpress', '/invoices.json', 'get'],
    ] as const) {
      const r = await t.app.inject({ method: 'GET', url: `${prefix}/openapi.json` });
      assert.equal(r.statusCode, 200);
      const d = r.json();
      assert.equal(d.openapi, '3.1.0');
      assert.ok(d.paths[path]?.[method]?.operationId, `${prefix}${path}`);
      assert.ok(Object.keys(d.paths).length > 20);
      const page = await t.app.inject({ method: 'GET', url: `${prefix}/docs` });
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, new RegExp(`${prefix}/openapi.json`));
    }
    const ix = (await t.app.inject({ method: 'GET', url: '/invoicexpress/openapi.json' })).json();
    assert.ok(ix.paths['/invoices.xml'], 'XML routes too');
    assert.ok(ix.paths['/clients/{id}.json'].get.responses['404']);
  });

  test('Billit describes each of its routes once, with its summary, headers and error envelope', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/billit/openapi.json' });
    assert.equal(r.statusCode, 200);
    const d = r.json();
    assert.equal(d.openapi, '3.1.0');
    const ops = Object.entries(d.paths as Record<string, Json>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op: op as Json })),
    );
    // Every operation has its own line, and every line is an operation: a new route without a summary fails here.
    assert.deepEqual(ops.map((o) => o.key).sort(), Object.keys(BILLIT_SUMMARIES).sort());
    for (const { key, op } of ops) assert.equal(op.summary, BILLIT_SUMMARIES[key], key);
    assert.equal(ops.length, 43, 'the 45 Billit routes less the two …/{id}/refreshsecret spellings');
    assert.ok(!Object.keys(d.paths).some((p) => p.startsWith('/v1/v1/')), 'the /v1/v1 mount is described once');
    assert.deepEqual(Object.keys(d.components.securitySchemes).sort(), ['ApiKey', 'bearer']);
    assert.equal(d.components.securitySchemes.ApiKey.in, 'header');
    assert.equal(d.components.securitySchemes.ApiKey.name, 'ApiKey');
    assert.equal(d.components.parameters.PartyID.in, 'header');
    assert.deepEqual(d.components.schemas.Error.required, ['errors']);
    const get = d.paths['/v1/orders/{id}'].get;
    assert.ok(get.parameters.some((p: Json) => p.$ref === '#/components/parameters/PartyID'));
    assert.equal(get.responses['401'].$ref, '#/components/responses/Error401');
    assert.ok(get.responses['404']);
    // The routes Billit answers without a key say so, and take no PartyID.
    for (const [path, method] of [
      ['/OAuth2/token', 'post'],
      ['/v1/peppol/participantInformation/{id}', 'get'],
    ]) {
      const op = d.paths[path][method];
      assert.deepEqual(op.security, [], path);
      assert.equal(op.responses['401'], undefined, path);
      assert.ok(!(op.parameters ?? []).some((p: Json) => p.$ref), path);
    }
    // The spellings named in a summary but not listed as paths answer (401 without a key, not 404).
    for (const url of ['/billit/v1/webhooks/1/refreshsecret', '/billit/v1/webhook/1/refreshsecret']) {
      assert.equal((await t.app.inject({ method: 'POST', url })).statusCode, 401, url);
    }
    const page = await t.app.inject({ method: 'GET', url: '/billit/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /\/billit\/openapi\.json/);
  });
});
