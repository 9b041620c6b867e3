import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestApp, type TestAccount, type TestApp } from '../support/app.js';
import { TEST_SECRET_KEY } from '../email/email-env.js';
import { auditIssuing, histogram } from './ledger.js';
import {
  NON_DIGIT_IDS, encodeRaw, fieldPaths, hostileId, hostileString, hostileValue, rawBodies, rawQueryValues, routesOf, sampleOf,
  setAt, toXml, valuePaths, type Json,
} from './fuzz-inputs.js';

// A fuzz pass over every operation of the native OpenAPI (read from GET /openapi.json) and every route of the
// bill.pt and InvoiceXpress dialects (read from the Fastify instance): plausible requests with one hostile part
// (a field, a query parameter, a path id, the raw body or its content type). The promise under test: no input gives
// a 5xx, the server stays healthy, and what it issued still verifies. FIXED seed and count: a failure reproduces.
const SEED = 20261206;
// Requests per operation: InvoiceXpress serves every route twice (.json and .xml), so each of its routes gets fewer.
const PER_OPERATION = { native: 5, billpt: 3, invoicexpress: 2, download: 3 } as const;
const REQUEST_TIMEOUT_MS = 15_000;
// The AT webservices and SMTP point at a closed loopback port: a fuzzed request never leaves the machine.
const NOWHERE = 'http://127.0.0.1:1';

let t: TestApp;
let fuzz: TestAccount;
before(async () => {
  const endpoints = { series: `${NOWHERE}/series`, transport: `${NOWHERE}/transport`, invoices: `${NOWHERE}/invoices` };
  t = await startTestApp({
    secretKey: TEST_SECRET_KEY, billptRateLimitPerMinute: 1_000_000, invoicexpressRateLimitPerMinute: 1_000_000,
    at: { endpoints: { test: endpoints, production: endpoints }, timeoutMs: 300 },
    smtp: { host: '127.0.0.1', port: 1, secure: false, from: 'fuzz@example.com', timeoutMs: 300, maxAttempts: 1 },
    webhooks: { timeoutMs: 300, maxAttempts: 1 },
  });
  // The fuzzed account is not the first one: ids like `%201` or `0x1`, if read as 1, would name another tenant's rows.
  fuzz = await t.newAccount();
});
after(async () => { await t?.close(); });

interface Op { method: string; path: string; source: 'native' | 'billpt' | 'invoicexpress' | 'download'; body?: Json; fields: (string | number)[][]; query: string[] }
type Schema = Record<string, any>;

const call = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key: fuzz.apiKey });

