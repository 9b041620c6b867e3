import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setValidationCode } from '../../src/app/series/set-validation-code.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { upload, invoiceCsv } from '../imports/support.js';
import { signInInject, type InjectSession } from './support.js';

const XSS = '"><img src=x onerror=alert(1)>';
const RAW_TAG = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

let t: TestApp;
let s: InjectSession;
before(async () => {
  t = await startTestApp({ secretKey: 'e5ca9ede'.repeat(8) });
  s = await signInInject(t);
});
after(async () => {
  await t?.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
async function made(url: string, body: unknown): Promise<number> {
  const r = await t.call('POST', url, body);
  assert.ok(r.status < 300, `${url}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

test('every text field set to markup is shown escaped on every page that shows it, with safe headers', async () => {
  const customer = await made('/v1/contacts', { name: `Cliente ${XSS}`, street: `Rua ${XSS}`, city: `Porto ${XSS}` });
  const item = await made('/v1/items', { code: 'XSS-1', description: `Artigo ${XSS}` });
  const store = await made('/v1/stores', { name: `Loja ${XSS}` });
  const series = await made('/v1/series', { code: 'XSS', description: `Série ${XSS}` });
  const hook = await made('/v1/webhooks', { url: `https://example.com/hook?q=${XSS}`, events: ['*'] });
  const doc = (finalize: boolean) =>
    made('/v1/documents', {
      type: 'FT',
      customer: { name: `Cliente Doc ${XSS}`, taxId: '123456789', street: `Rua Doc ${XSS}` },
      lines: [{ description: `Linha ${XSS}`, quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
      observations: `Notas ${XSS}`,
      finalize,
    });
  const final = await doc(true);
  const draft = await doc(false);
  const imp = await upload(t, { name: `${RAW_TAG}.csv`, bytes: invoiceCsv(1) });
  assert.equal(imp.status, 201, JSON.stringify(imp.body));

  const pages = [
    '/console/customers',
    `/console/customers/${customer}`,
    '/console/items',
    `/console/items/${item}`,
    '/console/stores',
    `/console/stores/${store}`,
    '/console/series',
    `/console/series/${series}`,
    '/console/settings/webhooks',
    `/console/settings/webhooks/${hook}`,
    '/console/documents',
    `/console/documents/${final}`,
    `/console/documents/${draft}`,
    `/console/documents/${draft}/edit`,
    '/console/imports',
    `/console/imports/${imp.body.id}`,
  ];
  for (const url of pages) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.ok(!res.body.includes(RAW_TAG), `${url}: the markup appears unescaped`);
    // A webhook URL is stored normalized (its markup percent-encoded by the URL parser), so not compared.
    if (!url.includes('/webhooks')) assert.ok(res.body.includes(ESCAPED), `${url}: the escaped text is shown`);
    const csp = String(res.headers['content-security-policy']);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
    assert.ok(csp.includes("frame-ancestors 'none'") || res.headers['x-frame-options'], url);
    assert.match(String(res.headers['cache-control']), /no-store/, url);
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
  }
  for (const url of ['/console/lookup/customers?q=Cliente', '/console/lookup/items?q=Artigo']) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), /^application\/json/, url);
    assert.ok(JSON.stringify(res.json()).includes(XSS), `${url}: the data, as JSON (the script sets it as text)`);
  }
});

test('secrets are shown once on pages that are never cached', async () => {
  const form = (url: string, body: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: s.csrf, ...body }).toString(),
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  const key = await form('/console/api-keys', { name: 'Auditoria', scope: 'read' });
  const hook = await form('/console/settings/webhooks', { url: 'https://example.com/secret', events: '*' });
  for (const res of [key, hook]) {
    assert.ok(res.statusCode < 400, `${res.statusCode} ${res.body.slice(0, 200)}`);
    const page = res.statusCode === 303 ? await get(res.headers.location!) : res;
    assert.match(page.body, /id="new-key"|id="secret"/, 'the secret is on the page');
    assert.match(String(page.headers['cache-control']), /no-store/);
  }
});

test('a series with an AT validation code: the document page shows ATCUD <code>-<number>', async () => {
  const series = await made('/v1/series', { code: 'VALIDADA' });
  const code = 'AUDIT7XK';
  await t.db.database.db.transaction().execute((tx) => setValidationCode(tx, t.account.accountId, series, 'FT', code));
  const id = await made('/v1/documents', {
    type: 'FT',
    seriesId: series,
    customer: { name: 'Cliente ATCUD' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
    finalize: true,
  });
  const page = await get(`/console/documents/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`data-testid="atcud">${code}-1<`));
});
