import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from '../be/belgian-account.js';

// GET /v1/documents/{id}/einvoice through the native API, on PGlite and PostgreSQL: a Belgian seller's Peppol UBL
// and CII, a Portuguese seller's CIUS-PT UBL and credit note, each passing the product's validator with no fatal
// finding and carrying the document's own totals; what has no e-invoice is refused.
let t: TestApp;
let beKey: string;
before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  t = await startTestApp();
  const a = await createBelgianAccount(t, 'einvoice');
  beKey = a.apiKey;
});
after(async () => {
  await t?.close();
  await closeEinvoiceValidation();
});

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
});
const text = (v: unknown) =>
  typeof v === 'object' && v !== null ? String((v as { '#text': unknown })['#text']) : String(v);
const beCustomer = {
  name: 'Client NV',
  taxId: 'BE0202239951',
  country: 'BE',
  street: 'Meir 10',
  city: 'Antwerpen',
  postalCode: '2000',
};
const ptCustomer = {
  name: 'Cliente Exemplo SA',
  taxId: '503504564',
  country: 'PT',
  street: 'Avenida da Liberdade 10',
  postalCode: '1250-096',
  city: 'Lisboa',
  email: 'compras@cliente.pt',
};

async function einvoice(id: number, query = '', key?: string) {
  return t.call('GET', `/v1/documents/${id}/einvoice${query}`, undefined, key ? { key } : {});
}

async function assertValid(xml: string, profiles: ('peppol' | 'cius-pt')[]) {
  const r = await validateEinvoice(xml, { profiles });
  assert.deepEqual(
    { xsd: r.xsd.errors, fatal: r.findings.filter((f) => f.flag === 'fatal').map((f) => f.text) },
    { xsd: [], fatal: [] },
  );
}

