import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyForLog, buildEnvelope, parseSoap } from './soap-envelope.js';
import { readTransportAnswer, transportDocumentBody } from './transport-client.js';

const token = { username: '509000002/1', password: 'P', nonce: 'N', created: 'C' };

test('text is escaped by the builder, absent values are left out, key order is element order', () => {
  const xml = buildEnvelope(token, {
    name: 'op',
    namespace: 'http://at.gov.pt/',
    prefix: 'ser',
    qualified: false,
    content: { b: 'R&D <Lda> "x"', a: undefined, c: null, d: '', e: [{ f: 1 }, { f: 2 }], g: true },
  });
  assert.match(
    xml,
    /<ser:op xmlns:ser="http:\/\/at.gov.pt\/"><b>R&amp;D &lt;Lda&gt; &quot;x&quot;<\/b><e><f>1<\/f><\/e><e><f>2<\/f><\/e><g>true<\/g><\/ser:op>/,
  );
  assert.match(
    xml,
    /<wss:Security xmlns:wss="http:\/\/schemas.xmlsoap.org\/ws\/2002\/12\/secext"><wss:UsernameToken><wss:Username>509000002\/1<\/wss:Username><wss:Password>P<\/wss:Password><wss:Nonce>N<\/wss:Nonce><wss:Created>C<\/wss:Created>/,
  );
  const parsed = parseSoap(xml)!;
  assert.equal((parsed.body.op as Record<string, unknown>).b, 'R&D <Lda> "x"');
});

test('qualified bodies prefix every child; the log copy has no credentials', () => {
  const body = { name: 'X', namespace: 'urn:x', prefix: 'doc', qualified: true, content: { A: { B: '1' } } };
  assert.match(buildEnvelope(token, body), /<doc:X xmlns:doc="urn:x"><doc:A><doc:B>1<\/doc:B><\/doc:A><\/doc:X>/);
  assert.deepEqual(bodyForLog(body), { X: { A: { B: '1' } } });
});

test('sgdtws: Addressdetail spelled as in the WSDL, CustomerTaxID or SupplierTaxID, answers read as strings', () => {
  const b = transportDocumentBody({
    taxRegistrationNumber: '509000002',
    companyName: 'E',
    companyAddress: { addressDetail: 'Rua 1', city: 'Lisboa', postalCode: '1000-001', country: 'PT' },
    documentNumber: 'GT A/1',
    movementStatus: 'N',
    movementDate: '2026-01-01',
    movementType: 'GT',
    supplierTaxId: '503340855',
    addressFrom: { city: 'Lisboa' },
    movementStartTime: '2026-01-02T10:00:00',
    lines: [{ productDescription: 'P', quantity: '1', unitOfMeasure: 'UN', unitPrice: '0' }],
  });
  const xml = buildEnvelope(token, b);
  assert.match(xml, /<CompanyAddress><Addressdetail>Rua 1<\/Addressdetail>/);
  assert.match(xml, /<MovementType>GT<\/MovementType><SupplierTaxID>503340855<\/SupplierTaxID><AddressFrom>/);
  const answer =
    parseSoap(`<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:envioDocumentoTransporteResponseElem xmlns:ns2="x">
    <ResponseStatus><ReturnCode>0</ReturnCode><ReturnMessage>ok</ReturnMessage></ResponseStatus><ATDocCodeID>000123456789012345</ATDocCodeID></ns2:envioDocumentoTransporteResponseElem></S:Body></S:Envelope>`)!;
  const r = readTransportAnswer(answer.body)!;
  assert.deepEqual(r.statuses, [{ code: 0, message: 'ok' }]);
  assert.equal(r.receipt.atDocCodeId, '000123456789012345', 'long codes keep their digits');
  assert.equal(parseSoap('not xml'), null);
  assert.deepEqual(
    parseSoap(
      '<S:Envelope xmlns:S="s"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>Erro</faultstring></S:Fault></S:Body></S:Envelope>',
    )!.fault,
    { code: 'S:Client', message: 'Erro' },
  );
});
