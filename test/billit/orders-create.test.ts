import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { paymentReferenceFor } from '../../src/domain/be/payment-reference.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { settle } from '../email/email-env.js';
import { readShared, skipUnlessShared } from '../support/shared.js';
import { createBelgianAccount } from '../be/belgian-account.js';

// POST /v1/orders and GET /v1/orders/{id} of the Billit dialect (#17) on PGlite and PostgreSQL: seed 004's request
// sent byte for byte, its totals and Peppol UBL, its validation example, credit notes, idempotency, files.
const SEED = ['seeds', '004_34d7cb811047a970.txt'];
let t: TestApp;
let sink: SmtpSink;
let key: string;
let accountId: number;
before(async () => {
  configureEinvoiceValidation({ threads: 1 });
  sink = await startSmtpSink();
  t = await startTestApp({
    secretKey: 'b'.repeat(64),
    smtp: {
      host: sink.host,
      port: sink.port,
      secure: false,
      from: 'faturas@example.be',
      timeoutMs: 2000,
      maxAttempts: 2,
    },
  });
  const a = await createBelgianAccount(t, 'billit-orders');
  key = a.apiKey;
  accountId = a.accountId;
});
after(async () => {
  await t?.close();
  await sink?.close();
  await closeEinvoiceValidation();
});

/** A raw Billit request: `ApiKey` header, the body as text (sent as is). */
async function billit(method: string, url: string, body?: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    payload: body,
    headers: { ApiKey: key, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  });
  return { status: res.statusCode, text: res.body, json: () => JSON.parse(res.body) };
}

/** The seed's text between its first `{` after "API Request" and the "Validations" heading: the request as printed. */
function seedRequest(): string {
  const seed = readShared(...SEED);
  const start = seed.indexOf('{', seed.indexOf('API Request'));
  return seed.slice(start, seed.indexOf('Validations', start)).trim();
}

const order = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    OrderType: 'Invoice',
    OrderDirection: 'Income',
    Customer: {
      Name: 'Klant BV',
      VATNumber: 'BE0202239951',
      Addresses: [
        {
          AddressType: 'InvoiceAddress',
          Street: 'Meir',
          StreetNumber: '10',
          Zipcode: '2000',
          City: 'Antwerpen',
          CountryCode: 'BE',
        },
      ],
    },
    OrderLines: [{ Quantity: 2, UnitPriceExcl: 50, Description: 'Consultancy', VATPercentage: 21 }],
    ...over,
  });

