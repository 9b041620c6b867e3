import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { dec } from '../../src/domain/money/decimal.js';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import { verifySaftFile } from '../../src/exports/saft/verify-file.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDbKind } from '../support/db.js';
import { faturadorArgs } from '../support/faturador-bin.js';
import { saftXsdPath, skipUnlessSaftXsd, validateXml } from '../support/xml-validate.js';
import { apiDocuments, bytes, create, exportViaApi, parseSaft, sumOf } from './saft-helpers.js';

/**
 * The "done when" scenario: a month with every kind of document, issued through the native API, exported as
 * SAF-T, validated against the XSD, checked against the XSD 1.1 asserts, reconciled with the API and its hash
 * chain verified, in process and with the `saft verify` command.
 */
let t: TestApp;
let xml = '';
let saft: any;
let docs: any[] = [];
let publicKey = '';
let keyVersion = '';
const ids: Record<string, number> = {};
const numbers: Record<string, string> = {};
const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'saft-month-'));

const line = (description: string, quantity: string, unitPrice: string, extra: Record<string, unknown> = {}) => ({
  description,
  quantity,
  unitPrice,
  ...extra,
});
const alfa = {
  code: 'C-ALFA',
  name: 'Alfa & Filhos, Lda',
  taxId: '508650704',
  street: 'Av. da Liberdade, 435 <R/C>',
  postalCode: '1050-007',
  city: 'Lisboa',
  country: 'PT',
};
const acme = {
  code: 'C-ACME',
  name: 'Acme Corporation',
  taxId: '12-3456789',
  street: '1 Market St',
  postalCode: '94105',
  city: 'San Francisco',
  country: 'US',
};
const transport = (date: string) => ({
  loadAddress: { street: 'Rua do Armazém, 10', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
  unloadAddress: { street: 'Rua do Cliente, 20', postalCode: '4000-022', city: 'Porto', country: 'PT' },
  loadAt: `${date}T09:30:00`,
  unloadAt: `${date}T17:45:00`,
  vehiclePlate: 'AA-00-BB',
});

async function issue(name: string, url: string, body: Record<string, unknown>) {
  const d = await create(t, url, { finalize: true, ...body });
  ids[name] = d.id;
  numbers[name] = d.number;
  return d;
}

before(async () => {
  t = await startTestApp();
  const taxes = (await t.call('GET', '/v1/taxes')).body as { name: string; region: string; rate: string }[];
  for (const n of ['IVA23', 'IVA13', 'IVA16 Açores', 'IVA22 Madeira', 'IVA0'])
    assert.ok(
      taxes.some((x) => x.name === n),
      `seeded tax ${n}`,
    );
  // An expired rate: SAF-T's TaxTable lists it with its TaxExpirationDate.
  const expired = await t.call('POST', '/v1/taxes', {
    name: 'IVA5 Madeira (até 2024-09-30)',
    type: 'IVA',
    region: 'PT-MA',
    code: 'RED',
    rate: '5',
    validTo: '2024-09-30',
  });
  assert.equal(expired.status, 201, JSON.stringify(expired.body));
  const methods = (await t.call('GET', '/v1/payment-methods')).body as {
    id: number;
    saftCode?: string;
    saft_code?: string;
  }[];
  const cash = methods.find((m) => (m.saftCode ?? m.saft_code) === 'NU')!.id;
  const transfer = methods.find((m) => (m.saftCode ?? m.saft_code) === 'TB')!.id;

  // Outside the month, before and after: never exported.
  await issue('ftSeptember', '/v1/documents', {
    type: 'FT',
    date: '2026-09-30',
    customer: alfa,
    lines: [line('Consultoria de setembro', '1', '10', { taxName: 'IVA23' })],
  });

  await issue('ft1', '/v1/documents', {
    type: 'FT',
    date: '2026-10-01',
    customer: alfa,
    withholding: { type: 'IRS', rate: '23' },
    lines: [
      line('Consultoria técnica', '2', '100', { taxName: 'IVA23', productType: 'S', discounts: ['10'] }),
      line('Serviço prestado nos Açores', '1', '50', { taxName: 'IVA16 Açores', productType: 'S' }),
      line('Serviço prestado na Madeira', '3', '12.5', { taxName: 'IVA22 Madeira', productType: 'S' }),
      line('Exportação de manual técnico', '1', '80', { taxName: 'IVA0', exemptionCode: 'M05' }),
    ],
  });
  await issue('fs', '/v1/documents', {
    type: 'FS',
    date: '2026-10-02',
    paymentMethodId: cash,
    lines: [line('Café expresso', '3', '0.80', { taxName: 'IVA13' })],
  });
  await issue('fr', '/v1/documents', {
    type: 'FR',
    date: '2026-10-03',
    customer: alfa,
    paymentMethodId: transfer,
    lines: [line('Formação presencial', '1', '40', { taxName: 'IVA23', productType: 'S' })],
  });
  await issue('ftUsd', '/v1/documents', {
    type: 'FT',
    date: '2026-10-04',
    customer: acme,
    currency: 'USD',
    exchangeRate: '1.08',
    exemptionCode: 'M05',
    lines: [line('Exportação de equipamento', '2', '150', { taxName: 'IVA0' })],
  });
  const ft3 = await issue('ft3', '/v1/documents', {
    type: 'FT',
    date: '2026-10-05',
    customer: alfa,
    lines: [line('Cadeira de escritório', '5', '20', { taxName: 'IVA23', code: 'CAD-01' })],
  });
  await issue('ftCancelled', '/v1/documents', {
    type: 'FT',
    date: '2026-10-06',
    customer: alfa,
    lines: [line('Mesa de reunião', '1', '300', { taxName: 'IVA23', code: 'MESA-01' })],
  });
  const cancel = await t.call('POST', `/v1/documents/${ids.ftCancelled}/cancel`, {
    reason: 'Preço errado, documento substituído',
  });
  assert.equal(cancel.status, 200, JSON.stringify(cancel.body));

  await issue('nc', `/v1/documents/${ids.ft3}/credit-notes`, {
    date: '2026-10-10',
    observations: 'Devolução de 2 cadeiras',
    lines: [{ originLineId: ft3.lines[0].id, quantity: '2' }],
  });
  await issue('nd', `/v1/documents/${ids.ft3}/debit-notes`, {
    date: '2026-10-11',
    lines: [{ originLineId: ft3.lines[0].id, quantity: '1', unitPrice: '5' }],
  });

  await issue('gt', '/v1/documents', {
    type: 'GT',
    date: '2026-10-07',
    customer: alfa,
    ...transport('2026-10-07'),
    lines: [line('Caixa de parafusos', '10', '3.5', { taxName: 'IVA23', code: 'PAR-10' })],
  });
  await t.db.database.db.updateTable('documents').set({ at_code: 'AT-CODE-123456' }).where('id', '=', ids.gt).execute();
  await issue('gr', '/v1/documents', {
    type: 'GR',
    date: '2026-10-08',
    customer: alfa,
    ...transport('2026-10-08'),
    lines: [line('Resma de papel A4', '4', '4.25', { taxName: 'IVA23', code: 'PAP-A4' })],
  });
  await issue('gtCancelled', '/v1/documents', {
    type: 'GT',
    date: '2026-10-09',
    customer: alfa,
    ...transport('2026-10-09'),
    lines: [line('Palete de madeira', '7', '12', { taxName: 'IVA23', code: 'PAL-01' })],
  });
  assert.equal(
    (await t.call('POST', `/v1/documents/${ids.gtCancelled}/cancel`, { reason: 'Transporte não realizado' })).status,
    200,
  );

  await issue('or', '/v1/documents', {
    type: 'OR',
    date: '2026-10-08',
    customer: alfa,
    lines: [line('Instalação de rede', '1', '250', { taxName: 'IVA23', productType: 'S', code: 'INST-REDE' })],
  });
  await issue('pf', '/v1/documents', {
    type: 'PF',
    date: '2026-10-09',
    customer: alfa,
    lines: [line('Manutenção anual', '1', '600', { taxName: 'IVA23', productType: 'S' })],
  });

  // Conversions: a quote and a delivery note become invoices (OrderReferences; WorkStatus/MovementStatus F).
  await issue('ftFromOr', '/v1/documents/convert', { type: 'FT', date: '2026-10-20', originIds: [ids.or] });
  await issue('ftFromGr', '/v1/documents/convert', { type: 'FT', date: '2026-10-21', originIds: [ids.gr] });

  // Receipts: one settling FT1 in full and FT3 in part, one RC (cash VAT) for the debit note, one cancelled.
  const ft1 = (await t.call('GET', `/v1/documents/${ids.ft1}`)).body;
  await issue('rg', '/v1/receipts', {
    type: 'RG',
    date: '2026-10-15',
    paymentMethodId: transfer,
    documents: [
      { documentId: ids.ft1, amount: ft1.totals.payable },
      { documentId: ids.ft3, amount: '50.00' },
    ],
  });
  await issue('rc', '/v1/receipts', {
    type: 'RC',
    date: '2026-10-16',
    paymentMethodId: cash,
    documents: [{ documentId: ids.nd }],
  });
  await issue('rgCancelled', '/v1/receipts', {
    type: 'RG',
    date: '2026-10-17',
    documents: [{ documentId: ids.ftUsd, amount: '100.00' }],
  });
  assert.equal(
    (await t.call('POST', `/v1/documents/${ids.rgCancelled}/cancel`, { reason: 'Pagamento devolvido pelo banco' }))
      .status,
    200,
  );

  // Never exported: a draft, an opening balance, a document of the next month, another account's invoice.
  const draft = await create(t, '/v1/documents', {
    type: 'FT',
    date: '2026-10-22',
    customer: alfa,
    lines: [line('Rascunho', '1', '1', { taxName: 'IVA23' })],
  });
  ids.draft = draft.id;
  const alfaId = ft1.contactId;
  await create(t, '/v1/opening-balances', {
    kind: 'customer',
    contactId: alfaId,
    amount: '1000.00',
    date: '2026-10-12',
  });
  await issue('ftNovember', '/v1/documents', {
    type: 'FT',
    date: '2026-11-02',
    customer: alfa,
    lines: [line('Consultoria de novembro', '1', '10', { taxName: 'IVA23' })],
  });
  const other = await t.newAccount({ taxId: '501442600' });
  await create(
    t,
    '/v1/documents',
    {
      type: 'FT',
      date: '2026-10-05',
      finalize: true,
      customer: { name: 'Outro cliente', taxId: '502283963' },
      lines: [line('Documento de outra conta', '1', '99', { taxName: 'IVA23' })],
    },
    other.apiKey,
  );

  const key = await t.call('GET', '/v1/signing-key');
  publicKey = key.body;
  keyVersion = String(key.headers['x-key-version']);

  const r = await exportViaApi(t, 'month=10&year=2026');
  assert.equal(r.status, 200, r.body);
  assert.match(String(r.headers['content-type']), /^application\/xml/);
  assert.equal(r.headers['content-disposition'], 'attachment; filename="SAFT-PT_503340855_2026-10-01_2026-10-31.xml"');
  xml = r.body;
  writeFileSync(join(tmp, 'saft.xml'), xml);
  writeFileSync(join(tmp, 'public.pem'), publicKey);
  saft = parseSaft(xml);
  docs = await apiDocuments(t, '2026-10-01', '2026-10-31');
});
after(async () => {
  await t?.close();
});

const byType = (...types: string[]) => docs.filter((d) => types.includes(d.type));
const live = (list: any[]) => list.filter((d) => d.status === 'final');
const invoice = (name: string) =>
  saft.SourceDocuments.SalesInvoices.Invoice.find((i: any) => i.InvoiceNo === numbers[name]);

describe('SAF-T of a month with every document type', () => {
  test('validates against the SAF-T (PT) 1.04_01 XSD', skipUnlessSaftXsd(), async () => {
    const v = await validateXml(xml, saftXsdPath());
    assert.deepEqual(v.errors, []);
    assert.equal(v.valid, true);
  });

  test('satisfies the XSD 1.1 assert rules', async () => {
    assert.deepEqual(await checkSaftAsserts(bytes(xml)), []);
  });

  test('header: issuer, period, fiscal year, software', () => {
    const h = saft.Header;
    assert.equal(h.AuditFileVersion, '1.04_01');
    assert.equal(h.TaxRegistrationNumber, '503340855');
    assert.equal(h.CompanyID, '503340855');
    assert.equal(h.TaxAccountingBasis, 'F');
    assert.deepEqual(
      [h.FiscalYear, h.StartDate, h.EndDate, h.CurrencyCode, h.TaxEntity],
      ['2026', '2026-10-01', '2026-10-31', 'EUR', 'Global'],
    );
    assert.equal(h.SoftwareCertificateNumber, '0');
    assert.equal(h.CompanyAddress.City, 'Lisboa');
  });

  test('only issued documents of the month and the account: no drafts, opening balances or other periods', () => {
    const inFile = [
      ...saft.SourceDocuments.SalesInvoices.Invoice.map((d: any) => d.InvoiceNo),
      ...saft.SourceDocuments.MovementOfGoods.StockMovement.map((d: any) => d.DocumentNumber),
      ...saft.SourceDocuments.WorkingDocuments.WorkDocument.map((d: any) => d.DocumentNumber),
      ...saft.SourceDocuments.Payments.Payment.map((d: any) => d.PaymentRefNo),
    ];
    const expected = docs.filter((d) => !['SIC', 'SIF'].includes(d.type)).map((d) => d.number);
    assert.deepEqual([...inFile].sort(), [...expected].sort());
    assert.ok(!inFile.includes(numbers.ftSeptember) && !inFile.includes(numbers.ftNovember));
    assert.ok(!xml.includes('Rascunho') && !xml.includes('Documento de outra conta') && !xml.includes('SIC '));
  });

  test('SalesInvoices control totals reconcile with the API (cancelled counted, not summed)', () => {
    const si = saft.SourceDocuments.SalesInvoices;
    const invoices = byType('FT', 'FS', 'FR', 'NC', 'ND');
    assert.equal(Number(si.NumberOfEntries), invoices.length);
    const lineSum = (list: any[]) => sumOf(list.flatMap((d) => d.lines.map((l: any) => l.netAmount)));
    assert.equal(dec(si.TotalCredit).toFixed(), lineSum(live(invoices).filter((d) => d.type !== 'NC')).toFixed());
    assert.equal(dec(si.TotalDebit).toFixed(), lineSum(live(byType('NC'))).toFixed());
    // The same sums over the file's own lines.
    const fileSum = (side: string) =>
      sumOf(
        si.Invoice.filter((i: any) => i.DocumentStatus.InvoiceStatus !== 'A').flatMap((i: any) =>
          i.Line.map((l: any) => l[side]),
        ),
      );
    assert.equal(dec(si.TotalCredit).toFixed(), fileSum('CreditAmount').toFixed());
    assert.equal(dec(si.TotalDebit).toFixed(), fileSum('DebitAmount').toFixed());
  });

  test('every invoice: totals, status, signature, ATCUD and dates as the API has them', () => {
    for (const d of byType('FT', 'FS', 'FR', 'NC', 'ND')) {
      const i = saft.SourceDocuments.SalesInvoices.Invoice.find((x: any) => x.InvoiceNo === d.number);
      assert.ok(i, d.number);
      assert.deepEqual(
        [i.DocumentTotals.NetTotal, i.DocumentTotals.TaxPayable, i.DocumentTotals.GrossTotal],
        [d.totals.net, d.totals.tax, d.totals.gross],
        d.number,
      );
      assert.equal(i.InvoiceType, d.type);
      assert.equal(i.InvoiceDate, d.date);
      assert.equal(i.Period, '10');
      assert.equal(i.SystemEntryDate, d.systemEntryDate);
      assert.match(i.SystemEntryDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      assert.equal(i.Hash, d.signature.hash);
      assert.equal(i.HashControl, keyVersion);
      assert.equal(i.ATCUD, d.atcud);
      assert.equal(i.DocumentStatus.SourceBilling, 'P');
      assert.equal(i.DocumentStatus.InvoiceStatus, d.status === 'cancelled' ? 'A' : 'N');
      assert.equal(i.Line.length, d.lines.length);
      for (const l of i.Line) assert.ok(dec(l.DebitAmount ?? l.CreditAmount).gte(0));
      assert.equal(
        d.type === 'NC',
        i.Line.every((l: any) => l.DebitAmount !== undefined && l.CreditAmount === undefined),
        `${d.number} debit side`,
      );
    }
    const cancelled = invoice('ftCancelled');
    assert.equal(cancelled.DocumentStatus.InvoiceStatus, 'A');
    assert.equal(cancelled.DocumentStatus.Reason, 'Preço errado, documento substituído');
  });

  test('three VAT regions, an exempt line with its reason, withholding after the totals', () => {
    const i = invoice('ft1');
    const taxes = i.Line.map(
      (l: any) => `${l.Tax.TaxType}/${l.Tax.TaxCountryRegion}/${l.Tax.TaxCode}/${l.Tax.TaxPercentage}`,
    );
    assert.deepEqual(taxes, ['IVA/PT/NOR/23', 'IVA/PT-AC/NOR/16', 'IVA/PT-MA/NOR/22', 'IVA/PT/ISE/0']);
    assert.deepEqual([i.Line[3].TaxExemptionCode, i.Line[3].TaxExemptionReason], ['M05', 'Isento artigo 14.º do CIVA']);
    assert.equal(i.Line[0].TaxExemptionReason, undefined);
    assert.equal(i.Line[0].UnitPrice, '90', 'the unit price net of the line discount');
    assert.equal(i.Line[0].SettlementAmount, '20', 'the discount the line got');
    const api = docs.find((d) => d.id === ids.ft1);
    assert.deepEqual(i.WithholdingTax, [
      {
        WithholdingTaxType: 'IRS',
        WithholdingTaxDescription: 'Artigo 101.º do CIRS',
        WithholdingTaxAmount: api.totals.withholding,
      },
    ]);
    assert.equal(i.DocumentTotals.GrossTotal, api.totals.gross, 'GrossTotal does not reflect withholding');
  });

  test('a foreign-currency invoice carries Currency; amounts stay in EUR', () => {
    const i = invoice('ftUsd');
    const api = docs.find((d) => d.id === ids.ftUsd);
    assert.equal(i.DocumentTotals.GrossTotal, api.totals.gross);
    assert.equal(i.DocumentTotals.Currency.CurrencyCode, 'USD');
    assert.equal(i.DocumentTotals.Currency.CurrencyAmount, api.totals.currencyGross);
    const back = dec(i.DocumentTotals.Currency.CurrencyAmount).times(i.DocumentTotals.Currency.ExchangeRate);
    assert.ok(
      back.minus(i.DocumentTotals.GrossTotal).abs().lte('0.01'),
      `CurrencyAmount × ExchangeRate ≈ GrossTotal (${back})`,
    );
    assert.equal(invoice('ft1').DocumentTotals.Currency, undefined);
  });

  test('credit and debit notes reference the invoice; converted lines reference their origin', () => {
    const nc = invoice('nc');
    assert.deepEqual(nc.Line[0].References, [{ Reference: numbers.ft3, Reason: 'Devolução de 2 cadeiras' }]);
    assert.ok(nc.Line[0].DebitAmount && !nc.Line[0].CreditAmount);
    assert.equal(nc.Line[0].OrderReferences, undefined);
    const nd = invoice('nd');
    assert.equal(nd.Line[0].References[0].Reference, numbers.ft3);
    assert.ok(nd.Line[0].CreditAmount);
    const fromOr = invoice('ftFromOr');
    assert.deepEqual(fromOr.Line[0].OrderReferences, [{ OriginatingON: numbers.or, OrderDate: '2026-10-08' }]);
    const fromGr = invoice('ftFromGr');
    assert.deepEqual(fromGr.Line[0].OrderReferences, [{ OriginatingON: numbers.gr, OrderDate: '2026-10-08' }]);
    assert.equal(fromGr.Line[0].TaxPointDate, '2026-10-08', 'the goods left with the delivery note');
    assert.equal(invoice('ft3').Line[0].TaxPointDate, '2026-10-05');
  });

  test('simplified invoice and invoice-receipt: final consumer and payment', () => {
    const fs = invoice('fs');
    const cf = saft.MasterFiles.Customer.find((c: any) => c.CustomerID === fs.CustomerID);
    assert.deepEqual(cf, {
      CustomerID: 'CF',
      AccountID: 'Desconhecido',
      CustomerTaxID: '999999990',
      CompanyName: 'Consumidor final',
      BillingAddress: {
        AddressDetail: 'Desconhecido',
        City: 'Desconhecido',
        PostalCode: 'Desconhecido',
        Country: 'Desconhecido',
      },
      SelfBillingIndicator: '0',
    });
    assert.deepEqual(fs.DocumentTotals.Payment, [
      {
        PaymentMechanism: 'NU',
        PaymentAmount: docs.find((d) => d.id === ids.fs).totals.payable,
        PaymentDate: '2026-10-02',
      },
    ]);
    assert.equal(invoice('fr').DocumentTotals.Payment[0].PaymentMechanism, 'TB');
  });

  test('master files: every customer and product used, escaped text, and the tax table with expired rates', () => {
    const customers = saft.MasterFiles.Customer;
    const alfaC = customers.find((c: any) => c.CustomerID === 'C-ALFA');
    assert.equal(alfaC.CompanyName, 'Alfa & Filhos, Lda');
    assert.equal(alfaC.BillingAddress.AddressDetail, 'Av. da Liberdade, 435 <R/C>');
    assert.ok(xml.includes('Av. da Liberdade, 435 &lt;R/C&gt;') && xml.includes('Alfa &amp; Filhos'));
    assert.equal(customers.find((c: any) => c.CustomerID === 'C-ACME').BillingAddress.Country, 'US');
    const used = new Set(docs.filter((d) => d.type !== 'SIC').map((d) => d.contactId));
    assert.equal(customers.length, used.size);
    const codes = new Set(docs.filter((d) => d.type !== 'SIC').flatMap((d) => d.lines.map((l: any) => l.code)));
    assert.deepEqual(saft.MasterFiles.Product.map((p: any) => p.ProductCode).sort(), [...codes].sort());
    const chair = saft.MasterFiles.Product.find((p: any) => p.ProductCode === 'CAD-01');
    assert.deepEqual(chair, {
      ProductType: 'P',
      ProductCode: 'CAD-01',
      ProductDescription: 'Cadeira de escritório',
      ProductNumberCode: 'CAD-01',
    });
    const entries = saft.MasterFiles.TaxTable.TaxTableEntry;
    const expired = entries.find((e: any) => e.TaxCountryRegion === 'PT-MA' && e.TaxPercentage === '5');
    assert.equal(expired.TaxExpirationDate, '2024-09-30');
    for (const [region, rate] of [
      ['PT', '23'],
      ['PT-AC', '16'],
      ['PT-MA', '22'],
      ['PT', '0'],
    ]) {
      assert.ok(
        entries.some((e: any) => e.TaxCountryRegion === region && e.TaxPercentage === rate && !e.TaxExpirationDate),
        `${region} ${rate}% in force`,
      );
    }
  });

  test('MovementOfGoods: lines and quantities reconcile; guides carry transport data, AT code and status', () => {
    const mg = saft.SourceDocuments.MovementOfGoods;
    const guides = byType('GT', 'GR', 'GA', 'GC', 'GD');
    assert.equal(mg.StockMovement.length, guides.length);
    assert.equal(Number(mg.NumberOfMovementLines), guides.flatMap((d) => d.lines).length);
    assert.equal(
      dec(mg.TotalQuantityIssued).toFixed(),
      sumOf(live(guides).flatMap((d) => d.lines.map((l: any) => l.quantity))).toFixed(),
    );
    const gt = mg.StockMovement.find((s: any) => s.DocumentNumber === numbers.gt);
    assert.equal(gt.MovementType, 'GT');
    assert.equal(gt.MovementStartTime, '2026-10-07T09:30:00');
    assert.equal(gt.MovementEndTime, '2026-10-07T17:45:00');
    assert.equal(gt.ATDocCodeID, 'AT-CODE-123456');
    assert.equal(gt.ShipFrom.Address.AddressDetail, 'Rua do Armazém, 10');
    assert.equal(gt.ShipFrom.DeliveryID[0], 'AA-00-BB');
    assert.equal(gt.ShipTo.Address.City, 'Porto');
    assert.equal(gt.DocumentStatus.MovementStatus, 'N');
    assert.equal(gt.HashControl, keyVersion);
    assert.equal(mg.StockMovement.find((s: any) => s.DocumentNumber === numbers.gr).DocumentStatus.MovementStatus, 'F');
    assert.equal(
      mg.StockMovement.find((s: any) => s.DocumentNumber === numbers.gtCancelled).DocumentStatus.MovementStatus,
      'A',
    );
    for (const s of mg.StockMovement) {
      const api = guides.find((d) => d.number === s.DocumentNumber);
      assert.deepEqual(
        [s.DocumentTotals.NetTotal, s.DocumentTotals.TaxPayable, s.DocumentTotals.GrossTotal],
        [api.totals.net, api.totals.tax, api.totals.gross],
      );
    }
  });

  test('WorkingDocuments: totals reconcile; the converted quote is F', () => {
    const wd = saft.SourceDocuments.WorkingDocuments;
    const work = byType('OR', 'PF', 'NE', 'FO');
    assert.equal(Number(wd.NumberOfEntries), work.length);
    assert.equal(
      dec(wd.TotalCredit).toFixed(),
      sumOf(live(work).flatMap((d) => d.lines.map((l: any) => l.netAmount))).toFixed(),
    );
    assert.equal(dec(wd.TotalDebit).toFixed(), '0');
    const or = wd.WorkDocument.find((w: any) => w.DocumentNumber === numbers.or);
    assert.equal(or.DocumentStatus.WorkStatus, 'F');
    assert.equal(wd.WorkDocument.find((w: any) => w.DocumentNumber === numbers.pf).DocumentStatus.WorkStatus, 'N');
    for (const w of wd.WorkDocument) {
      const api = work.find((d) => d.number === w.DocumentNumber);
      assert.deepEqual(
        [w.DocumentTotals.NetTotal, w.DocumentTotals.TaxPayable, w.DocumentTotals.GrossTotal],
        [api.totals.net, api.totals.tax, api.totals.gross],
      );
      assert.equal(w.Hash, api.signature.hash);
    }
  });

  test('Payments: unsigned, per-rate lines, control totals, amounts paid and withholding', () => {
    const py = saft.SourceDocuments.Payments;
    const receipts = byType('RC', 'RG');
    assert.equal(Number(py.NumberOfEntries), receipts.length);
    const fileCredit = sumOf(
      py.Payment.filter((p: any) => p.DocumentStatus.PaymentStatus === 'N').flatMap((p: any) =>
        p.Line.map((l: any) => l.CreditAmount),
      ),
    );
    assert.equal(dec(py.TotalCredit).toFixed(2), fileCredit.toFixed(2));
    assert.equal(dec(py.TotalDebit).toFixed(2), '0.00');
    for (const p of py.Payment) {
      const api = receipts.find((d) => d.number === p.PaymentRefNo);
      assert.equal(p.Hash, undefined);
      assert.equal(p.HashControl, undefined);
      assert.equal(p.PaymentMethod[0].PaymentAmount, api.totals.gross);
      assert.equal(p.PaymentType, api.type);
      assert.equal(p.DocumentStatus.PaymentStatus, api.status === 'cancelled' ? 'A' : 'N');
      assert.equal(p.DocumentStatus.SourcePayment, 'P');
      const withheld = sumOf((p.WithholdingTax ?? []).map((w: any) => w.WithholdingTaxAmount));
      const paid = dec(p.DocumentTotals.GrossTotal).minus(withheld);
      assert.ok(
        paid.minus(api.totals.gross).abs().lte('0.02'),
        `${p.PaymentRefNo}: gross − withholding ≈ amount paid (${paid} vs ${api.totals.gross})`,
      );
      assert.equal(
        dec(p.DocumentTotals.NetTotal).plus(p.DocumentTotals.TaxPayable).toFixed(2),
        p.DocumentTotals.GrossTotal,
      );
    }
    // The full settlement of FT1 repeats its figures exactly.
    const rg = py.Payment.find((p: any) => p.PaymentRefNo === numbers.rg);
    const ft1 = docs.find((d) => d.id === ids.ft1);
    const ft1Lines = rg.Line.filter((l: any) => l.SourceDocumentID[0].OriginatingON === numbers.ft1);
    assert.equal(ft1Lines.length, 4, 'one line per tax group');
    assert.equal(sumOf(ft1Lines.map((l: any) => l.CreditAmount)).toFixed(2), ft1.totals.net);
    assert.equal(ft1Lines[0].SourceDocumentID[0].InvoiceDate, '2026-10-01');
    assert.equal(rg.WithholdingTax.length, 1);
    const rc = py.Payment.find((p: any) => p.PaymentRefNo === numbers.rc);
    assert.ok(
      rc.Line.every((l: any) => l.Tax),
      'RC lines carry Tax',
    );
    assert.equal(rc.DocumentTotals.GrossTotal, docs.find((d) => d.id === ids.nd).totals.gross);
  });

  test('the hash chain of the file verifies with the account’s public key', async () => {
    const report = await verifySaftFile(bytes(xml), publicKey);
    assert.deepEqual(report.chain.failures, []);
    assert.deepEqual(report.asserts, []);
    assert.equal(report.ok, true);
    // FT A…/1 is September's: October's first invoice chains to it, outside the file, so it is the chain's anchor.
    assert.deepEqual(report.chain.anchors, [numbers.ft1]);
    const signed = docs.filter((d) => d.signature).length;
    assert.equal(report.chain.checked, signed - 1);
    assert.deepEqual(report.records, {
      Invoice: byType('FT', 'FS', 'FR', 'NC', 'ND').length,
      StockMovement: byType('GT', 'GR').length,
      WorkDocument: byType('OR', 'PF').length,
      Payment: byType('RC', 'RG').length,
    });
  });

  test(
    'a file that holds every chain from its first document verifies every signature',
    skipUnlessSaftXsd(),
    async () => {
      const r = await exportViaApi(t, 'from=2026-09-01&to=2026-10-31');
      assert.equal(r.status, 200);
      assert.equal((await validateXml(r.body, saftXsdPath())).valid, true);
      const report = await verifySaftFile(bytes(r.body), publicKey);
      assert.equal(report.ok, true, JSON.stringify(report.chain.failures));
      assert.deepEqual(report.chain.anchors, []);
      assert.equal(report.chain.checked, docs.filter((d) => d.signature).length + 1);
    },
  );

  test('`faturador saft verify` accepts the file and rejects a tampered one', async () => {
    const cli = [...faturadorArgs(), 'saft', 'verify', '--public-key', join(tmp, 'public.pem'), '--file'];
    const ok = await run(process.execPath, [...cli, join(tmp, 'saft.xml')], { cwd: repo });
    assert.equal(JSON.parse(ok.stdout).ok, true);
    const ft3 = invoice('ft3');
    const tampered = xml.replace(
      `<GrossTotal>${ft3.DocumentTotals.GrossTotal}</GrossTotal>`,
      `<GrossTotal>${dec(ft3.DocumentTotals.GrossTotal).plus(1).toFixed(2)}</GrossTotal>`,
    );
    assert.notEqual(tampered, xml);
    writeFileSync(join(tmp, 'tampered.xml'), tampered);
    const bad = await run(process.execPath, [...cli, join(tmp, 'tampered.xml')], { cwd: repo }).then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    assert.ok(bad, 'exit code 1');
    assert.equal(bad.code, 1);
    assert.deepEqual(JSON.parse(bad.stdout).chain.failures, [{ docId: numbers.ft3, reason: 'bad_signature' }]);
  });

  test('from/to gives the same file as month/year', async () => {
    const r = await exportViaApi(t, 'from=2026-10-01&to=2026-10-31');
    assert.equal(r.status, 200);
    assert.equal(r.body, xml);
  });

  test(
    '`faturador saft export` writes the same file',
    {
      skip:
        testDbKind === 'postgres'
          ? false
          : 'the CLI opens its own database: needs PostgreSQL (FATURADOR_TEST_DB=postgres)',
    },
    async () => {
      const out = join(tmp, 'cli.xml');
      await run(
        process.execPath,
        [
          ...faturadorArgs(),
          'saft',
          'export',
          '--account',
          String(t.account.accountId),
          '--month',
          '10',
          '--year',
          '2026',
          '--out',
          out,
        ],
        {
          cwd: repo,
          env: { ...process.env, DATABASE_URL: t.db.url },
        },
      );
      const strip = (s: string) => s.replace(/<DateCreated>[^<]*<\/DateCreated>/, '');
      assert.equal(strip(readFileSync(out, 'utf8')), strip(xml));
    },
  );
});
