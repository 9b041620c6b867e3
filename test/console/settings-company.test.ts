import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { pdfPages } from '../pdf/pdf-text.js';
import { signInInject, type InjectSession } from './support.js';

/** The company data: PATCH /v1/account and the console form; the tax id never changes; issued documents keep theirs. */
let t: TestApp;
let s: InjectSession;
before(async () => {
  t = await startTestApp();
  s = await signInInject(t, { apiKey: t.account.apiKey });
});
after(async () => {
  await t?.close();
});

const postForm = (url: string, form: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString(),
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
const pdfText = async (id: number) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${id}/pdf`,
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(res.statusCode, 200);
  // The first print is the original, the next ones copies: the mark is all that may differ.
  return (await pdfPages(res.rawPayload)).join('\n').replace(/Original|Duplicado|Triplicado/g, '<copy>');
};

test('PATCH /v1/account changes the company data; an issued document keeps the data it was issued with', async () => {
  const before = (await t.call('GET', '/v1/account')).body;
  const doc = await t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente Antigo', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23', productType: 'S' }],
    finalize: true,
  });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  const oldPdf = await pdfText(doc.body.id);
  assert.match(oldPdf, new RegExp(before.legalName.replace(/[.,]/g, '.')));

  const r = await t.call('PATCH', '/v1/account', {
    legalName: 'Nova Designação, S.A.',
    tradeName: 'Nova',
    street: 'Avenida da Liberdade, 10',
    postalCode: '1250-096',
    city: 'Lisboa',
    email: 'geral@nova.example',
    phone: '+351 210 000 000',
    website: 'https://nova.example',
    taxId: before.taxId,
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.legalName, 'Nova Designação, S.A.');
  assert.equal(r.body.postalCode, '1250-096');
  assert.equal(r.body.phone, '+351 210 000 000');
  assert.equal(r.body.taxId, before.taxId);
  assert.equal(r.body.iban, before.iban, 'the bank account is kept');

  // The issued document: its seller snapshot and its PDF are unchanged; a new one carries the new name.
  const old = await t.call('GET', `/v1/documents/${doc.body.id}`);
  assert.equal(old.body.seller?.legalName ?? old.body.seller?.name, before.legalName);
  assert.equal(await pdfText(doc.body.id), oldPdf);
  const next = await t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente Novo', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23', productType: 'S' }],
    finalize: true,
  });
  assert.equal(next.status, 201);
  assert.match(await pdfText(next.body.id), /Nova Designação/);

  // Clearing with null; an absent field is kept.
  const cleared = await t.call('PATCH', '/v1/account', { website: null });
  assert.equal(cleared.body.website, null);
  assert.equal(cleared.body.city, 'Lisboa');
});

test('PATCH /v1/account refuses a tax id change, a bad PT postal code, a NUL byte, an empty name; nothing is written', async () => {
  const before = (await t.call('GET', '/v1/account')).body;
  const taxId = await t.call('PATCH', '/v1/account', { taxId: '500000000', city: 'Porto' });
  assert.equal(taxId.status, 422);
  assert.equal(taxId.body.error.details[0].field, 'taxId');
  const country = await t.call('PATCH', '/v1/account', { country: 'ES' });
  assert.equal(country.status, 422);
  const bad = await t.call('PATCH', '/v1/account', { postalCode: '1250', legalName: '  ', city: 'Porto' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.error.details.map((d: { field: string }) => d.field).sort(), ['legalName', 'postalCode']);
  const nul = await t.call('PATCH', '/v1/account', { street: 'Rua\u0000X' });
  assert.equal(nul.status, 422);
  assert.match(nul.body.error.details[0].field, /street/);
  const tooLong = await t.call('PATCH', '/v1/account', { city: 'x'.repeat(51) });
  assert.equal(tooLong.status, 422);
  const after = (await t.call('GET', '/v1/account')).body;
  assert.deepEqual(after, before, 'nothing changed');
  const read = await t.newAccount();
  const key = await t.call('POST', '/v1/api-keys', { name: 'read', scope: 'read' }, { key: read.apiKey });
  assert.equal(key.status, 201, JSON.stringify(key.body));
  const denied = await t.call('PATCH', '/v1/account', { city: 'Faro' }, { key: key.body.key ?? key.body.apiKey });
  assert.equal(denied.status, 403);
});

test('console: the company form saves (303) and re-renders with errors beside the fields (422), values kept', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/console/settings', headers: { cookie: s.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<label for="company-legalName">/);
  const ok = await postForm('/console/settings/company', {
    legalName: 'Consola, Lda',
    tradeName: '',
    street: 'Rua Nova, 5',
    postalCode: '4000-001',
    city: 'Porto',
    email: '',
    phone: '',
    website: '',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/console/settings?saved=company');
  const account = (await t.call('GET', '/v1/account')).body;
  assert.equal(account.legalName, 'Consola, Lda');
  assert.equal(account.tradeName, null);
  assert.equal(account.city, 'Porto');

  const bad = await postForm('/console/settings/company', {
    legalName: 'Outra, Lda',
    postalCode: '4000',
    city: 'Porto',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(
    bad.body,
    /id="company-postalCode"[^>]*value="4000"[^>]*aria-invalid="true" aria-describedby="postalCode-error"/,
  );
  assert.match(bad.body, /id="postalCode-error"/);
  assert.match(bad.body, /value="Outra, Lda"/);
  assert.equal((await t.call('GET', '/v1/account')).body.legalName, 'Consola, Lda', 'nothing written');
});
