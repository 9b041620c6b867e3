import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeEinvoiceValidation } from '../../src/exports/einvoice/validate/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readShared, skipUnlessShared } from '../support/shared.js';

// POST /v1/einvoices/validate on a real server and database (FATURADOR_TEST_DB: pglite or postgres): the XML as
// the body, a read-scoped key, the native error envelope for what cannot be read.
const BE = 'specs/eu/examples-be';
let t: TestApp;
let readKey: string;
before(async () => {
  t = await startTestApp();
  const r = await t.call('POST', '/v1/api-keys', { name: 'reader', scope: 'read' });
  assert.equal(r.status, 201);
  readKey = r.body.key;
});
after(async () => {
  await t.close();
  await closeEinvoiceValidation();
});

async function post(body: string, contentType = 'application/xml', query = '', key = readKey) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/einvoices/validate${query}`,
    payload: body,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
  });
  return { status: res.statusCode, body: res.json() };
}

test(
  'a valid Peppol invoice (read key, application/xml): 200 valid, 0 fatal, both rule sets',
  skipUnlessShared(BE),
  async () => {
    const r = await post(readShared(BE, 'be-invoice-valid.xml'));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.valid, true);
    assert.equal(r.body.syntax, 'ubl');
    assert.equal(r.body.documentType, 'invoice');
    assert.deepEqual(r.body.rulesets, ['EN16931-UBL 1.3.16', 'PEPPOL-BIS-3.0 2026.5']);
    assert.deepEqual(r.body.xsd, { valid: true, errors: [] });
    assert.equal(r.body.fatal, 0);
  },
);

test(
  'the broken invoice (text/xml): 200 with its four fatal findings; ?profile=en16931 keeps EN 16931 only',
  skipUnlessShared(BE),
  async () => {
    const xml = readShared(BE, 'be-invoice-broken.xml');
    const r = await post(xml, 'text/xml; charset=utf-8');
    assert.equal(r.status, 200);
    assert.equal(r.body.valid, false);
    assert.deepEqual(
      r.body.findings
        .filter((f: { flag: string }) => f.flag === 'fatal')
        .map((f: { id: string }) => f.id)
        .sort(),
      ['BR-CO-14', 'BR-CO-16', 'PEPPOL-COMMON-R043', 'PEPPOL-EN16931-R003'],
    );
    for (const f of r.body.findings)
      assert.deepEqual(Object.keys(f).sort(), ['flag', 'id', 'location', 'ruleset', 'text']);
    const en = await post(xml, 'application/xml', '?profile=en16931');
    assert.equal(en.status, 200);
    assert.deepEqual(en.body.rulesets, ['EN16931-UBL 1.3.16']);
    assert.equal(en.body.fatal, 2);
    const badProfile = await post(xml, 'application/xml', '?profile=xrechnung');
    assert.equal(badProfile.status, 422);
    assert.equal(badProfile.body.error.code, 'validation');
  },
);

test('the XSD-broken invoice: 200, xsd.valid false with its 2 errors', skipUnlessShared(BE), async () => {
  const r = await post(readShared(BE, 'be-invoice-xsd-broken.xml'));
  assert.equal(r.status, 200);
  assert.equal(r.body.xsd.valid, false);
  assert.equal(r.body.xsd.errors.length, 2);
  assert.equal(r.body.valid, false);
});

test('malformed XML, a DOCTYPE (XXE), another root, an unknown JSON document: 422 in the native envelope', async () => {
  const malformed = await post('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><a></Invoice>');
  assert.equal(malformed.status, 422);
  assert.equal(malformed.body.error.code, 'validation');
  assert.match(malformed.body.error.message, /not well-formed.*closing tag/);
  assert.deepEqual(malformed.body.error.details[0].field, 'body');
  assert.deepEqual(malformed.body.error.details[0].issue, 'malformed');

  const xxe = await post(
    '<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&e;</ID></Invoice>',
  );
  assert.equal(xxe.status, 422);
  assert.equal(xxe.body.error.details[0].issue, 'doctype');
  assert.doesNotMatch(JSON.stringify(xxe.body), /root:x:0/);

  const other = await post('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>');
  assert.equal(other.status, 422);
  assert.equal(other.body.error.details[0].issue, 'not_einvoice');

  const noId = await post(JSON.stringify({ syntax: 'ubl' }), 'application/json');
  assert.equal(noId.status, 422);
  assert.equal(noId.body.error.details[0].field, 'documentId');
  const unknown = await post(JSON.stringify({ documentId: 1, xml: 'x' }), 'application/json');
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.error.details[0].field, 'xml');

  const tooLarge = await post(`<x>${' '.repeat(10 * 1024 * 1024)}</x>`);
  assert.equal(tooLarge.status, 422);
  assert.equal(tooLarge.body.error.details[0].issue, 'too_long');
});

test('by reference: the e-invoice of a finalized document, by its profile (CIUS-PT for a PT seller), or asked for', async () => {
  const lines = [
    { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
    { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
  ];
  const customer = { name: 'Cliente Validação', taxId: '123456789' };
  const ft = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, customer, lines });
  assert.equal(ft.status, 201, JSON.stringify(ft.body));
  const json = (body: unknown) => post(JSON.stringify(body), 'application/json');
  const byDefault = await json({ documentId: ft.body.id });
  assert.equal(byDefault.status, 200, JSON.stringify(byDefault.body));
  assert.equal(byDefault.body.syntax, 'ubl');
  assert.deepEqual(byDefault.body.rulesets, ['EN16931-UBL 1.3.16', 'CIUS-PT 2.1.1']);
  assert.match(byDefault.body.customizationId, /CIUS-PT/);
  assert.equal(typeof byDefault.body.fatal, 'number');
  const en = await json({ documentId: ft.body.id, profile: 'en16931' });
  assert.equal(en.status, 200);
  assert.deepEqual(en.body.rulesets, ['EN16931-UBL 1.3.16']);
  const cii = await json({ documentId: ft.body.id, syntax: 'cii', profile: 'en16931' });
  assert.equal(cii.status, 200);
  assert.equal(cii.body.syntax, 'cii');
  assert.deepEqual(cii.body.rulesets, ['EN16931-CII 1.3.16']);

  const draft = await t.call('POST', '/v1/documents', { type: 'FT', customer, lines });
  assert.equal(draft.status, 201);
  const ofDraft = await json({ documentId: draft.body.id });
  assert.equal(ofDraft.status, 409, JSON.stringify(ofDraft.body));
  const missing = await json({ documentId: 987654 });
  assert.equal(missing.status, 404);
});

test('the route needs a key: none gets 401', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/einvoices/validate',
    payload: '<x/>',
    headers: { 'content-type': 'application/xml' },
  });
  assert.equal(res.statusCode, 401);
});