test(
  "seed 004's request, as printed: a bare OrderID; GET shows 17.50 / 2.18 / 19.68 and a valid Peppol UBL",
  skipUnlessShared(...SEED),
  async () => {
    const created = await billit('POST', '/billit/v1/orders', seedRequest());
    assert.equal(created.status, 200, created.text);
    assert.match(created.text, /^\d+$/, 'the body is the bare number');
    const id = Number(created.text);
    const got = await billit('GET', `/billit/v1/orders/${id}`);
    assert.equal(got.status, 200, got.text);
    const o = got.json();
    assert.equal(o.OrderID, id);
    assert.deepEqual([o.TotalExcl, o.TotalVAT, o.TotalIncl], [17.5, 2.18, 19.68]);
    assert.equal(o.OrderType, 'Invoice');
    assert.equal(o.OrderDirection, 'Income');
    assert.equal(o.OrderDate, '2024-01-01T00:00:00');
    assert.equal(o.ExpiryDate, '2024-01-31T00:00:00');
    assert.equal(o.Customer.Name, 'Billit');
    assert.equal(o.Customer.VATNumber, 'BE0563846944');
    assert.equal(o.Customer.City, 'Ghent');
    assert.equal(o.PaymentReference, paymentReferenceFor(id));
    assert.deepEqual(
      o.OrderLines.map((l: Record<string, unknown>) => [
        l.Description,
        l.Quantity,
        l.UnitPriceExcl,
        l.VATPercentage,
        l.TotalExcl,
        l.TotalVAT,
      ]),
      [
        ['Box of cookies', 1, 10, 6, 10, 0.6],
        ['Sticks', 2, 3.75, 21, 7.5, 1.58],
      ],
    );
    assert.equal(o.Paid, false);
    assert.deepEqual(o.CurrentDocumentDeliveryDetails, { IsDocumentDelivered: false });
    // No PDF of its own: Billit's generated one, the document's PDF under its FileID.
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/billit/v1/files/${o.OrderPDF.FileID}/download`,
      headers: { ApiKey: key },
    });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(o.Messages, []);
    assert.doesNotMatch(
      got.text,
      /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/,
      'no zone on any date',
    );
    // The same order through the native API's e-invoice: EN 16931 + Peppol BIS, no fatal finding.
    const xml = await t.app.inject({
      method: 'GET',
      url: `/v1/documents/${id}/einvoice`,
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(xml.statusCode, 200, xml.body);
    const r = await validateEinvoice(xml.body, { profiles: ['peppol'] });
    assert.deepEqual(
      { xsd: r.xsd.errors, fatal: r.findings.filter((f) => f.flag === 'fatal').map((f) => f.text) },
      { xsd: [], fatal: [] },
    );
    // The customer is found again by its VAT number: a second order creates no second party.
    const again = await billit('POST', '/billit/v1/orders', seedRequest().replace('"QS-001"', '"QS-002"'));
    assert.equal(again.status, 200, again.text);
    const second = (await billit('GET', `/billit/v1/orders/${again.text}`)).json();
    assert.equal(second.Customer.PartyID, o.Customer.PartyID);
  },
);

test("seed 004's validation example: 7 % on a Belgian invoice → InvalidVAtPercentageForTaxCountry_0_", async () => {
  const r = await billit(
    'POST',
    '/billit/v1/orders',
    order({ OrderLines: [{ Quantity: 1, UnitPriceExcl: 10, Description: 'X', VATPercentage: 7 }] }),
  );
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json(), {
    errors: [
      { Code: 'InvalidVAtPercentageForTaxCountry_0_', Description: 'Invalid VAT percentage for country code BE' },
    ],
  });
  const email = await billit(
    'POST',
    '/billit/v1/orders',
    order({ Customer: { Name: 'Nieuw BV', Email: 'not-an-email', CountryCode: 'BE' } }),
  );
  assert.equal(email.status, 400, email.text);
  assert.match(email.json().errors[0].Description, /^Customer\.Email: /, 'the field as the client named it');
  const noLines = await billit('POST', '/billit/v1/orders', order({ OrderLines: [], OrderDate: '01/02/2024' }));
  assert.deepEqual(
    noLines
      .json()
      .errors.map((e: { Code: string }) => e.Code)
      .sort(),
    ['InvalidValue', 'TheOrderMustHaveAtLeastOneOrderLine'],
  );
});

test('field names in any case, a credit note on AboutInvoiceNumber, and an unknown one refused', async () => {
  const inv = await billit(
    'POST',
    '/billit/v1/orders',
    order({ ordernumber: 'INV-7' }).replace('"OrderLines"', '"orderlines"'),
  );
  assert.equal(inv.status, 200, inv.text);
  const cn = await billit(
    'POST',
    '/billit/v1/orders',
    order({
      OrderType: 'CreditNote',
      AboutInvoiceNumber: 'INV-7',
      OrderLines: [{ Quantity: 1, UnitPriceExcl: 50, Description: 'Refund', VATPercentage: 21 }],
    }),
  );
  assert.equal(cn.status, 200, cn.text);
  const view = (await billit('GET', `/billit/v1/orders/${cn.text}`)).json();
  assert.equal(view.OrderType, 'CreditNote');
  assert.deepEqual([view.TotalExcl, view.TotalVAT, view.TotalIncl], [50, 10.5, 60.5]);
  const unknown = await billit(
    'POST',
    '/billit/v1/orders',
    order({ OrderType: 'CreditNote', AboutInvoiceNumber: 'NOPE-1' }),
  );
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json().errors[0].Code, 'TheAboutInvoiceNumberCouldNotBeFound');
  const paid = await billit('POST', '/billit/v1/orders', order({ Paid: true, PaidDate: '2026-01-15T10:00:00.000Z' }));
  assert.equal(paid.status, 200, paid.text);
  const pv = (await billit('GET', `/billit/v1/orders/${paid.text}`)).json();
  assert.deepEqual([pv.Paid, pv.ToPay, pv.OrderStatus, pv.PaidDate], [true, 0, 'Paid', '2026-01-15T11:00:00']);
  const byParty = await billit('POST', '/billit/v1/orders', order({ Customer: { PartyID: pv.Customer.PartyID } }));
  assert.equal(byParty.status, 200, byParty.text);
  assert.equal((await billit('GET', `/billit/v1/orders/${byParty.text}`)).json().Customer.Name, 'Klant BV');
  const offer = await billit('POST', '/billit/v1/orders', order({ OrderType: 'Offer' }));
  assert.equal(offer.status, 200, offer.text);
  assert.equal((await billit('GET', `/billit/v1/orders/${offer.text}`)).json().OrderType, 'Offer');
});

test('idempotency: both header names; a replay → 409 "Idempotent token already exists"; a refused order keeps no key', async () => {
  for (const header of ['Idempotency-Key', 'idempotent-key']) {
    const k = `create-order-${header}`;
    const bad = await billit(
      'POST',
      '/billit/v1/orders',
      order({ OrderLines: [{ Quantity: 1, UnitPriceExcl: 1, Description: 'X', VATPercentage: 7 }] }),
      { [header]: k },
    );
    assert.equal(bad.status, 400);
    const first = await billit('POST', '/billit/v1/orders', order(), { [header]: k });
    assert.equal(first.status, 200, `${header}: the key was kept only after success: ${first.text}`);
    const replay = await billit('POST', '/billit/v1/orders', order(), { [header]: k });
    assert.equal(replay.status, 409);
    assert.equal(replay.json().errors[0].Code, 'Idempotent token already exists');
  }
});

test('OrderPDF and Attachments in base64 become files of the order; another party’s OrderID → 401', async () => {
  const pdf = Buffer.from('%PDF-1.4 own invoice').toString('base64');
  const r = await billit(
    'POST',
    '/billit/v1/orders',
    order({
      OrderPDF: { FileName: 'own.pdf', MimeType: 'application/pdf', FileContent: pdf },
      Attachments: [{ FileName: 'a.txt', MimeType: 'text/plain', FileContent: Buffer.from('hi').toString('base64') }],
    }),
  );
  assert.equal(r.status, 200, r.text);
  const o = (await billit('GET', `/billit/v1/orders/${r.text}`)).json();
  assert.match(o.OrderPDF.FileID, /^[0-9a-f-]{36}$/);
  assert.equal(o.Attachments.length, 1);
  const own = await billit('GET', `/billit/v1/files/${o.OrderPDF.FileID}/download`);
  assert.equal(own.status, 200);
  assert.equal(own.text, '%PDF-1.4 own invoice', 'the client’s own PDF, byte for byte');
  const other = await t.newAccount();
  const foreign = await billit('GET', `/billit/v1/orders/${r.text}`, undefined, { ApiKey: other.apiKey });
  assert.equal(foreign.status, 401);
  assert.equal(foreign.json().errors[0].Code, 'Unauthorized');
  assert.ok(accountId > 0);
});

test('a Cost order records the supplier’s e-invoice it carries as a purchase document; without one → 400', async () => {
  const supplier = await createBelgianAccount(t, 'billit-supplier', { legalName: 'Leverancier NV' });
  const sale = await billit('POST', '/billit/v1/orders', order(), { ApiKey: supplier.apiKey });
  assert.equal(sale.status, 200, sale.text);
  const ubl = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${sale.text}/einvoice`,
    headers: { authorization: `Bearer ${supplier.apiKey}` },
  });
  assert.equal(ubl.statusCode, 200);
  const cost = await billit(
    'POST',
    '/billit/v1/orders',
    JSON.stringify({
      OrderType: 'Invoice',
      OrderDirection: 'Cost',
      Attachments: [
        { FileName: 'invoice.xml', MimeType: 'application/xml', FileContent: Buffer.from(ubl.body).toString('base64') },
      ],
    }),
  );
  assert.equal(cost.status, 200, cost.text);
  assert.ok(Number(cost.text) > 1e12, 'a Cost OrderID');
  const view = (await billit('GET', `/billit/v1/orders/${cost.text}`)).json();
  assert.equal(view.OrderDirection, 'Cost');
  assert.equal(view.Supplier.Name, 'Leverancier NV');
  assert.deepEqual([view.TotalExcl, view.TotalVAT, view.TotalIncl], [100, 21, 121]);
  assert.equal(view.Attachments.length, 1);
  const other = await billit('GET', `/billit/v1/orders/${cost.text}`, undefined, { ApiKey: supplier.apiKey });
  assert.equal(other.status, 401, 'the supplier does not see its customer’s Cost order');
  const none = await billit('POST', '/billit/v1/orders', order({ OrderDirection: 'Cost' }));
  assert.equal(none.status, 400);
  assert.equal(none.json().errors[0].Code, 'TheCostOrderNeedsItsEInvoice');
});