test('a Belgian invoice at 21 % and 6 %: Peppol UBL by default, its totals, OGM and embedded PDF; valid', async () => {
  const inv = await t.call(
    'POST',
    '/v1/documents',
    {
      type: 'FT',
      finalize: true,
      customer: beCustomer,
      reference: 'PO-4711',
      lines: [
        { description: 'Consultancy', quantity: '10', unitPrice: '75', taxRate: '21', discounts: ['10'] },
        { description: 'Boek', quantity: '2', unitPrice: '12.50', taxRate: '6' },
      ],
    },
    { key: beKey },
  );
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const r = await einvoice(inv.body.id, '', beKey);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(String(r.headers['content-type']), /^application\/xml/);
  assert.equal(r.headers['x-einvoice-profile'], 'peppol');
  assert.match(String(r.headers['content-disposition']), /attachment; filename="FT A\d{4}-1\.xml"/);
  const xml = r.body as string;
  await assertValid(xml, ['peppol']);
  const doc = parser.parse(xml).Invoice;
  assert.equal(doc.CustomizationID, 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
  assert.equal(String(doc.InvoiceTypeCode), '380');
  assert.equal(doc.ID, inv.body.number);
  assert.equal(doc.BuyerReference, 'PO-4711');
  assert.equal(text(doc.AccountingSupplierParty.Party.EndpointID), '0412345614');
  assert.equal(doc.AccountingSupplierParty.Party.EndpointID['@schemeID'], '0208');
  assert.equal(text(doc.AccountingCustomerParty.Party.EndpointID), '0202239951');
  assert.equal(doc.PaymentMeans.PaymentID, inv.body.paymentReference);
  const totals = doc.LegalMonetaryTotal;
  assert.equal(text(totals.TaxExclusiveAmount), inv.body.totals?.net ?? inv.body.netTotal);
  assert.equal(text(totals.PayableAmount), inv.body.totals?.payable ?? inv.body.payableTotal);
  const pdf = doc.AdditionalDocumentReference.Attachment.EmbeddedDocumentBinaryObject;
  assert.equal(pdf['@mimeCode'], 'application/pdf');
  assert.ok(Buffer.from(text(pdf), 'base64').subarray(0, 5).equals(Buffer.from('%PDF-')));

  const bare = await einvoice(inv.body.id, '?attachPdf=false', beKey);
  assert.equal(parser.parse(bare.body as string).Invoice.AdditionalDocumentReference, undefined);
  const cii = await einvoice(inv.body.id, '?syntax=cii&attachPdf=false', beKey);
  assert.equal(cii.status, 200);
  await assertValid(cii.body as string, []);
  const sum = parser.parse(cii.body as string).CrossIndustryInvoice.SupplyChainTradeTransaction
    .ApplicableHeaderTradeSettlement.SpecifiedTradeSettlementHeaderMonetarySummation;
  assert.equal(String(sum.DuePayableAmount), text(totals.PayableAmount));
});

test('a Portuguese invoice with a global discount and withholding: CIUS-PT UBL by default, valid; its credit note', async () => {
  const inv = await t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: ptCustomer,
    reference: 'REQ-2026-7',
    globalDiscount: { kind: 'percent', value: '5' },
    withholding: { type: 'IRS', rate: '25' },
    lines: [
      { description: 'Consultoria', quantity: '3', unitPrice: '100.333', taxName: 'IVA23', discounts: ['10'] },
      { description: 'Livro', quantity: '1', unitPrice: '15', taxName: 'IVA6' },
    ],
  });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const r = await einvoice(inv.body.id, '?attachPdf=false');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.headers['x-einvoice-profile'], 'cius-pt');
  await assertValid(r.body as string, ['cius-pt']);
  const doc = parser.parse(r.body as string).Invoice;
  assert.match(doc.CustomizationID, /CIUS-PT:2\.1\.1$/);
  assert.equal(text(doc.AccountingSupplierParty.Party.PartyTaxScheme.CompanyID).slice(0, 2), 'PT');
  const view = (await t.call('GET', `/v1/documents/${inv.body.id}`)).body;
  const totals = doc.LegalMonetaryTotal;
  assert.equal(text(totals.TaxInclusiveAmount), view.totals?.gross ?? view.grossTotal);
  assert.equal(text(totals.PayableAmount), view.totals?.payable ?? view.payableTotal);

  const nc = await t.call('POST', `/v1/documents/${inv.body.id}/credit-notes`, { finalize: true });
  assert.equal(nc.status, 201, JSON.stringify(nc.body));
  const cn = await einvoice(nc.body.id, '?attachPdf=false');
  assert.equal(cn.status, 200, String(cn.body));
  await assertValid(cn.body as string, ['cius-pt']);
  const credit = parser.parse(cn.body as string).CreditNote;
  assert.equal(String(credit.CreditNoteTypeCode), '381');
  assert.equal(credit.BillingReference.InvoiceDocumentReference.ID, inv.body.number);
});

test('no e-invoice for a draft (409), a non-invoice document (422) or CIUS-PT in CII (422); bad options 422', async () => {
  const lines = [{ description: 'x', quantity: '1', unitPrice: '10', taxName: 'IVA23' }];
  const draft = await t.call('POST', '/v1/documents', { type: 'FT', lines });
  const d = await einvoice(draft.body.id);
  assert.equal(d.status, 409);
  assert.equal(d.body.error.code, 'document_not_final');
  const quote = await t.call('POST', '/v1/documents', { type: 'OR', finalize: true, lines });
  assert.equal(quote.status, 201, JSON.stringify(quote.body));
  const q = await einvoice(quote.body.id);
  assert.equal(q.status, 422);
  assert.match(q.body.error.message, /no EN 16931 e-invoice/);
  const ft = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines });
  const c = await einvoice(ft.body.id, '?syntax=cii&profile=cius-pt');
  assert.equal(c.status, 422);
  assert.equal(c.body.error.details[0].field, 'profile');
  assert.equal((await einvoice(ft.body.id, '?profile=xrechnung')).status, 422);
  assert.equal((await einvoice(999999999)).status, 404);
});
