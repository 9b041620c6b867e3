import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readShared, skipUnlessShared } from '../support/shared.js';

// The MagniFinance REST twin `/magnifinance/api/v1.1` (#18) on PGlite and PostgreSQL: seed 000's JSON as printed,
// DocumentGet polled until the PDF is ready and its DownloadUrl fetched without headers, cancel, payment status,
// MagniFinance's coercions, and the envelope's statuses (401 auth, 404 unknown or another tenant's, 400 invalid).
const SEED = ['seeds', '000_aa5ad66eaf475940.txt'];
const BASE = '/magnifinance/api/v1.1';

interface Account {
  email: string;
  token: string;
  accountId: number;
}

let t: TestApp;
let own: Account;
let other: Account;

async function mfAccount(tag: string): Promise<Account> {
  const email = `${tag}-${Date.now()}@example.com`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: `Empresa ${tag}, Lda`,
      taxId: '503340855',
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email },
    }),
  );
  return { email, token: a.apiKey, accountId: a.accountId };
}

before(async () => {
  t = await startTestApp({ secretKey: 'c'.repeat(64) });
  own = await mfAccount('mf-rest');
  other = await mfAccount('mf-rest-other');
  // Seed 000 sends Serie "FR": the shop has that series (an unknown one is 18 SerieDataNotMatch).
  const fr = await t.call('POST', '/v1/series', { code: 'FR' }, { key: own.token });
  assert.equal(fr.status, 201, JSON.stringify(fr.body));
});
after(async () => {
  await t?.close();
});