test('an e-mail of the order shows in Messages[] and CurrentDocumentDeliveryDetails once the SMTP server took it', async () => {
  const r = await billit('POST', '/billit/v1/orders', order());
  assert.equal(r.status, 200, r.text);
  const mail = await t.app.inject({
    method: 'POST',
    url: `/v1/documents/${r.text}/email`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ to: ['boekhouding@klant.be'] }),
  });
  assert.equal(mail.statusCode, 202, mail.body);
  const queued = (await billit('GET', `/billit/v1/orders/${r.text}`)).json();
  assert.equal(queued.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus, 'Pending');
  const before = sink.messages.length;
  await settle(t);
  await sink.waitFor(before + 1);
  const o = (await billit('GET', `/billit/v1/orders/${r.text}`)).json();
  assert.equal(o.IsSent, true);
  assert.deepEqual(
    [o.CurrentDocumentDeliveryDetails.IsDocumentDelivered, o.CurrentDocumentDeliveryDetails.DocumentDeliveryStatus],
    [true, 'Delivered'],
  );
  assert.equal(o.Messages.length, 1);
  assert.deepEqual(
    [o.Messages[0].TransportType, o.Messages[0].Success, o.Messages[0].Destination, o.Messages[0].MessageDirection],
    ['SMTP', true, 'boekhouding@klant.be', 'Outgoing'],
  );
  assert.match(o.Messages[0].CreationDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
});
