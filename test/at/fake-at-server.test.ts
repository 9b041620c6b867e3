import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateXML } from 'xmllint-wasm';
import type { AtCredentials, TransportDocumentRequest } from '../../src/app/at/ports.js';
import { createAtGateway } from '../../src/integrations/at/gateway.js';
import { postSoap } from '../../src/integrations/at/http-transport.js';
import { buildEnvelope } from '../../src/integrations/at/soap-envelope.js';
import { registerSeriesBody } from '../../src/integrations/at/series-client.js';
import { buildUsernameToken } from '../../src/integrations/at/wsse.js';
import { readShared } from '../support/shared.js';
import {
  FAKE_PATHS,
  SERIES_XSD,
  schemaOfWsdl,
  skipUnlessFakeAt,
  startFakeAtServer,
  type FakeAtServer,
} from '../support/fake-at-server.js';
import { XsdLite } from '../support/xsd-lite.js';

const NIF = '509009590';
const creds: AtCredentials = { environment: 'test', username: `${NIF}/7`, password: 'Segredo#7' };
const today = new Date().toISOString().slice(0, 10);
const tomorrow = `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T09:30:00`;

function guide(documentNumber: string, atcud?: string): TransportDocumentRequest {
  return {
    taxRegistrationNumber: NIF,
    companyName: 'Empresa de Teste, Lda',
    companyAddress: { addressDetail: 'Rua A 1', city: 'Lisboa', postalCode: '1000-001', country: 'PT' },
    documentNumber,
    atcud,
    movementStatus: 'N',
    movementDate: today,
    movementType: 'GT',
    customerTaxId: '503340855',
    customerName: 'Cliente',
    addressTo: { addressDetail: 'Rua B 2', city: 'Porto', postalCode: '4000-001', country: 'PT' },
    addressFrom: { addressDetail: 'Rua A 1', city: 'Lisboa', postalCode: '1000-001', country: 'PT' },
    movementStartTime: tomorrow,
    vehicleId: 'AA-00-BB',
    lines: [{ productDescription: 'Caixas', quantity: '3', unitOfMeasure: 'UN', unitPrice: '0.00' }],
  };
}

