import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as soap from 'soap';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { signDownloadLink } from '../../src/app/magnifinance/download-link.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The Invoicing service's document operations as production Node integrations call them: the `soap` client built
 * from the served WSDL (EV's call shape: `Lines: [{APIInvoicingProduct}]`, ExternalId before Lines, IsToClose),
 * SOAP 1.1 and 1.2, on the database under test. Business errors are answers (HTTP 200, Type Error), never faults.
 */
interface Account {
  accountId: number;
  email: string;
  token: string;
}

let t: TestApp;
let base: string;
let me: Account;
let other: Account;
let client11: soap.Client;
let client12: soap.Client;
let counter = 0;

async function account(tag: string): Promise<Account> {
  counter += 1;
  const email = `${tag}-${counter}-${Date.now()}@Example.pt`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: `Carregamentos ${tag}, Lda`,
      taxId: '503340855',
      sandbox: true,
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email },
    }),
  );
  return { accountId: a.accountId, email, token: a.apiKey };
}

before(async () => {
  t = await startTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}/magnifinance`;
  me = await account('mf-core');
  other = await account('mf-other');
  client11 = await soap.createClientAsync(`${base}/MagniAPI/Invoicing.asmx?wsdl`);
  client12 = await soap.createClientAsync(`${base}/magniapi/invoicing.asmx?WSDL`, { forceSoap12Headers: true });
});
after(async () => {
  await t?.close();
});

// E-mail in another letter case than the account's: MagniFinance compares it case-insensitively.
const auth = (a: Account = me) => ({ Email: a.email.toLowerCase(), Token: a.token });

/** EV's DocumentCreate (services/magnifinance.js): key order as it builds it, one `<Lines>` per line. */
const evDocument = (externalId: string | undefined, extra: Record<string, unknown> = {}, isToClose = true) => ({
  Authentication: auth(),
  Client: {
    NIF: '123456789',
    Name: 'Cliente EV',
    Address: 'Rua A, 1',
    City: 'Porto',
    PostCode: '4000-001',
    CountryCode: 'PT',
  },
  Document: {
    Date: new Date().toISOString().slice(0, 10),
    DueDate: new Date().toISOString().slice(0, 10),
    Description: 'Carregamento',
    Type: 'T',
    ...(externalId ? { ExternalId: externalId } : {}),
    Lines: [
      {
        APIInvoicingProduct: {
          Code: 'KWH',
          Description: 'Energia',
          UnitPrice: '0.25',
          Quantity: '40',
          Unit: 'kWh',
          Type: 'S',
          TaxValue: '23',
        },
      },
      {
        APIInvoicingProduct: {
          Code: 'TAR',
          Description: 'Tarifa',
          UnitPrice: '1.5',
          Quantity: '1',
          Unit: 'un',
          Type: 'S',
          TaxValue: '23',
          ProductDiscount: '10',
        },
      },
    ],
    ...extra,
  },
  IsToClose: isToClose,
});

async function call(client: soap.Client, op: string, args: unknown): Promise<any> {
  const [result] = await client[`${op}Async`](args);
  return result;
}

const errorValue = (r: any) => [r.Type, Number(r.ErrorValue?.Value), r.ErrorValue?.Name];

test('DocumentCreate in EV shape over SOAP 1.1: an FR with both lines, its DocumentId an xs:int', async () => {
  const r = (await call(client11, 'DocumentCreate', evDocument('ev-1'))).Response;
  assert.equal(r.Type, 'Success', JSON.stringify(r));
  assert.equal(typeof r.Object.DocumentId, 'number');
  const doc = await t.call('GET', `/v1/documents/${r.Object.DocumentId}`, undefined, { key: me.token });
  assert.deepEqual([doc.body.type, doc.body.status, doc.body.lines.length], ['FR', 'final', 2]);
  // 40 × 0.25 + 1.5 − 10 % = 11.35 net, 23 % VAT.
  assert.equal(doc.body.grossTotal ?? doc.body.totals?.gross, '13.96');
});

test('SOAP 1.2, then the same ExternalId again: 14 DocumentIsADuplicate, and no second document', async () => {
  const first = (await call(client12, 'DocumentCreate', evDocument('ev-2'))).Response;
  assert.equal(first.Type, 'Success', JSON.stringify(first));
  const again = (await call(client12, 'DocumentCreate', evDocument('ev-2'))).Response;
  assert.deepEqual(errorValue(again), ['Error', 14, 'SaveFailed']);
  const v = again.ValidationErrors.ValidationError;
  const item = Array.isArray(v) ? v[0] : v;
  assert.deepEqual(
    [item.Type, item.Field, item.Detail],
    ['DocumentIsADuplicate', 'DocumentDetailExternalId', 'Duplicate Document'],
  );
});

test('concurrent creates with one ExternalId: exactly one document', async () => {
  const results = await Promise.all(
    Array.from({ length: 6 }, () => call(client11, 'DocumentCreate', evDocument('ev-race')).then((r) => r.Response)),
  );
  assert.equal(results.filter((r) => r.Type === 'Success').length, 1, JSON.stringify(results));
  assert.ok(results.every((r) => r.Type === 'Success' || Number(r.ErrorValue.Value) === 14));
  const rows = await t.db.database.db
    .selectFrom('magnifinance_external_ids')
    .select('document_id')
    .where('account_id', '=', me.accountId)
    .where('external_id', '=', 'ev-race')
    .execute();
  assert.equal(rows.length, 1);

  // Issued together (one batch): distinct ExternalIds all succeed, of a pair only one does.
  const ids = ['ev-b1', 'ev-b2', 'ev-b3', 'ev-b4', 'ev-pair', 'ev-pair'];
  const batch = await Promise.all(
    ids.map((id) => call(client11, 'DocumentCreate', evDocument(id)).then((r) => r.Response)),
  );
  assert.deepEqual(
    batch.map((r) => r.Type),
    [
      'Success',
      'Success',
      'Success',
      'Success',
      ...(batch[4].Type === 'Success' ? ['Success', 'Error'] : ['Error', 'Success']),
    ],
  );
  assert.equal(new Set(batch.filter((r) => r.Type === 'Success').map((r) => r.Object.DocumentId)).size, 5);
});

test('DocumentGet: 06 for a draft; a closed document gets its number and a link that downloads %PDF without headers', async () => {
  const draft = (await call(client11, 'DocumentCreate', evDocument(undefined, { Type: 'I' }, false))).Response;
  assert.equal(draft.Type, 'Success');
  const notYet = (await call(client11, 'DocumentGet', { Authentication: auth(), DocumentId: draft.Object.DocumentId }))
    .Response;
  assert.deepEqual(errorValue(notYet), ['Error', 6, 'ElementDoesNotExist']);

  const created = (await call(client11, 'DocumentCreate', evDocument(undefined, { Type: 'I' }))).Response;
  const got = (await call(client12, 'DocumentGet', { Authentication: auth(), DocumentId: created.Object.DocumentId }))
    .Response;
  assert.equal(got.Type, 'Success', JSON.stringify(got));
  assert.match(got.Object.DocumentNumber, /^FT \S+\/\d+$/);
  assert.ok(got.Object.DownloadUrl.startsWith(`${base}/`), got.Object.DownloadUrl);
  assert.doesNotMatch(got.Object.DownloadUrl, new RegExp(me.token));
  const first = await fetch(got.Object.DownloadUrl);
  assert.equal(first.status, 200);
  assert.equal(
    Buffer.from(await first.arrayBuffer())
      .subarray(0, 4)
      .toString(),
    '%PDF',
  );
  assert.equal(first.headers.get('x-document-copy'), 'original');
  const second = await fetch(got.Object.DownloadUrl);
  assert.equal(second.status, 200);
  assert.notEqual(second.headers.get('x-document-copy'), 'original');

  // A forged signature, another document's id, an expired link: 404 alike.
  const url = new URL(got.Object.DownloadUrl);
  const [, , , id, token] = url.pathname.split('/').slice(-5);
  assert.equal((await fetch(`${url.origin}${url.pathname.replace(token!, `${token!.slice(0, -2)}AA`)}`)).status, 404);
  assert.equal(
    (await fetch(`${url.origin}${url.pathname.replace(`/${id}/`, `/${draft.Object.DocumentId}/`)}`)).status,
    404,
  );
  const old = await signDownloadLink(t.db.database.db, me.accountId, Number(id), new Date(Date.now() - 3 * 3600_000));
  assert.equal((await fetch(`${url.origin}${url.pathname.replace(token!, old)}`)).status, 404);
});

test('DocumentGetProperty paymentstatus: an FR is Complete, an FT NoPayment, amounts as "0,00"; another property is 07', async () => {
  const fr = (await call(client11, 'DocumentCreate', evDocument(undefined))).Response;
  const ft = (await call(client11, 'DocumentCreate', evDocument(undefined, { Type: 'I' }))).Response;
  const ask = (id: number, property: string) =>
    call(client12, 'DocumentGetProperty', { Authentication: auth(), DocumentId: id, DocumentProperty: property }).then(
      (r) => r.ResponseDocumentGetProperty,
    );
  const paid = await ask(fr.Object.DocumentId, 'paymentstatus');
  assert.deepEqual(paid.Object, { PaymentStatus: 'Complete', TotalAmount: '13,96', UnpaidAmount: '0,00' });
  const open = await ask(ft.Object.DocumentId, 'PaymentStatus');
  assert.deepEqual(open.Object, { PaymentStatus: 'NoPayment', TotalAmount: '13,96', UnpaidAmount: '13,96' });
  assert.deepEqual(errorValue(await ask(ft.Object.DocumentId, 'colour')), ['Error', 7, 'TypeInvalid']);
});

test('DocumentCancel: a closed document is cancelled (DocumentGet still answers); a draft is deleted (then 06)', async () => {
  const ft = (await call(client11, 'DocumentCreate', evDocument(undefined, { Type: 'I' }))).Response;
  const cancelled = (
    await call(client12, 'DocumentCancel', { Authentication: auth(), DocumentId: ft.Object.DocumentId })
  ).Response;
  assert.equal(cancelled.Type, 'Success', JSON.stringify(cancelled));
  const doc = await t.call('GET', `/v1/documents/${ft.Object.DocumentId}`, undefined, { key: me.token });
  assert.equal(doc.body.status, 'cancelled');
  const got = (await call(client11, 'DocumentGet', { Authentication: auth(), DocumentId: ft.Object.DocumentId }))
    .Response;
  assert.equal(got.Type, 'Success');
  const twice = (await call(client11, 'DocumentCancel', { Authentication: auth(), DocumentId: ft.Object.DocumentId }))
    .Response;
  assert.deepEqual(errorValue(twice), ['Error', 14, 'SaveFailed']);

  const draft = (await call(client11, 'DocumentCreate', evDocument('ev-draft', {}, false))).Response;
  const deleted = (
    await call(client11, 'DocumentCancel', { Authentication: auth(), DocumentId: draft.Object.DocumentId })
  ).Response;
  assert.equal(deleted.Type, 'Success');
  const gone = (await call(client11, 'DocumentGet', { Authentication: auth(), DocumentId: draft.Object.DocumentId }))
    .Response;
  assert.deepEqual(errorValue(gone), ['Error', 6, 'ElementDoesNotExist']);
});

test("authentication: a bad token, another user's e-mail, no credentials are 01 answers over HTTP 200; another account's document is 06", async () => {
  const get = (a: unknown, id = 1) =>
    call(client11, 'DocumentGet', { Authentication: a, DocumentId: id }).then((r) => r.Response);
  assert.deepEqual(errorValue(await get({ Email: me.email, Token: 'fat_not-a-key' })), [
    'Error',
    1,
    'AuthenticationError',
  ]);
  assert.deepEqual(errorValue(await get({ Email: other.email, Token: me.token })), ['Error', 1, 'AuthenticationError']);
  assert.deepEqual(errorValue(await get({})), ['Error', 1, 'AuthenticationError']);
  const mine = (await call(client11, 'DocumentCreate', evDocument(undefined))).Response;
  assert.deepEqual(errorValue(await get(auth(other), mine.Object.DocumentId)), ['Error', 6, 'ElementDoesNotExist']);
});

test('validation answers: TaxValue 150 is 22, currency XXX 11, exemption M98 10, Type Z 07, a bad NIF 04', async () => {
  const create = (extra: Record<string, unknown>) =>
    call(client11, 'DocumentCreate', evDocument(undefined, extra)).then((r) => r.Response);
  const badLine = {
    Lines: [{ APIInvoicingProduct: { Description: 'x', UnitPrice: '1', Quantity: '1', TaxValue: '150' } }],
  };
  assert.deepEqual(errorValue(await create(badLine)), ['Error', 22, 'InvalidPercentage']);
  assert.deepEqual(errorValue(await create({ Currency: 'xxx' })), ['Error', 11, 'CurrencyDoesNotExist']);
  assert.deepEqual(errorValue(await create({ TaxExemptionReasonCode: 'M98' })), [
    'Error',
    10,
    'TaxExemptionDoesNotExist',
  ]);
  assert.deepEqual(errorValue(await create({ Type: 'Z' })), ['Error', 7, 'TypeInvalid']);
  const badNif = await call(client11, 'DocumentCreate', {
    ...evDocument(undefined),
    Client: { NIF: '123456780', Name: 'X' },
  });
  assert.deepEqual(errorValue(badNif.Response), ['Error', 4, 'InvalidTaxId']);
  const badDate = (await create({ Date: '2026-13-45' })) as any;
  const dateError = [badDate.ValidationErrors.ValidationError].flat()[0];
  assert.deepEqual(
    [Number(badDate.ErrorValue.Value), dateError.Field, dateError.Value],
    [2, 'Document.Date', '2026-13-45'],
  );
});

test('malformed XML and a DOCTYPE are SOAP faults, not answers', async () => {
  const post = (body: string) =>
    fetch(`${base}/MagniAPI/Invoicing.asmx`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  const broken = await post(
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><DocumentGet>',
  );
  assert.equal(broken.status, 500);
  assert.match(await broken.text(), /<faultcode>soap:Client<\/faultcode>/);
  const dtd = await post(
    '<!DOCTYPE x [<!ENTITY e "boom">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      `<DocumentGet xmlns="http://MagniAPI/Invoicing/"><Authentication><Email>&e;</Email></Authentication></DocumentGet></soap:Body></soap:Envelope>`,
  );
  assert.equal(dtd.status, 500);
  assert.match(await dtd.text(), /document type declaration/);
});

test('raw envelopes: the v1.1 path and namespace, no prefix, any order, no SOAPAction; answered in the namespace sent', async () => {
  const envelope = (ns: string, id: number) =>
    `<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><DocumentGetProperty xmlns="${ns}">` +
    `<DocumentProperty>PAYMENTSTATUS</DocumentProperty><DocumentId>${id}</DocumentId>` +
    `<Authentication><Token>${me.token}</Token><Email>${me.email}</Email></Authentication>` +
    `</DocumentGetProperty></Body></Envelope>`;
  const fr = (await call(client11, 'DocumentCreate', evDocument(undefined))).Response;
  for (const [path, ns] of [
    ['/MagniAPI/v1.1/Invoicing.asmx', 'http://MagniAPI/v1.1/Invoicing/'],
    ['/MAGNIAPI/V1.1/INVOICING.ASMX', 'http://MagniAPI/Invoicing/'],
    ['/MagniFinanceWS.asmx', 'http://MagniAPI/v1.1/Invoicing/'],
  ]) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      body: envelope(ns!, fr.Object.DocumentId),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.ok(text.includes(`<DocumentGetPropertyResponse xmlns="${ns}">`), text);
    assert.match(text, /<PaymentStatus>Complete<\/PaymentStatus>/);
  }
  const wsdl = await fetch(`${base}/magnifinancews.asmx?Wsdl`);
  assert.match(await wsdl.text(), /<wsdl:service name="Invoicing">/);
});

test('SendTo e-mails the closed document through the outbox; a credit note names its original by DocumentReference', async () => {
  const ft = (
    await call(client11, 'DocumentCreate', { ...evDocument(undefined, { Type: 'I' }), SendTo: 'cliente@example.pt' })
  ).Response;
  assert.equal(ft.Type, 'Success', JSON.stringify(ft));
  const emails = await t.db.database.db
    .selectFrom('emails')
    .select(['document_id'])
    .where('account_id', '=', me.accountId)
    .where('document_id', '=', ft.Object.DocumentId)
    .execute();
  assert.equal(emails.length, 1);
  const number = (await call(client11, 'DocumentGet', { Authentication: auth(), DocumentId: ft.Object.DocumentId }))
    .Response.Object.DocumentNumber;
  const nc = (
    await call(
      client11,
      'DocumentCreate',
      evDocument(undefined, {
        Type: 'C',
        DocumentReference: number,
        Lines: [{ APIInvoicingProduct: { Description: 'Energia', UnitPrice: '0.25', Quantity: '4', TaxValue: '23' } }],
      }),
    )
  ).Response;
  assert.equal(nc.Type, 'Success', JSON.stringify(nc));
  const doc = await t.call('GET', `/v1/documents/${nc.Object.DocumentId}`, undefined, { key: me.token });
  assert.deepEqual([doc.body.type, doc.body.status], ['NC', 'final']);
});