/** The ids of the rows a collection lists (the first array in its answer). */
function idsIn(body: unknown): number[] {
  const arrays: unknown[][] = [];
  const walk = (v: unknown, depth: number) => {
    if (Array.isArray(v)) arrays.push(v);
    else if (v && typeof v === 'object' && depth < 2) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(body, 0);
  return (arrays[0] ?? []).map((x) => (x as { id?: unknown })?.id).filter((id): id is number => typeof id === 'number').slice(0, 3);
}

// Which native collection holds the rows a dialect's path id names.
const DIALECT_COLLECTIONS: Record<string, string> = {
  contatos: '/v1/contacts', clients: '/v1/contacts', items: '/v1/items', series: '/v1/series', sequences: '/v1/series',
  lojas: '/v1/stores', impostos: '/v1/taxes', taxes: '/v1/taxes', 'unidades-medida': '/v1/units', viaturas: '/v1/vehicles',
  categorias: '/v1/item-categories', tipos: '/v1/contact-types', estados: '/v1/document-states', 'metodos-expedicao': '/v1/shipping-methods',
};

function ixBody(path: string): Json {
  const tail = path.replace(/^\/invoicexpress\//, '').replace(/\.(json|xml)$/, '');
  const [resource] = tail.split('/');
  const root = resource.replace(/s$/, '').replace(/^invoice_receipt$/, 'invoice_receipt');
  if (tail.endsWith('change-state')) return { [root]: { state: 'finalized', message: 'fuzz' } };
  if (/email-(document|invoice)$/.test(tail)) return { message: { client: { email: 'a@example.com', save: '0' }, subject: 'x', body: 'x' } };
  if (tail.endsWith('partial_payments')) return { partial_payment: { amount: '1', payment_mechanism: 'MB', paid_date: '03/12/2025', observations: 'x' } };
  if (resource === 'clients') return { client: { name: 'Cliente Fuzz', code: 'FZ-1', fiscal_id: '123456789', country: 'Portugal' } };
  if (resource === 'items') return { item: { name: 'Item Fuzz', description: 'x', unit_price: '1', unit: 'unit', tax: { name: 'IVA23' } } };
  if (resource === 'taxes') return { tax: { name: 'FZ', value: '23', region: 'PT' } };
  if (resource === 'sequences') return { sequence: { serie: 'FZX', default_sequence: '0' } };
  return {
    [root]: {
      date: '03/12/2025', due_date: '19/12/2025', reference: 'fuzz', observations: 'fuzz',
      client: { name: 'Cliente Fuzz', code: 'FZ-1', country: 'Portugal' },
      items: [{ name: 'Item Fuzz', description: 'x', unit_price: '1.5', quantity: '1', unit: 'unit', tax: { name: 'IVA23' } }],
    },
  };
}

function billptBody(path: string, ids: Record<string, number[]>): Json {
  const resource = path.replace(/^\/billpt\/api\/1\.0\//, '').split('/')[0];
  const product = { item_id: ids['/v1/items']?.[0] ?? 1, nome: 'Produto', quantidade: 1, preco_unitario: 2.23, imposto: 23 };
  switch (resource) {
    case 'contatos': return { nome: 'Cliente Fuzz', nif: '123456789', pais: 'PT', codigo: 'FZ1' };
    case 'items': return { descricao: 'Produto Fuzz', imposto_id: ids['/v1/taxes']?.[0] ?? 1, movimenta_stock: 0, preco: 1 };
    case 'documentos': return { tipificacao: 'FT', contato_id: ids['/v1/contacts']?.[0] ?? 1, produtos: [product], terminado: 1, data: new Date().toISOString().slice(0, 10) };
    case 'recibos': return { documentos: [{ id: ids['/v1/documents']?.[0] ?? 1, valor: 1 }], data: new Date().toISOString().slice(0, 10) };
    case 'auth': return { email: 'nobody@example.com', password: 'x' };
    default: return { nome: 'Fuzz', descricao: 'Fuzz', codigo: 'FZ', valor: 1 };
  }
}

interface Sent { method: string; url: string; contentType?: string; payload?: string | Buffer; op: Op; hostileId: boolean }

test(`fuzz: every native OpenAPI operation and every dialect route, seed ${SEED}: no 5xx, the server stays healthy`, { timeout: 240_000 }, async () => {
  // Real rows to aim at, besides hostile ids: documents (a draft, a final invoice, an invoice-receipt) and one of
  // every listed collection.
  const series = await call('POST', '/v1/series', { code: 'FZ' });
  assert.equal(series.status, 201, JSON.stringify(series.body));
  const doc = (type: string, finalize: boolean) => call('POST', '/v1/documents', {
    type, seriesId: series.body.id, finalize, customer: { name: 'Cliente Fuzz', taxId: '123456789' },
    lines: [{ description: 'Linha', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  const docs = await Promise.all([doc('FT', false), doc('FT', true), doc('FR', true)]);
  assert.deepEqual(docs.map((d) => d.status), [201, 201, 201], JSON.stringify(docs.map((d) => d.body)));
  const hook = await call('POST', '/v1/webhooks', { url: `${NOWHERE}/hook`, events: ['document.finalized'] });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const spare = await call('POST', '/v1/api-keys', { name: 'spare' });
  assert.equal(spare.status, 201, JSON.stringify(spare.body));

  const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };
  const resolve = (s: Schema): Schema => (s?.$ref ? resolve(spec.components!.schemas![s.$ref.split('/').pop()!]) : s);
  const ids: Record<string, number[]> = { '/v1/documents': docs.map((d) => d.body.id), '/v1/webhooks': [hook.body.id], '/v1/api-keys': [spare.body.id] };
  for (const path of Object.keys(spec.paths)) {
    if (path.includes('{') || !spec.paths[path].get || ids[path]) continue;
    const r = await call('GET', path);
    const found = r.status === 200 ? idsIn(r.body) : [];
    if (found.length) ids[path] = found;
  }

  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const query = ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query').map((p) => p.name as string);
      ops.push({ method: method.toUpperCase(), path, source: 'native', body: schema ? sampleOf(schema, resolve) ?? {} : undefined, fields: schema ? fieldPaths(schema, resolve) : [], query });
    }
  }
  const nativeCount = ops.length;
  for (const [method, url] of routesOf(t.app.printRoutes({ commonPrefix: false }))) {
    if (method === 'HEAD' || url.includes('*')) continue;
    const path = url.replace(/:(\w+)/g, '{$1}');
    const source = url.startsWith('/billpt/') ? 'billpt' : url.startsWith('/invoicexpress/') ? 'invoicexpress' : url.startsWith('/download/') ? 'download' : undefined;
    if (!source) continue;
    const body = method === 'GET' || method === 'DELETE' ? undefined : source === 'billpt' ? billptBody(path, ids) : source === 'invoicexpress' ? ixBody(path) : undefined;
    const query = source === 'invoicexpress' ? ['page', 'per_page', 'type[]', 'status[]', 'date[from]', 'date[to]', 'text', 'client_name', 'month', 'year', 'second_copy', 'non_archived']
      : ['pagina', 'limite', 'data_inicio', 'data_fim', 'nome', 'nif', 'tipo', 'estado', 'id', 'ids[]', 'categoria'];
    ops.push({ method, path, source, body, fields: body === undefined ? [] : valuePaths(body), query });
  }

  const realIdsFor = (op: Op, param: string): string[] => {
    if (param === 'docType') return ['FT'];
    if (param === 'language') return ['pt'];
    if (param === 'token') return ['0'.repeat(32)];
    const before = op.path.slice(0, op.path.indexOf(`{${param}}`)).replace(/\/$/, '');
    const segment = before.split('/').pop()!;
    const collection = op.source === 'native' ? before.replace(/\/\{\w+\}.*$/, '') : DIALECT_COLLECTIONS[segment] ?? '/v1/documents';
    return (ids[collection] ?? ids['/v1/documents']).map(String);
  };

  // One hostile part per request; the rest is the plausible request.
  const mutation = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('field' as const), at: fc.nat(), value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), at: fc.nat(), value: fc.oneof(hostileString.map(encodeRaw), fc.constantFrom(...rawQueryValues)) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), raw: rawBodies }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('plain' as const) }) },
  );
  const requests: Sent[] = [];
  ops.forEach((op, index) => {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const arb = fc.record({ mutation, ids: fc.tuple(...params.map(() => fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileId }))), pick: fc.nat() });
    for (const sample of fc.sample(arb, { seed: SEED + index, numRuns: PER_OPERATION[op.source] })) {
      let hostile = false;
      let path = op.path;
      params.forEach((p, i) => {
        const real = realIdsFor(op, p);
        const chosen = sample.ids[i] ?? real[sample.pick % real.length];
        hostile ||= NON_DIGIT_IDS.includes(chosen);
        path = path.replace(`{${p}}`, chosen);
      });
      const query: string[] = [];
      if (op.source === 'invoicexpress') query.push(`api_key=${fuzz.apiKey}`);
      let body: unknown = op.body;
      let contentType: string | undefined;
      let payload: string | Buffer | undefined;
      const m = sample.mutation;
      if (m.kind === 'field' && op.fields.length && body !== undefined) body = setAt(body, op.fields[m.at % op.fields.length], m.value);
      else if (m.kind === 'field' || m.kind === 'query') {
        const name = op.query.length ? op.query[m.at % op.query.length] : 'q';
        query.push(`${encodeURIComponent(name)}=${m.kind === 'query' ? m.value : encodeRaw(String(m.value))}`);
      }
      if (m.kind === 'raw') ({ contentType, payload } = m.raw);
      else if (body !== undefined) {
        const xml = op.source === 'invoicexpress' && op.path.endsWith('.xml');
        contentType = xml ? 'application/xml' : 'application/json';
        payload = xml ? toXml(Object.values(body as object)[0], Object.keys(body as object)[0]) : JSON.stringify(body);
      }
      requests.push({ method: op.method, url: `${path}${query.length ? `?${query.join('&')}` : ''}`, contentType, payload, op, hostileId: hostile });
    }
  });

  const statuses: number[] = [];
  const fiveHundreds: string[] = [];
  const hostileIdAccepted: string[] = [];
  const started = Date.now();
  for (const r of requests) {
    const headers: Record<string, string> = { authorization: `Bearer ${fuzz.apiKey}`, accept: r.url.includes('.xml') ? 'application/xml' : 'application/json' };
    if (r.contentType) headers['content-type'] = r.contentType;
    const show = () => `${r.method} ${r.url.slice(0, 200)}${r.contentType !== undefined ? ` [${r.contentType}] ${String(r.payload).slice(0, 300)}` : ''}`;
    let timer: NodeJS.Timeout | undefined;
    const res = await Promise.race([
      t.app.inject({ method: r.method as 'GET', url: r.url, headers, payload: r.payload }),
      new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS); }),
    ]);
    clearTimeout(timer);
    if (res === 'timeout') {
      statuses.push(0);
      fiveHundreds.push(`${show()} → no answer in ${REQUEST_TIMEOUT_MS} ms`);
      continue;
    }
    statuses.push(res.statusCode);
    if (res.statusCode >= 500) fiveHundreds.push(`${show()} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (r.hostileId && res.statusCode < 300) hostileIdAccepted.push(`${show()} → ${res.statusCode}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const bySource = histogram(requests.map((r) => r.op.source));
  console.log(`fuzz on ${t.db.database.kind}: ${requests.length} requests (${JSON.stringify(bySource)}) over ${nativeCount} OpenAPI operations and `
    + `${ops.length - nativeCount} dialect routes in ${seconds.toFixed(1)} s, seed ${SEED}; statuses ${JSON.stringify(histogram(statuses))}`);
  for (const f of fiveHundreds.slice(0, 40)) console.log(`  5xx: ${f}`);
  for (const f of hostileIdAccepted.slice(0, 20)) console.log(`  hostile id answered 2xx: ${f}`);

  assert.ok(nativeCount > 80, `the OpenAPI lists the native operations (${nativeCount})`);
  assert.ok(ops.length - nativeCount > 200, `the dialect routes were found (${ops.length - nativeCount})`);
  // The server stays healthy and still issues documents whose chain verifies.
  assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
  const after = await doc('FT', true);
  assert.equal(after.status, 201, JSON.stringify(after.body));
  const audit = await auditIssuing(t.db.database.db, fuzz.accountId);
  assert.deepEqual([audit.gaps, audit.repeats, audit.chain.failures], [[], [], []], 'what the fuzz issued is numbered without gaps and chained');
  // NOTE: fails until issue #12 §6 lands (NUL bytes, bad dates and racing deletes give 500 today).
  assert.deepEqual(fiveHundreds, [], `${fiveHundreds.length} of ${requests.length} requests got a 5xx or no answer`);
  // NOTE: fails until issue #12 §6 lands: a path id of `%201` is read as 1; ids are digits only.
  assert.deepEqual(hostileIdAccepted, [], 'a path id that is not a number names no row');
});
