import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { saftXsdPath, skipUnlessSaftXsd, validateXml } from '../support/xml-validate.js';
import { bytes, create, exportViaApi, parseSaft } from './saft-helpers.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

/** Every file this suite produces is checked the same way: XSD (when shared/ is there) and the XSD 1.1 asserts. */
async function checkFile(xml: string) {
  if (!skipUnlessSaftXsd().skip) {
    const v = await validateXml(xml, saftXsdPath());
    assert.deepEqual(v.errors, []);
  }
  assert.deepEqual(await checkSaftAsserts(bytes(xml)), []);
}

describe('GET /v1/saft: parameters', () => {
  const bad: [string, string, string][] = [
    ['', 'from', 'required'],
    ['from=2026-10-01', 'to', 'required'],
    ['month=10', 'year', 'required'],
    ['year=2026', 'month', 'required'],
    ['month=13&year=2026', 'month', 'out_of_range'],
    ['month=0&year=2026', 'month', 'out_of_range'],
    ['month=1&year=1999', 'year', 'out_of_range'],
    ['from=2026-02-30&to=2026-03-01', 'from', 'invalid'],
    ['from=01-10-2026&to=2026-10-31', 'from', 'invalid'],
    ['from=2026-10-10&to=2026-10-01', 'to', 'out_of_range'],
    ['from=2025-12-01&to=2026-01-31', 'to', 'out_of_range'],
    ['from=2026-10-01&to=2026-10-31&month=10&year=2026', 'month', 'invalid'],
  ];
  for (const [query, field, issue] of bad) {
    test(`?${query} → 422 on ${field} (${issue})`, async () => {
      const r = await t.call('GET', `/v1/saft?${query}`);
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'validation');
      assert.equal(typeof r.body.error.requestId, 'string');
      assert.ok(
        r.body.error.details.some((d: any) => d.field === field && d.issue === issue),
        JSON.stringify(r.body.error.details),
      );
    });
  }

  test('a month that is not a number is refused in the same envelope', async () => {
    const r = await t.call('GET', '/v1/saft?month=ten&year=2026');
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'validation');
  });

  test('an account without a Portuguese NIF gets 409 before any byte', async () => {
    const other = await t.newAccount({ taxId: '502283963' });
    await t.db.database.db
      .updateTable('accounts')
      .set({ tax_id: 'ESA12345674' }) // a PT-regime account (migration 0020 allows PT and BE only) with a foreign number
      .where('id', '=', other.accountId)
      .execute();
    const r = await t.call('GET', '/v1/saft?month=1&year=2026', undefined, { key: other.apiKey });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'conflict');
    assert.equal(r.body.error.details[0].field, 'account.taxId');
  });

  test('an API key is required', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/saft?month=1&year=2026' });
    assert.equal(r.statusCode, 401);
    assert.equal(JSON.parse(r.body).error.code, 'unauthenticated');
  });
});

