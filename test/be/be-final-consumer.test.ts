import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from './belgian-account.js';

// Portugal's final consumer (NIF 999999990) on a Belgian seller (#16): an invoice without a customer is refused
// (Royal Decree no. 1 art. 5 §1 7°: the customer's name), a named consumer has no VAT number on the document nor in
// its UBL, which is valid EN 16931; a quote may still go to the anonymous customer, without 999999990; a Portuguese
// account's final consumer is unchanged.
let t: TestApp;
let key: string;
let accountId: number;
before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  t = await startTestApp();
  ({ apiKey: key, accountId } = await createBelgianAccount(t, 'be-fc'));
});
after(async () => {
  await t?.close();
  await closeEinvoiceValidation();
});

const call = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key });
const lines = [{ description: 'Fiets', quantity: '1', unitPrice: '500', taxRate: '21' }];
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@' });
const documentCount = async () =>
  Number(
    (
      await t.db.database.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a BE invoice, credit or debit note without a customer is a 422 naming the rule; nothing is written', async () => {
  const before = await documentCount();
  for (const body of [
    { type: 'FT', finalize: true, lines },
    { type: 'FT', lines },
    { type: 'ND', finalize: true, lines },
  ]) {
    const r = await call('POST', '/v1/documents', body);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const detail = r.body.error.details.find((d: { field: string }) => d.field === 'customer');
    assert.ok(detail, JSON.stringify(r.body.error));
    assert.equal(detail.issue, 'required');
    assert.match(detail.message, /Royal Decree no\. 1 art\. 5/);
  }
  assert.equal(await documentCount(), before);
  // The account's final-consumer contact has no Portuguese NIF either.
  const fc = await t.db.database.db
    .selectFrom('contacts')
    .select(['tax_id', 'id'])
    .where('account_id', '=', accountId)
    .where('is_final_consumer', '=', true)
    .executeTakeFirstOrThrow();
  assert.equal(fc.tax_id, null);
  const byContact = await call('POST', '/v1/documents', { type: 'FT', contactId: fc.id, lines });
  assert.equal(byContact.status, 422, JSON.stringify(byContact.body));
});

test('an invoice to a named Belgian consumer: no VAT number on it nor in its Peppol UBL, which is valid', async () => {
  const r = await call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Jan Peeters', country: 'BE', street: 'Meir 1', postalCode: '2000', city: 'Antwerpen' },
    lines,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const row = await t.db.database.db
    .selectFrom('documents')
    .select('customer')
    .where('id', '=', r.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.customer.name, 'Jan Peeters');
  assert.ok(!row.customer.taxId, `no tax id in the snapshot: ${JSON.stringify(row.customer)}`);
  const rg = await call('POST', '/v1/receipts', { documents: [{ documentId: r.body.id, amount: '100.00' }] });
  assert.equal(rg.status, 201, JSON.stringify(rg.body));
  const rgRow = await t.db.database.db
    .selectFrom('documents')
    .select('customer')
    .where('id', '=', rg.body.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([rgRow.customer.name, rgRow.customer.taxId], ['Jan Peeters', ''], 'its receipt neither');
  const ubl = await call('GET', `/v1/documents/${r.body.id}/einvoice?attachPdf=false&profile=en16931`);
  assert.equal(ubl.status, 200, String(ubl.body));
  const xml = ubl.body as string;
  assert.ok(!xml.includes('999999990'), 'Portugal’s final consumer is not in the UBL');
  const buyer = parser.parse(xml).Invoice.AccountingCustomerParty.Party;
  assert.equal(buyer.PartyLegalEntity.RegistrationName, 'Jan Peeters');
  assert.equal(buyer.PartyTaxScheme, undefined, 'no buyer VAT id (BT-48)');
  assert.equal(buyer.EndpointID, undefined, 'no buyer electronic address (BT-49)');
  const fatals = async (doc: string, profiles: 'peppol'[]) => {
    const v = await validateEinvoice(doc, { profiles });
    return { xsd: v.xsd.errors, fatal: v.findings.filter((f) => f.flag === 'fatal').map((f) => f.id) };
  };
  assert.deepEqual(await fatals(xml, []), { xsd: [], fatal: [] }, 'EN 16931: valid');
  // NOTE: a consumer is not on Peppol (B2C is outside the Belgian mandate): its Peppol UBL lacks only the buyer's
  // Peppol address, PEPPOL-EN16931-R010; the Peppol send stops on that fatal as on any other.
  const peppol = await call('GET', `/v1/documents/${r.body.id}/einvoice?attachPdf=false&profile=peppol`);
  assert.equal(peppol.status, 200);
  assert.ok(!(peppol.body as string).includes('999999990'));
  assert.deepEqual(await fatals(peppol.body as string, ['peppol']), { xsd: [], fatal: ['PEPPOL-EN16931-R010'] });
});

test('a BE quote may go to the anonymous customer, without 999999990; a PT invoice keeps its final consumer', async () => {
  const quote = await call('POST', '/v1/documents', { type: 'OR', finalize: true, lines });
  assert.equal(quote.status, 201, JSON.stringify(quote.body));
  const row = await t.db.database.db
    .selectFrom('documents')
    .select('customer')
    .where('id', '=', quote.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.customer.taxId, '');
  const pt = await t.call('POST', '/v1/documents', {
    type: 'FS',
    finalize: true,
    lines: [{ description: 'Café', quantity: '1', unitPrice: '1', taxName: 'IVA23' }],
  });
  assert.equal(pt.status, 201, JSON.stringify(pt.body));
  const ptRow = await t.db.database.db
    .selectFrom('documents')
    .select('customer')
    .where('id', '=', pt.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(ptRow.customer.taxId, '999999990');
});
