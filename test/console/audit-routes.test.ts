import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { upload, invoiceCsv } from '../imports/support.js';
import { consoleUser, signInInject, type InjectSession } from './support.js';

/**
 * Every console route, enumerated from the app (so a route added later is covered): sessions, CSRF, another
 * account's ids, scopes and garbage ids.
 */

interface Route {
  method: 'GET' | 'POST';
  path: string;
}

/** The console's routes from Fastify's radix tree (`printRoutes`): each line's fragment appended to its parents'. */
function consoleRoutes(t: TestApp): Route[] {
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─ ]*)(.*)$/.exec(line)!;
    if (!m[2]) continue;
    const depth = m[1].length / 4;
    const node = /^(.*?)(?: \(([^)]*)\))?$/.exec(m[2])!;
    stack.length = depth - 1;
    stack[depth - 1] = node[1];
    const path = stack.join('');
    if (!node[2] || !path.startsWith('/console')) continue;
    for (const method of node[2].split(', ')) if (method === 'GET' || method === 'POST') routes.push({ method, path });
  }
  return routes;
}

const PUBLIC = new Set(['/console/sign-in', '/console/lang', '/console/*']);
const SNAPSHOT_TABLES = [
  'documents',
  'document_lines',
  'contacts',
  'items',
  'series',
  'series_doc_types',
  'stores',
  'webhook_endpoints',
  'webhook_deliveries',
  'saft_files',
  'imports',
  'email_templates',
  'email_smtp_settings',
  'at_settings',
  'account_logos',
] as const;

let t: TestApp;
let routes: Route[];
let a: InjectSession;
let b: InjectSession;
const ids: Record<string, string> = {};