describe('the fake AT server and the SOAP clients', skipUnlessFakeAt(), () => {
  let fake: FakeAtServer;
  let gw: ReturnType<typeof createAtGateway>;
  before(async () => {
    fake = await startFakeAtServer();
    fake.addUser(creds.username, creds.password);
    gw = createAtGateway({ publicKeyPem: fake.publicKeyPem, endpoints: { test: fake.endpoints }, timeoutMs: 3000 });
  });
  after(async () => {
    await fake?.close();
  });

  test('SeriesWS: register, query, finalize and annul; the header decrypts and the body validates', async () => {
    const reg = await gw.registerSeries(creds, {
      serie: 'FK2026',
      tipoSerie: 'N',
      classeDoc: 'SI',
      tipoDoc: 'FT',
      numInicialSeq: 1,
      dataInicioPrevUtiliz: today,
      numCertSWFatur: 0,
      meioProcessamento: 'PI',
    });
    assert.equal(reg.outcome, 'success', JSON.stringify(reg));
    assert.equal(reg.code, '2001');
    assert.match(reg.data!.codValidacaoSerie!, /^[A-Z0-9]{8}$/);
    const seen = fake.requestsFor('registarSerie').at(-1)!;
    assert.equal(seen.authCode, 0);
    assert.deepEqual(Object.keys(seen.body), [
      'serie',
      'tipoSerie',
      'classeDoc',
      'tipoDoc',
      'numInicialSeq',
      'dataInicioPrevUtiliz',
      'numCertSWFatur',
      'meioProcessamento',
    ]);
    const again = await gw.registerSeries(creds, {
      serie: 'FK2026',
      tipoSerie: 'N',
      classeDoc: 'SI',
      tipoDoc: 'FT',
      numInicialSeq: 1,
      dataInicioPrevUtiliz: today,
      numCertSWFatur: 0,
      meioProcessamento: 'PI',
    });
    assert.equal(again.outcome, 'permanent');
    const list = await gw.listSeries(creds, { serie: 'FK2026' });
    assert.equal(list.code, '2002');
    assert.deepEqual(
      list.data!.map((s) => [s.tipoDoc, s.estado, s.codValidacaoSerie]),
      [['FT', 'A', reg.data!.codValidacaoSerie]],
    );
    const fin = await gw.finalizeSeries(creds, {
      serie: 'FK2026',
      classeDoc: 'SI',
      tipoDoc: 'FT',
      codValidacaoSerie: reg.data!.codValidacaoSerie!,
      seqUltimoDocEmitido: 12,
    });
    assert.equal(fin.outcome, 'success');
    assert.equal(fin.data?.estado, 'F');
    const gt = await gw.registerSeries(creds, {
      serie: 'FK2026',
      tipoSerie: 'N',
      classeDoc: 'MG',
      tipoDoc: 'GT',
      numInicialSeq: 1,
      dataInicioPrevUtiliz: today,
      numCertSWFatur: 0,
      meioProcessamento: 'PI',
    });
    const ann = await gw.annulSeries(creds, {
      serie: 'FK2026',
      classeDoc: 'MG',
      tipoDoc: 'GT',
      codValidacaoSerie: gt.data!.codValidacaoSerie!,
      motivo: 'ER',
      declaracaoNaoEmissao: true,
    });
    assert.equal(ann.code, '2003');
    assert.equal(fake.requestsFor('anularSerie').at(-1)!.body.declaracaoNaoEmissao, 'true');
  });

  test('authentication: wrong password, bad user format, stale Created, repeated Nonce, wrong WS-Security namespace', async () => {
    const wrong = await gw.listSeries({ ...creds, password: 'nope' }, {});
    assert.deepEqual([wrong.outcome, wrong.code], ['permanent', '99']);
    const badUser = await gw.listSeries({ ...creds, username: '50900959/7' }, {});
    assert.deepEqual([badUser.outcome, badUser.code], ['permanent', '4']);
    const skewed = createAtGateway(
      { publicKeyPem: fake.publicKeyPem, endpoints: { test: fake.endpoints }, timeoutMs: 3000 },
      () => new Date(Date.now() - 10 * 60_000),
    );
    const stale = await skewed.listSeries(creds, {});
    assert.deepEqual([stale.outcome, stale.code], ['retryable', '11'], 'clock skew is retried');

    const envelope = buildEnvelope(
      buildUsernameToken({ ...creds, atPublicKeyPem: fake.publicKeyPem, now: new Date() }),
      registerSeriesBody({
        serie: 'RPL1',
        tipoSerie: 'N',
        classeDoc: 'SI',
        tipoDoc: 'FS',
        numInicialSeq: 1,
        dataInicioPrevUtiliz: today,
        numCertSWFatur: 0,
        meioProcessamento: 'PI',
      }),
    );
    const post = (xml: string) => postSoap(fake.endpoints.series, xml, { soapAction: '', timeoutMs: 3000 });
    assert.match((await post(envelope)).body, /<codResultOper>2001</);
    assert.match((await post(envelope)).body, /<codResultOper>13</, 'the same Ks twice is refused');
    const oasis = buildEnvelope(
      buildUsernameToken({ ...creds, atPublicKeyPem: fake.publicKeyPem, now: new Date() }),
      registerSeriesBody({
        serie: 'RPL2',
        tipoSerie: 'N',
        classeDoc: 'SI',
        tipoDoc: 'FS',
        numInicialSeq: 1,
        dataInicioPrevUtiliz: today,
        numCertSWFatur: 0,
        meioProcessamento: 'PI',
      }),
    ).replace(
      'http://schemas.xmlsoap.org/ws/2002/12/secext',
      'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
    );
    assert.match((await post(oasis)).body, /<codResultOper>33</);
  });

  test('schema: element order, the namespace trailing slash, and the faults they cause', async () => {
    const token = () => buildUsernameToken({ ...creds, atPublicKeyPem: fake.publicKeyPem, now: new Date() });
    const body = registerSeriesBody({
      serie: 'ORD1',
      tipoSerie: 'N',
      classeDoc: 'SI',
      tipoDoc: 'FR',
      numInicialSeq: 1,
      dataInicioPrevUtiliz: today,
      numCertSWFatur: 0,
      meioProcessamento: 'PI',
    });
    const swapped = buildEnvelope(token(), { ...body, content: { tipoSerie: 'N', serie: 'ORD1', ...body.content } });
    const r1 = await postSoap(fake.endpoints.series, swapped, { soapAction: '', timeoutMs: 3000 });
    assert.equal(r1.status, 500);
    assert.match(r1.body, /<faultcode>S:Client<\/faultcode><faultstring>Erro - Pedido do Cliente</);
    assert.match(fake.requests.at(-1)!.returned, /not expected|missing/);
    const noSlash = buildEnvelope(token(), { ...body, namespace: 'http://at.gov.pt' });
    const r2 = await postSoap(fake.endpoints.series, noSlash, { soapAction: '', timeoutMs: 3000 });
    assert.match(r2.body, /Erro - Pedido do Cliente/);
    assert.match(fake.requests.at(-1)!.returned, /No matching global declaration/);
  });

  test('sgdtws: ATDocCodeID, Addressdetail, ATCUD checks (-23, -20008), duplicates (-3) and cancellation', async () => {
    const reg = await gw.registerSeries(creds, {
      serie: 'GTX',
      tipoSerie: 'N',
      classeDoc: 'MG',
      tipoDoc: 'GT',
      numInicialSeq: 1,
      dataInicioPrevUtiliz: today,
      numCertSWFatur: 0,
      meioProcessamento: 'PI',
    });
    const code = reg.data!.codValidacaoSerie!;
    const ok = await gw.sendTransportDocument(creds, guide('GT GTX/1', `${code}-1`));
    assert.equal(ok.outcome, 'success', JSON.stringify(ok));
    assert.match(ok.data!.atDocCodeId!, /^\d+$/);
    const sent = fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
    assert.equal(sent.body.CompanyAddress.Addressdetail, 'Rua A 1');
    assert.deepEqual(Object.keys(sent.body).slice(0, 6), [
      'TaxRegistrationNumber',
      'CompanyName',
      'CompanyAddress',
      'DocumentNumber',
      'ATCUD',
      'MovementStatus',
    ]);
    const unknown = await gw.sendTransportDocument(creds, guide('GT GTX/2', 'ZZZZZZZZ-2'));
    assert.deepEqual([unknown.outcome, unknown.code], ['permanent', '-23']);
    const seq = await gw.sendTransportDocument(creds, guide('GT GTX/3', `${code}-4`));
    assert.deepEqual([seq.outcome, seq.code], ['permanent', '-20008']);
    const dup = await gw.sendTransportDocument(creds, guide('GT GTX/1', `${code}-1`));
    assert.deepEqual(
      [dup.outcome, dup.code, dup.data?.atDocCodeId],
      ['success', '-3', ok.data!.atDocCodeId],
      '-3 with the code: it was there already',
    );
    fake.duplicateReturnsCode = false;
    const dup2 = await gw.sendTransportDocument(creds, guide('GT GTX/1', `${code}-1`));
    assert.deepEqual([dup2.outcome, dup2.code], ['permanent', '-3']);
    fake.duplicateReturnsCode = true;
    const cancel = await gw.sendTransportDocument(creds, {
      ...guide('GT GTX/1', `${code}-1`),
      movementStatus: 'A',
      atDocCodeId: ok.data!.atDocCodeId,
    });
    assert.equal(cancel.outcome, 'success');
    const noAtcud = await gw.sendTransportDocument(creds, guide('GT SEM/1'));
    assert.equal(noAtcud.outcome, 'success');
    assert.match(noAtcud.message, /não apresenta um ATCUD válido/);
  });

  test('failures: HTTP 503, server and client faults, silence, AT codes', async () => {
    const q = () => gw.listSeries(creds, {});
    fake.failNext('http503');
    assert.deepEqual(await q().then((r) => [r.outcome, r.code]), ['retryable', 'http:503']);
    fake.failNext('serverFault');
    assert.deepEqual(await q().then((r) => [r.outcome, r.code]), ['retryable', 'fault:S:Server']);
    fake.failNext('clientFault');
    assert.deepEqual(await q().then((r) => [r.outcome, r.code]), ['permanent', 'fault:S:Client']);
    fake.failNext({ code: -99 });
    assert.deepEqual(await q().then((r) => [r.outcome, r.code]), ['retryable', '-99']);
    const quick = createAtGateway({
      publicKeyPem: fake.publicKeyPem,
      endpoints: { test: fake.endpoints },
      timeoutMs: 200,
    });
    fake.failNext('timeout');
    assert.deepEqual(await quick.listSeries(creds, {}).then((r) => [r.outcome, r.code]), ['retryable', 'timeout']);
    const closed = createAtGateway({
      publicKeyPem: fake.publicKeyPem,
      endpoints: { test: { series: 'http://127.0.0.1:9/SeriesWSService' } },
      timeoutMs: 1000,
    });
    assert.deepEqual(await closed.listSeries(creds, {}).then((r) => [r.outcome, r.code]), ['retryable', 'network']);
  });

  test('installation readiness: AT public key and, towards AT itself, the client certificate', async () => {
    const noKey = createAtGateway({ endpoints: { test: fake.endpoints } });
    assert.match(noKey.notReadyReason('test')!, /AT public key is not configured/);
    const r = await noKey.listSeries(creds, {});
    assert.deepEqual([r.outcome, r.code], ['retryable', 'not_configured']);
    const realAt = createAtGateway({ publicKeyPem: fake.publicKeyPem });
    assert.match(realAt.notReadyReason('production')!, /client certificate/);
    assert.equal(
      realAt.endpoint('production', 'series'),
      'https://servicos.portaldasfinancas.gov.pt:422/SeriesWSService',
    );
    assert.equal(
      realAt.endpoint('test', 'transport'),
      'https://servicos.portaldasfinancas.gov.pt:701/sgdtws/documentosTransporte',
    );
    assert.equal(realAt.endpoint('test', 'invoices'), 'https://servicos.portaldasfinancas.gov.pt:723/fatcorews/ws/');
    assert.equal(FAKE_PATHS.invoices, '/fatcorews/ws/');
  });
});