interface Answer {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function rest(
  method: string,
  url: string,
  opts: { body?: string | object; headers?: Record<string, string>; as?: Account | null } = {},
): Promise<Answer> {
  const who = opts.as === undefined ? own : opts.as;
  const res = await t.app.inject({
    method: method as 'GET',
    url: url.startsWith('/') ? url : `${BASE}/${url}`,
    headers: {
      ...(who ? { email: who.email, token: who.token } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    payload:
      typeof opts.body === 'string' ? opts.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, text: res.body, body };
}

const today = () => new Date().toISOString().slice(0, 10);

/** Seed 000's REST request as printed (it starts at `"IsToClose"`), with its typo `""????"` fixed and dates given. */
function seedRequest(): string {
  const seed = readShared(...SEED);
  const start = seed.indexOf('"IsToClose"');
  const end = seed.indexOf('Automatically issue', start);
  const printed = seed.slice(start, end).trim();
  return `{${printed}`.replace('""????"', '"????"').replaceAll('????', today());
}

/** A document body as digitaldev-lx/magnifinance (Laravel's Http client) sends it: numbers, and `Address: false`. */
function phpBody(over: Record<string, unknown> = {}) {
  return {
    Client: {
      Name: 'Cliente PHP',
      NIF: '180975030',
      Email: 'cliente@example.com',
      Address: false,
      City: false,
      PostCode: '1000-001',
      CountryCode: 'PT',
      LegalName: 'Cliente PHP',
      PhoneNumber: null,
    },
    Document: {
      Type: 'I',
      Date: today(),
      DueDate: today(),
      Description: 'App\\Booking',
      Currency: 'EUR',
      ExternalId: `txn-${Date.now()}-${Math.random()}`,
      Lines: [
        {
          Code: '007',
          Description: 'Plan',
          UnitPrice: 12.195,
          Quantity: 2,
          Unit: 'Service',
          Type: 'S',
          TaxValue: 23,
          ProductDiscount: 0,
          CostCenter: 'App\\BookingItem',
        },
      ],
      ...over,
    },
    IsToClose: true,
    SendTo: '',
  };
}

/** GET /document until the PDF is ready, as clients poll (the outbox renders it here). */
async function pollDocument(id: number, as: Account = own): Promise<Answer> {
  let got: Answer | undefined;
  for (let i = 0; i < 20; i++) {
    got = await rest('GET', `document?documentId=${id}`, { as });
    if (got.body?.IsSuccess) return got;
    await t.worker.drain();
  }
  return got!;
}

function assertEnvelope(a: Answer, status: number, success: boolean) {
  assert.equal(a.status, status, a.text);
  assert.match(String(a.body.RequestId), /^[0-9a-f-]{36}$/);
  assert.equal(a.body.Type, success ? 0 : 1, a.text);
  assert.equal(a.body.IsSuccess, success);
  assert.equal(a.body.IsError, !success);
  assert.ok(Array.isArray(a.body.ValidationErrors), a.text);
  if (!success) {
    assert.equal(typeof a.body.ErrorValue.Value, 'number', a.text);
    assert.equal(typeof a.body.ErrorValue.Name, 'string');
    assert.equal(typeof a.body.ErrorHumanReadable, 'string');
  }
}

async function nativeDocument(id: number, as: Account = own) {
  return t.call('GET', `/v1/documents/${id}`, undefined, { key: as.token });
}

test(
  "seed 000's REST JSON, as printed: a finalized FR, its number and PDF link once ready",
  skipUnlessShared(...SEED),
  async () => {
    const created = await rest('POST', 'document', { body: seedRequest() });
    assertEnvelope(created, 200, true);
    const id = created.body.Object.DocumentId;
    assert.equal(typeof id, 'number', created.text);
    const doc = await nativeDocument(id);
    assert.equal(doc.status, 200);
    assert.equal(doc.body.type, 'FR');
    assert.equal(doc.body.status, 'final');

    const got = await pollDocument(id);
    assertEnvelope(got, 200, true);
    assert.match(got.body.Object.DocumentNumber, /^FR \S+\/\d+$/);
    assert.equal(got.body.Object.PaymentStatus, 'Complete');
    assert.match(got.body.Object.TotalAmount, /^\d+,\d{2}$/);
    assert.equal(got.body.Object.UnpaidAmount, '0,00');
    const details = got.body.Object.Details;
    assert.equal(details.Document.DocumentId, id);
    assert.equal(details.Document.Type, 'T');
    assert.equal(details.Document.DocumentStatus, 'Closed');
    assert.equal(details.Client.NIF, '180975030');
    assert.deepEqual(
      [details.Lines[0].Code, details.Lines[0].UnitPrice, details.Lines[0].TaxValue, details.Lines[0].ProductDiscount],
      ['SI', '1', '23', '20'],
    );
    const url = new URL(got.body.Object.DownloadUrl);
    const pdf = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
  },
);

test('a body as digitaldev-lx sends it: JSON numbers kept exact, `Address: false` read as no address', async () => {
  const created = await rest('POST', 'document', { body: phpBody() });
  assertEnvelope(created, 200, true);
  const doc = await nativeDocument(created.body.Object.DocumentId);
  assert.equal(doc.body.type, 'FT');
  assert.equal(doc.body.status, 'final');
  assert.equal(doc.body.lines[0].unitPrice, '12.195');
  assert.equal(doc.body.lines[0].quantity, '2');
  assert.equal(doc.body.customer.taxId, '180975030');
  assert.ok(!/false|true/.test(JSON.stringify(doc.body.customer)), JSON.stringify(doc.body.customer));
});

test('property: an invoice is NoPayment with its whole amount unpaid; an unknown property is 07', async () => {
  const created = await rest('POST', 'document', { body: phpBody() });
  const id = created.body.Object.DocumentId;
  const status = await rest('GET', `document/property?DocumentId=${id}&documentProperty=PaymentStatus`);
  assertEnvelope(status, 200, true);
  assert.equal(status.body.Object.PaymentStatus, 'NoPayment');
  assert.match(status.body.Object.TotalAmount, /^\d+,\d{2}$/);
  assert.equal(status.body.Object.UnpaidAmount, status.body.Object.TotalAmount);
  const byDefault = await rest('GET', `document/property?documentId=${id}`);
  assert.equal(byDefault.body.Object.PaymentStatus, 'NoPayment');
  const unknown = await rest('GET', `document/property?documentId=${id}&property=colour`);
  assertEnvelope(unknown, 400, false);
  assert.equal(unknown.body.ErrorValue.Value, 7);
});

test('IsToClose "false": a draft, which DocumentGet answers 06 (404); PATCH then removes it', async () => {
  const created = await rest('POST', 'document', { body: { ...phpBody(), IsToClose: 'false' } });
  assertEnvelope(created, 200, true);
  const id = created.body.Object.DocumentId;
  assert.equal((await nativeDocument(id)).body.status, 'draft');
  const got = await rest('GET', `document?documentId=${id}`);
  assertEnvelope(got, 404, false);
  assert.deepEqual(got.body.ErrorValue, { Value: 6, Name: 'ElementDoesNotExist' });
  const cancelled = await rest('PATCH', `document?documentId=${id}`, { body: '' });
  assertEnvelope(cancelled, 200, true);
  assert.equal((await nativeDocument(id)).status, 404);
});

test('PATCH cancels a closed document; GET still answers it, now cancelled', async () => {
  const created = await rest('POST', 'document', { body: phpBody() });
  const id = created.body.Object.DocumentId;
  const cancelled = await rest('PATCH', `document?documentId=${id}`);
  assertEnvelope(cancelled, 200, true);
  assert.equal((await nativeDocument(id)).body.status, 'cancelled');
  const again = await rest('PATCH', `document?documentId=${id}`);
  assertEnvelope(again, 400, false);
  const got = await pollDocument(id);
  assertEnvelope(got, 200, true);
  assert.match(got.body.Object.DocumentNumber, /^FT \S+\/\d+$/);
});

test("another account's document, or none, is 404 ElementDoesNotExist on every route (no id: 400)", async () => {
  const created = await rest('POST', 'document', { body: phpBody() });
  const id = created.body.Object.DocumentId;
  for (const [method, url] of [
    ['GET', `document?documentId=${id}`],
    ['PATCH', `document?documentId=${id}`],
    ['GET', `document/property?documentId=${id}`],
  ]) {
    const refused = await rest(method, url, { as: other });
    assertEnvelope(refused, 404, false);
    assert.equal(refused.body.ErrorValue.Value, 6);
  }
  assert.equal((await nativeDocument(id)).body.status, 'final');
  assertEnvelope(await rest('GET', 'document?documentId=999999999'), 404, false);
  const missing = await rest('GET', 'document');
  assertEnvelope(missing, 400, false);
  assert.equal(missing.body.ValidationErrors[0].Field, 'DocumentId');
});

test('invalid documents are 400 with ValidationErrors naming the field; nothing is written', async () => {
  const before = await t.call('GET', '/v1/documents', undefined, { key: own.token });
  const line = phpBody().Document.Lines[0];
  const percent = await rest('POST', 'document', { body: phpBody({ Lines: [{ ...line, TaxValue: '7' }] }) });
  assertEnvelope(percent, 400, false);
  assert.equal(percent.body.ErrorValue.Value, 22);
  assert.match(percent.body.ValidationErrors[0].Field, /TaxValue/);
  const empty = await rest('POST', 'document', { body: phpBody({ Lines: [] }) });
  assertEnvelope(empty, 400, false);
  assert.equal(empty.body.ErrorValue.Value, 2);
  assert.match(empty.body.ValidationErrors[0].Field, /Lines/);
  const currency = await rest('POST', 'document', { body: phpBody({ Currency: 'xyz' }) });
  assertEnvelope(currency, 400, false);
  assert.equal(currency.body.ErrorValue.Value, 11);
  const after = await t.call('GET', '/v1/documents', undefined, { key: own.token });
  assert.equal(JSON.stringify(after.body), JSON.stringify(before.body));
});

test('the same ExternalId twice: 14 SaveFailed with DocumentIsADuplicate on DocumentDetailExternalId', async () => {
  const body = phpBody();
  assertEnvelope(await rest('POST', 'document', { body }), 200, true);
  const duplicate = await rest('POST', 'document', { body });
  assertEnvelope(duplicate, 400, false);
  assert.deepEqual(duplicate.body.ErrorValue, { Value: 14, Name: 'SaveFailed' });
  assert.equal(duplicate.body.ValidationErrors[0].Type, 'DocumentIsADuplicate');
  assert.equal(duplicate.body.ValidationErrors[0].Field, 'DocumentDetailExternalId');
});

test('names in any case, `Series` for Serie, zeros for missing values (EuroRate 0 = EUR, id 0 = none)', async () => {
  const lower = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(lower)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lower(x)]))
        : v;
  const body = phpBody({ id: 0, EuroRate: 0, Series: 'fr', Currency: 'eur', Retention: 0 });
  const created = await rest('POST', 'document', { body: lower(body) as object });
  assertEnvelope(created, 200, true);
  const doc = await nativeDocument(created.body.Object.DocumentId);
  assert.equal(doc.body.type, 'FT');
  assert.equal(doc.body.currency, 'EUR');
  assert.equal(doc.body.lines[0].unitPrice, '12.195');
  assert.equal(doc.body.withholding, null);
});

test('Client CountryCode as a code in any case or a name (Portugal); an unknown country is 02 on Client.CountryCode', async () => {
  const named = phpBody();
  named.Client.CountryCode = 'Portugal';
  const created = await rest('POST', 'document', { body: named });
  assertEnvelope(created, 200, true);
  const doc = await nativeDocument(created.body.Object.DocumentId);
  assert.equal(doc.body.customer.country, 'PT');
  const bad = phpBody();
  bad.Client.CountryCode = 'Atlântida';
  const refused = await rest('POST', 'document', { body: bad });
  assertEnvelope(refused, 400, false);
  assert.equal(refused.body.ErrorValue.Value, 2);
  assert.deepEqual(
    refused.body.ValidationErrors.map((v: { Field: string; Value: string }) => [v.Field, v.Value]),
    [['Client.CountryCode', 'Atlântida']],
  );
});