before(async () => {
  t = await startTestApp({ secretKey: 'a0d17a0d'.repeat(8) });
  routes = consoleRoutes(t);
  a = await signInInject(t);
  const other = await t.newAccount();
  b = await signInInject(t, await consoleUser(t, other.accountId));

  const created = async (url: string, body: unknown) => {
    const r = await t.call('POST', url, body);
    assert.ok(r.status < 300, `${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return String(r.body.id);
  };
  const hook = await created('/v1/webhooks', { url: 'https://example.com/hook', events: ['*'] });
  ids.documents = await created('/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente Auditoria', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
    finalize: true,
  });
  ids.customers = await created('/v1/contacts', { name: 'Cliente A' });
  ids.items = await created('/v1/items', { code: 'AUD-1', description: 'Artigo A' });
  ids.series = await created('/v1/series', { code: 'AUDIT' });
  ids.stores = await created('/v1/stores', { name: 'Loja A' });
  ids.webhooks = hook;
  ids['api-keys'] = await created('/v1/api-keys', { name: 'a-key', scope: 'read' });
  const imp = await upload(t, { name: 'a.csv', bytes: invoiceCsv(1) });
  assert.equal(imp.status, 201, JSON.stringify(imp.body));
  ids.imports = String(imp.body.id);
  const saft = await t.app.inject({
    method: 'POST',
    url: '/console/saft',
    payload: new URLSearchParams({ _csrf: a.csrf, kind: 'month', year: '2026', month: '1' }).toString(),
    headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(saft.statusCode, 303, saft.body.slice(0, 300));
  ids.saft = /\/console\/saft\/(\d+)/.exec(saft.headers.location!)![1];
  await t.worker.drain();
  const delivery = await t.db.database.db
    .selectFrom('webhook_deliveries')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  ids.deliveries = String(delivery?.id ?? 1);
  ids.templates = 'pt';
  // NOTE: a pending upload belongs to the session that made it; an unknown token stands for another's.
  ids.uploads = 'f'.repeat(43);
});
after(async () => {
  await t?.close();
});

/** The path with the first account's ids, by the segment before each parameter; unknown → a fixture is missing. */
function fill(path: string, value?: string): string {
  const parts = path.split('/');
  return parts
    .map((p, i) => {
      if (!p.startsWith(':')) return p;
      if (value !== undefined) return value;
      const owner = parts[i - 1];
      const id = ids[owner];
      if (id === undefined)
        throw new Error(`${path}: no fixture for the parameter after '${owner}': add one to audit-routes.test.ts`);
      return id;
    })
    .join('/');
}

const hasParam = (r: Route) => r.path.includes('/:');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function send(r: Route, url: string, who?: InjectSession, opts: { csrf?: boolean; json?: boolean } = {}) {
  const headers: Record<string, string> = { ...(who ? { cookie: who.cookie } : {}) };
  if (opts.json) headers.accept = 'application/json';
  if (r.method === 'GET') return t.app.inject({ method: 'GET', url, headers });
  const form = new URLSearchParams({ audit: '1' });
  if (who && opts.csrf !== false) form.set('_csrf', who.csrf);
  return t.app.inject({ method: 'POST', url, payload: form.toString(), headers: { ...headers, ...FORM } });
}

async function snapshot(): Promise<string> {
  const db = t.db.database.db;
  const parts: string[] = [];
  for (const table of SNAPSHOT_TABLES) parts.push(JSON.stringify(await db.selectFrom(table).selectAll().execute()));
  return parts.join('\n');
}

test('the routes are enumerated from the app and every parameter has a fixture', () => {
  assert.ok(routes.length > 50, `${routes.length} console routes`);
  assert.ok(routes.some((r) => r.path === '/console/documents/:id' && r.method === 'GET'));
  for (const r of routes) fill(r.path);
});

test('without a session: pages → 303 to sign-in, fetches → 401, nothing written', async () => {
  const before = await snapshot();
  const problems: string[] = [];
  for (const r of routes) {
    if (PUBLIC.has(r.path)) continue;
    const url = fill(r.path);
    const page = await send(r, url);
    if (r.method === 'GET' && !(page.statusCode === 303 && page.headers.location?.startsWith('/console/sign-in')))
      problems.push(`${r.method} ${r.path} page: ${page.statusCode} ${page.headers.location ?? ''}`);
    if (r.method === 'POST' && ![303, 401, 403].includes(page.statusCode))
      problems.push(`${r.method} ${r.path} page: ${page.statusCode}`);
    const fetch = await send(r, url, undefined, { json: true });
    if (fetch.statusCode !== 401 && !(r.method === 'POST' && fetch.statusCode === 403))
      problems.push(`${r.method} ${r.path} fetch: ${fetch.statusCode}`);
  }
  assert.deepEqual(problems, []);
  assert.equal(await snapshot(), before);
});

test('every POST without the CSRF token → 403, nothing written', async () => {
  const before = await snapshot();
  const problems: string[] = [];
  for (const r of routes.filter((r) => r.method === 'POST')) {
    const res = await send(r, fill(r.path), a, { csrf: false });
    if (res.statusCode !== 403) problems.push(`${r.path}: ${res.statusCode}`);
  }
  assert.deepEqual(problems, []);
  assert.equal(await snapshot(), before);
});

test("another account's session given the first account's ids → 404, never its data, nothing written", async () => {
  const before = await snapshot();
  const problems: string[] = [];
  for (const r of routes.filter(hasParam)) {
    if (r.path.startsWith('/console/settings/templates/')) continue; // a language, not an object of an account
    const res = await send(r, fill(r.path), b);
    if (res.statusCode !== 404) problems.push(`${r.method} ${r.path}: ${res.statusCode}`);
    for (const secret of ['Cliente Auditoria', 'Cliente A', 'Artigo A', 'Loja A', 'AUDIT', 'example.com/hook'])
      if (res.statusCode < 400 && res.body.includes(secret)) problems.push(`${r.method} ${r.path} shows ${secret}`);
  }
  assert.deepEqual(problems, []);
  assert.equal(await snapshot(), before);
});

/** POSTs any signed-in reader may send: signing out, reading a PDF. */
const READER_POSTS = new Set([
  '/console/sign-in',
  '/console/sign-out',
  '/console/sign-out-all',
  '/console/documents/:id/pdf',
]);
const ADMIN_ONLY = /^\/console\/(settings|api-keys|saft)(\/|$)/;

test('scopes: a read session gets 403 on every write, an issue session on settings, keys and SAF-T', async () => {
  const key = async (scope: string) => {
    const made = await t.call('POST', '/v1/api-keys', { name: `audit-${scope}`, scope });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    return signInInject(t, { apiKey: made.body.key });
  };
  const read = await key('read');
  const issue = await key('issue');
  const before = await snapshot();
  const problems: string[] = [];
  for (const r of routes) {
    if (PUBLIC.has(r.path) || READER_POSTS.has(r.path)) continue;
    const url = fill(r.path);
    if (r.method === 'POST') {
      const res = await send(r, url, read);
      if (res.statusCode !== 403) problems.push(`read POST ${r.path}: ${res.statusCode}`);
    }
    if (ADMIN_ONLY.test(r.path)) {
      const res = await send(r, url, issue);
      if (res.statusCode !== 403) problems.push(`issue ${r.method} ${r.path}: ${res.statusCode}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.equal(await snapshot(), before);
});

test('garbage ids (letters, negative, huge, NUL, very long) → 4xx, never 5xx', async () => {
  const problems: string[] = [];
  const garbage = ['abc', '-1', '0', '9999999999999999999', '1.5', '%00', '1%00', '%20', 'x'.repeat(5000)];
  for (const r of routes.filter(hasParam))
    for (const g of garbage) {
      const res = await send(r, fill(r.path, g), a);
      if (res.statusCode < 400 || res.statusCode >= 500)
        problems.push(`${r.method} ${r.path} with ${g.slice(0, 20)}: ${res.statusCode}`);
    }
  assert.deepEqual(problems, []);
});