describe('xsd-lite agrees with libxml2 on the AT schemas', skipUnlessFakeAt(), () => {
  const T = 'https://servicos.portaldasfinancas.gov.pt/sgdtws/documentosTransporte/';
  const F = 'http://factemi.at.min_financas.pt/documents';
  const transport = (inner: string) =>
    `<dt:envioDocumentoTransporteRequestElem xmlns:dt="${T}"><TaxRegistrationNumber>509009590</TaxRegistrationNumber><CompanyName>E</CompanyName><CompanyAddress><Addressdetail>R</Addressdetail><City>L</City><PostalCode>1000-001</PostalCode><Country>PT</Country></CompanyAddress><DocumentNumber>GT A/1</DocumentNumber>${inner}<Line><ProductDescription>P</ProductDescription><Quantity>1</Quantity><UnitOfMeasure>UN</UnitOfMeasure><UnitPrice>0.00</UnitPrice></Line></dt:envioDocumentoTransporteRequestElem>`;
  const middle =
    '<MovementStatus>N</MovementStatus><MovementDate>2026-01-10</MovementDate><MovementType>GT</MovementType><CustomerTaxID>999999990</CustomerTaxID><AddressFrom><City>L</City></AddressFrom><MovementStartTime>2026-01-11T10:00:00</MovementStartTime>';
  const invoice = (extra: string, hash = '0') =>
    `<doc:ChangeInvoiceStatusRequest xmlns:doc="${F}"><doc:eFaturaMDVersion>0.0.1</doc:eFaturaMDVersion><doc:TaxRegistrationNumber>509009590</doc:TaxRegistrationNumber><doc:InvoiceHeader><doc:InvoiceNo>FT A/1</doc:InvoiceNo><doc:ATCUD>ABCDEFGH-1</doc:ATCUD><doc:InvoiceDate>2026-01-10</doc:InvoiceDate><doc:InvoiceType>FT</doc:InvoiceType><doc:SelfBillingIndicator>0</doc:SelfBillingIndicator><doc:CustomerTaxID>999999990</doc:CustomerTaxID><doc:CustomerTaxIDCountry>${hash === '0' ? 'PT' : 'pt'}</doc:CustomerTaxIDCountry></doc:InvoiceHeader>${extra}</doc:ChangeInvoiceStatusRequest>`;
  const cases: [string, string, string][] = [
    ['transport', 'valid', transport(middle)],
    [
      'transport',
      'CustomerName after AddressFrom',
      transport(middle.replace('</AddressFrom>', '</AddressFrom><CustomerName>C</CustomerName>')),
    ],
    [
      'transport',
      'AddressDetail misspelt',
      transport(middle.replace('<AddressFrom><City>', '<AddressFrom><AddressDetail>x</AddressDetail><City>')),
    ],
    [
      'transport',
      'Country not PT',
      transport(middle.replace('<AddressFrom><City>L</City>', '<AddressFrom><City>L</City><Country>ES</Country>')),
    ],
    ['transport', 'MovementType XX', transport(middle.replace('>GT</MovementType>', '>XX</MovementType>'))],
    ['transport', 'no MovementStartTime', transport(middle.replace(/<MovementStartTime>.*<\/MovementStartTime>/, ''))],
    [
      'transport',
      'both CustomerTaxID and SupplierTaxID',
      transport(middle.replace('</CustomerTaxID>', '</CustomerTaxID><SupplierTaxID>1</SupplierTaxID>')),
    ],
    [
      'invoices',
      'valid',
      invoice(
        '<doc:InvoiceStatus><doc:InvoiceStatus>A</doc:InvoiceStatus><doc:InvoiceStatusDate>2026-01-10T10:00:00</doc:InvoiceStatusDate></doc:InvoiceStatus>',
      ),
    ],
    [
      'invoices',
      'status S not allowed here',
      invoice(
        '<doc:InvoiceStatus><doc:InvoiceStatus>S</doc:InvoiceStatus><doc:InvoiceStatusDate>2026-01-10T10:00:00</doc:InvoiceStatusDate></doc:InvoiceStatus>',
      ),
    ],
    [
      'invoices',
      'country pattern',
      invoice(
        '<doc:InvoiceStatus><doc:InvoiceStatus>A</doc:InvoiceStatus><doc:InvoiceStatusDate>2026-01-10T10:00:00</doc:InvoiceStatusDate></doc:InvoiceStatus>',
        'x',
      ),
    ],
    [
      'invoices',
      'unqualified child',
      invoice(
        '<InvoiceStatus><InvoiceStatus>A</InvoiceStatus><InvoiceStatusDate>2026-01-10T10:00:00</InvoiceStatusDate></InvoiceStatus>',
      ),
    ],
    [
      'series',
      'valid',
      `<s:consultarSeries xmlns:s="http://at.gov.pt/"><serie>A1</serie><estado>A</estado></s:consultarSeries>`,
    ],
    [
      'series',
      'order',
      `<s:consultarSeries xmlns:s="http://at.gov.pt/"><estado>A</estado><serie>A1</serie></s:consultarSeries>`,
    ],
  ];
  const schemas = () => ({
    transport: schemaOfWsdl(readShared('specs', 'pt', 'wsdl', 'documentosTransporte.wsdl')),
    invoices: schemaOfWsdl(readShared('specs', 'pt', 'wsdl', 'Fatcorews.wsdl')),
    series: SERIES_XSD,
  });
  test('same verdict on valid and broken documents', async () => {
    const s = schemas() as Record<string, string>;
    const lite = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, new XsdLite(v)]));
    const results = await Promise.all(
      cases.map(async ([svc, name, xml]) => {
        const lx = await validateXML({
          xml: [{ fileName: 'doc.xml', contents: xml }],
          schema: [{ fileName: 'schema.xsd', contents: s[svc] }],
        });
        return { name, libxml2: lx.valid, lite: lite[svc].validateXml(xml).length === 0 };
      }),
    );
    for (const r of results) assert.equal(r.lite, r.libxml2, `${r.name}: xsd-lite ${r.lite}, libxml2 ${r.libxml2}`);
    assert.deepEqual(
      results.map((r) => r.libxml2),
      cases.map(([, name]) => name === 'valid'),
    );
  });
});
