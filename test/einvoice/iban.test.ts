import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { pdfPages } from '../pdf/pdf-text.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from '../be/belgian-account.js';

// The seller's bank account (#16 §2) through the native API, on PGlite and PostgreSQL: set with PATCH /v1/account,
// refused when it is not an IBAN or BIC, then stated on a Belgian invoice's Peppol UBL and CII as a SEPA credit
// transfer (58) with the OGM, both valid; without an IBAN the e-invoice states no account.
let t: TestApp;
let key: string;
before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  t = await startTestApp();
  const a = await createBelgianAccount(t, 'iban');
  key = a.apiKey;
});
after(async () => {
  await t?.close();
  await closeEinvoiceValidation();
});

const call = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key });
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, parseTagValue: false });
const beCustomer = {
  name: 'Client NV',
  taxId: 'BE0202239951',
  country: 'BE',
  street: 'Meir 10',
  city: 'Antwerpen',
  postalCode: '2000',
};
const invoice = () =>
  call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: beCustomer,
    lines: [{ description: 'Consultancy', quantity: '2', unitPrice: '75', taxRate: '21' }],
  });

async function assertValid(xml: string, profiles: 'peppol'[]) {
  const r = await validateEinvoice(xml, { profiles });
  assert.deepEqual(
    { xsd: r.xsd.errors, fatal: r.findings.filter((f) => f.flag === 'fatal').map((f) => f.text) },
    { xsd: [], fatal: [] },
  );
}

test('no IBAN yet: the account shows none and the UBL states no payee account', async () => {
  const acc = await call('GET', '/v1/account');
  assert.equal(acc.status, 200);
  assert.equal(acc.body.iban, null);
  assert.equal(acc.body.bic, null);
  const inv = await invoice();
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const r = await call('GET', `/v1/documents/${inv.body.id}/einvoice?attachPdf=false`);
  assert.equal(r.status, 200);
  const means = parser.parse(r.body as string).Invoice.PaymentMeans;
  assert.equal(means.PaymentID, inv.body.paymentReference);
  assert.equal(means.PayeeFinancialAccount, undefined);
  assert.notEqual(String(means.PaymentMeansCode), '58');
  const pdf = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${inv.body.id}/pdf`,
    headers: { authorization: `Bearer ${key}` },
  });
  assert.ok(!(await pdfPages(pdf.rawPayload)).join('\n').includes('IBAN'));
});

test('an invalid IBAN or BIC: 422 naming the field, nothing stored', async () => {
  const bad = await call('PATCH', '/v1/account', { iban: 'BE69 5390 0754 7034', bic: 'GEBABEBB' });
  assert.equal(bad.status, 422, JSON.stringify(bad.body));
  assert.deepEqual(
    bad.body.error.details.map((d: { field: string }) => d.field),
    ['iban'],
  );
  const short = await call('PATCH', '/v1/account', { iban: 'BE68 5390 0754 703' });
  assert.equal(short.status, 422);
  const bic = await call('PATCH', '/v1/account', { iban: 'BE68 5390 0754 7034', bic: 'GEBA' });
  assert.equal(bic.status, 422);
  assert.equal(bic.body.error.details[0].field, 'bic');
  const acc = await call('GET', '/v1/account');
  assert.equal(acc.body.iban, null);
  assert.equal(acc.body.bic, null);
});

test('an IBAN set through the API: normalized, and on the UBL and CII as a SEPA transfer with the OGM; valid', async () => {
  const set = await call('PATCH', '/v1/account', { iban: 'be68 5390 0754 7034', bic: 'gebabebb' });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.iban, 'BE68539007547034');
  assert.equal(set.body.bic, 'GEBABEBB');
  assert.equal((await call('GET', '/v1/account')).body.iban, 'BE68539007547034');

  const inv = await invoice();
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  assert.match(inv.body.paymentReference, /^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
  const r = await call('GET', `/v1/documents/${inv.body.id}/einvoice?attachPdf=false`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await assertValid(r.body as string, ['peppol']);
  const means = parser.parse(r.body as string).Invoice.PaymentMeans;
  assert.equal(String(means.PaymentMeansCode), '58');
  assert.equal(means.PaymentID, inv.body.paymentReference);
  assert.equal(means.PayeeFinancialAccount.ID, 'BE68539007547034');
  assert.equal(means.PayeeFinancialAccount.FinancialInstitutionBranch.ID, 'GEBABEBB');

  const cii = await call('GET', `/v1/documents/${inv.body.id}/einvoice?syntax=cii&attachPdf=false`);
  assert.equal(cii.status, 200);
  await assertValid(cii.body as string, []);
  const settlement = parser.parse(cii.body as string).CrossIndustryInvoice.SupplyChainTradeTransaction
    .ApplicableHeaderTradeSettlement;
  assert.equal(settlement.PaymentReference, inv.body.paymentReference);
  const ciiMeans = settlement.SpecifiedTradeSettlementPaymentMeans;
  assert.equal(String(ciiMeans.TypeCode), '58');
  assert.equal(ciiMeans.PayeePartyCreditorFinancialAccount.IBANID, 'BE68539007547034');
  assert.equal(ciiMeans.PayeeSpecifiedCreditorFinancialInstitution.BICID, 'GEBABEBB');

  const pdf = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${inv.body.id}/pdf`,
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(pdf.statusCode, 200);
  const pdfText = (await pdfPages(pdf.rawPayload)).join('\n').replace(/\s+/g, ' ');
  assert.ok(pdfText.includes('IBAN BE68 5390 0754 7034'), pdfText);
  assert.ok(pdfText.includes('BIC GEBABEBB'), pdfText);

  const cleared = await call('PATCH', '/v1/account', { iban: null, bic: null });
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.iban, null);
});

test('the bank account is the one at issue: a later change shows on new documents only', async () => {
  const before = await invoice();
  assert.equal(before.status, 201, JSON.stringify(before.body));
  assert.equal((await call('PATCH', '/v1/account', { iban: 'BE68 5390 0754 7034', bic: null })).status, 200);
  const first = await invoice();
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal((await call('PATCH', '/v1/account', { iban: 'BE71 0961 2345 6769' })).status, 200);
  const second = await invoice();
  const payee = async (id: number) => {
    const r = await call('GET', `/v1/documents/${id}/einvoice?attachPdf=false`);
    assert.equal(r.status, 200);
    return parser.parse(r.body as string).Invoice.PaymentMeans.PayeeFinancialAccount?.ID;
  };
  assert.equal(await payee(before.body.id), undefined, 'issued while the account had no IBAN');
  assert.equal(await payee(first.body.id), 'BE68539007547034');
  assert.equal(await payee(second.body.id), 'BE71096123456769');
  assert.equal((await call('PATCH', '/v1/account', { iban: null })).status, 200);
});