describe('GET /v1/saft: files', () => {
  test('a month without documents is a valid file with an empty SalesInvoices table', async () => {
    const r = await exportViaApi(t, 'month=1&year=2025');
    assert.equal(r.status, 200);
    assert.equal(
      r.headers['content-disposition'],
      'attachment; filename="SAFT-PT_503340855_2025-01-01_2025-01-31.xml"',
    );
    await checkFile(r.body);
    const f = parseSaft(r.body);
    assert.deepEqual(f.SourceDocuments, {
      SalesInvoices: { NumberOfEntries: '0', TotalDebit: '0.00', TotalCredit: '0.00' },
    });
    assert.equal(f.MasterFiles.Customer, undefined);
    assert.ok(f.MasterFiles.TaxTable.TaxTableEntry.length > 0);
    assert.equal(f.Header.FiscalYear, '2025');
  });

  test('edge data still makes a valid file: registry, no-NIF customer, short and long texts, unknown address parts, long reasons', async () => {
    await t.db.database.db
      .updateTable('accounts')
      .set({ company_registry: 'CRC de Lisboa 12345/2020', trade_name: 'Teste & Companhia', region: 'Lisboa' })
      .where('id', '=', t.account.accountId)
      .execute();
    const long = 'Descrição muito longa '.repeat(10).slice(0, 200);
    const named = { code: 'SEM-NIF', name: 'Joana Sem Contribuinte', city: 'Faro' };
    const vatIncluded = await create(t, '/v1/series', { code: 'IVAINC', vatIncluded: true });
    await create(t, '/v1/documents', {
      type: 'FT',
      date: '2026-05-04',
      finalize: true,
      customer: named,
      globalDiscount: { kind: 'amount', value: '3.33' },
      lines: [
        { description: 'x', quantity: '1', unitPrice: '10', taxName: 'IVA23' },
        {
          description: long,
          code: 'LONGO',
          quantity: '0.333',
          unitPrice: '1.2345',
          taxName: 'IVA6',
          discounts: ['12.5', '3'],
        },
        { description: 'Oferta', quantity: '2', unitPrice: '5', discounts: ['100'], taxName: 'IVA23' },
        { description: 'Controlo\u0007 de caracteres', quantity: '1', unitPrice: '1', taxName: 'IVA23' },
      ],
    });
    await create(t, '/v1/documents', {
      type: 'FS',
      seriesId: vatIncluded.id,
      date: '2026-05-05',
      finalize: true,
      lines: [{ description: 'Pastel de nata', quantity: '3', unitPrice: '1.10', taxName: 'IVA13' }],
    });
    await create(t, '/v1/documents', {
      type: 'GR',
      date: '2026-05-06',
      finalize: true,
      customer: named,
      loadAddress: { street: 'Armazém', city: 'Lisboa' },
      unloadAddress: { street: 'Loja', city: 'Faro' },
      loadAt: '2026-05-06T08:00',
      vehiclePlate: '00-AA-00',
      lines: [{ description: 'Caixas', quantity: '2', unitPrice: '1', taxName: 'IVA23' }],
    });
    const ft = await create(t, '/v1/documents', {
      type: 'FT',
      date: '2026-05-07',
      finalize: true,
      customer: named,
      lines: [{ description: 'Serviço anulado', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
    });
    const reason =
      'O cliente desistiu da encomenda antes da entrega, e pediu a anulação do documento emitido por engano';
    assert.equal((await t.call('POST', `/v1/documents/${ft.id}/cancel`, { reason })).status, 200);

    const r = await exportViaApi(t, 'from=2026-05-01&to=2026-05-31');
    assert.equal(r.status, 200);
    await checkFile(r.body);
    const f = parseSaft(r.body);
    assert.equal(f.Header.CompanyID, 'CRC de Lisboa 12345/2020');
    assert.equal(f.Header.BusinessName, 'Teste & Companhia');
    const joana = f.MasterFiles.Customer.find((c: any) => c.CustomerID === 'SEM-NIF');
    assert.equal(joana.CustomerTaxID, '999999990');
    assert.equal(joana.CompanyName, 'Joana Sem Contribuinte');
    assert.deepEqual(joana.BillingAddress, {
      AddressDetail: 'Desconhecido',
      City: 'Faro',
      PostalCode: 'Desconhecido',
      Country: 'PT',
    });
    const invoice = f.SourceDocuments.SalesInvoices.Invoice[0];
    assert.equal(invoice.Line[0].ProductDescription.length >= 2, true);
    assert.equal(invoice.Line[1].Description, long.trim());
    assert.equal(invoice.Line[2].CreditAmount, '0', 'a 100% discount leaves a zero line, never a negative one');
    assert.equal(invoice.Line[3].Description, 'Controlo de caracteres');
    const cancelled = f.SourceDocuments.SalesInvoices.Invoice.find((i: any) => i.DocumentStatus.InvoiceStatus === 'A');
    assert.equal(cancelled.DocumentStatus.Reason, reason.slice(0, 50).trim());
    const gr = f.SourceDocuments.MovementOfGoods.StockMovement[0];
    assert.equal(gr.ShipFrom.Address.PostalCode, 'Desconhecido');
    assert.equal(gr.MovementStartTime, '2026-05-06T08:00:00');
  });

  test('another account’s documents never appear', async () => {
    const other = await t.newAccount({ taxId: '501442600' });
    await create(
      t,
      '/v1/documents',
      {
        type: 'FT',
        date: '2026-05-08',
        finalize: true,
        customer: { name: 'Cliente da outra conta' },
        lines: [{ description: 'Venda da outra conta', quantity: '1', unitPrice: '7', taxName: 'IVA23' }],
      },
      other.apiKey,
    );
    const mine = await exportViaApi(t, 'month=5&year=2026');
    assert.ok(!mine.body.includes('outra conta'));
    const theirs = await exportViaApi(t, 'month=5&year=2026', other.apiKey);
    assert.equal(theirs.status, 200);
    await checkFile(theirs.body);
    const f = parseSaft(theirs.body);
    assert.equal(f.Header.TaxRegistrationNumber, '501442600');
    assert.equal(f.SourceDocuments.SalesInvoices.NumberOfEntries, '1');
  });
});
