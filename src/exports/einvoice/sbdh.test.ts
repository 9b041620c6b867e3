import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { BIS3_CREDIT_NOTE, BIS3_INVOICE } from '../../domain/einvoice/peppol-ids.js';
import { SBDH_NS, SbdhError, isSbd, unwrapSbd, wrapInSbd } from './sbdh.js';

const UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>F-2026/1 &amp; co</cbc:ID>
  <cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="0208">0412345614</cbc:EndpointID>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="0208">0765432146</cbc:EndpointID></cac:Party></cac:AccountingCustomerParty>
</Invoice>`;
const body = UBL.replace(/^<\?xml[^>]*\?>\s*/, '');

const input = () => ({
  xml: UBL,
  sender: { scheme: '0208', value: '0412345614' },
  receiver: { scheme: '0208', value: '0765432146' },
  documentType: BIS3_INVOICE,
  instanceId: '0b0e6f5c-1d7a-4e4f-9d0c-3f1b8e2a9c11',
  createdAt: new Date('2026-03-02T10:15:00.000Z'),
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

test('the SBD header carries the Peppol Envelope fields in order, and the UBL verbatim after it', () => {
  const sbd = wrapInSbd(input());
  assert.ok(isSbd(sbd));
  const doc = parser.parse(sbd);
  const root = doc.StandardBusinessDocument;
  assert.equal(root['@xmlns'], SBDH_NS);
  const h = root.StandardBusinessDocumentHeader;
  assert.deepEqual(Object.keys(h), ['HeaderVersion', 'Sender', 'Receiver', 'DocumentIdentification', 'BusinessScope']);
  assert.equal(h.HeaderVersion, '1.0');
  assert.deepEqual(h.Sender.Identifier, { '#text': '0208:0412345614', '@Authority': 'iso6523-actorid-upis' });
  assert.deepEqual(h.Receiver.Identifier, { '#text': '0208:0765432146', '@Authority': 'iso6523-actorid-upis' });
  assert.deepEqual(h.DocumentIdentification, {
    Standard: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    TypeVersion: '2.1',
    InstanceIdentifier: '0b0e6f5c-1d7a-4e4f-9d0c-3f1b8e2a9c11',
    Type: 'Invoice',
    CreationDateAndTime: '2026-03-02T10:15:00.000Z',
  });
  assert.deepEqual(h.BusinessScope.Scope, [
    { Type: 'DOCUMENTID', InstanceIdentifier: BIS3_INVOICE.documentTypeId, Identifier: 'busdox-docid-qns' },
    { Type: 'PROCESSID', InstanceIdentifier: BIS3_INVOICE.processId, Identifier: 'cenbii-procid-ubl' },
    { Type: 'COUNTRY_C1', InstanceIdentifier: 'BE' },
  ]);
  assert.equal(root.Invoice['cbc:ID'], 'F-2026/1 & co');
  assert.ok(sbd.includes(body), 'the UBL goes in byte for byte');
  assert.ok(sbd.endsWith(`${body}</StandardBusinessDocument>`));
});

test('wrap then unwrap gives back the routing facts and the document', () => {
  const u = unwrapSbd(wrapInSbd(input()));
  assert.deepEqual(u.sender, { scheme: '0208', value: '0412345614' });
  assert.deepEqual(u.receiver, { scheme: '0208', value: '0765432146' });
  assert.equal(u.documentTypeId, BIS3_INVOICE.documentTypeId);
  assert.equal(u.processId, BIS3_INVOICE.processId);
  assert.equal(u.instanceId, '0b0e6f5c-1d7a-4e4f-9d0c-3f1b8e2a9c11');
  assert.equal(u.createdAt?.toISOString(), '2026-03-02T10:15:00.000Z');
  assert.equal(u.country, 'BE');
  assert.equal(u.xml, body);
});

test('header values are escaped by the builder, never spliced', () => {
  const sbd = wrapInSbd({ ...input(), instanceId: 'a<b&"c' });
  assert.ok(sbd.includes('<InstanceIdentifier>a&lt;b&amp;&quot;c</InstanceIdentifier>'));
  assert.equal(unwrapSbd(sbd).instanceId, 'a<b&"c');
});

test('a document that is not what its document type names is not wrapped', () => {
  assert.throws(() => wrapInSbd({ ...input(), documentType: BIS3_CREDIT_NOTE }), SbdhError);
  assert.throws(() => wrapInSbd({ ...input(), documentType: { documentTypeId: 'x', processId: 'y' } }), SbdhError);
  assert.throws(() => wrapInSbd({ ...input(), xml: '<Invoice' }), /well-formed/);
});

test('a prefixed SBD whose root declares the document namespaces unwraps to a document that stands alone', () => {
  const sbd = `<?xml version="1.0"?>
<sh:StandardBusinessDocument xmlns:sh="${SBDH_NS}" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <sh:StandardBusinessDocumentHeader>
    <sh:HeaderVersion>1.0</sh:HeaderVersion>
    <sh:Sender><sh:Identifier Authority="iso6523-actorid-upis">9925:BE0412345614</sh:Identifier></sh:Sender>
    <sh:Receiver><sh:Identifier Authority="iso6523-actorid-upis">0208:0765432146</sh:Identifier></sh:Receiver>
    <sh:DocumentIdentification><sh:Standard>s</sh:Standard><sh:TypeVersion>2.1</sh:TypeVersion>
      <sh:InstanceIdentifier>id-1</sh:InstanceIdentifier><sh:Type>Invoice</sh:Type>
      <sh:CreationDateAndTime>2026-03-02T10:15:00Z</sh:CreationDateAndTime></sh:DocumentIdentification>
    <sh:BusinessScope>
      <sh:Scope><sh:Type>DOCUMENTID</sh:Type><sh:InstanceIdentifier>${BIS3_INVOICE.documentTypeId}</sh:InstanceIdentifier></sh:Scope>
      <sh:Scope><sh:Type>PROCESSID</sh:Type><sh:InstanceIdentifier>${BIS3_INVOICE.processId}</sh:InstanceIdentifier></sh:Scope>
    </sh:BusinessScope>
  </sh:StandardBusinessDocumentHeader>
  <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID>1</cbc:ID></Invoice>
</sh:StandardBusinessDocument>`;
  const u = unwrapSbd(sbd);
  assert.deepEqual(u.sender, { scheme: '9925', value: 'BE0412345614' });
  assert.equal(u.country, null);
  assert.equal(
    u.xml,
    '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>1</cbc:ID></Invoice>',
  );
});

test('a BinaryContent payload is decoded', () => {
  const sbd = wrapInSbd(input()).replace(
    body,
    `<BinaryContent mimeType="application/xml">${Buffer.from(body).toString('base64')}</BinaryContent>`,
  );
  assert.equal(unwrapSbd(sbd).xml, body);
});

test('what is not a Peppol SBD is refused with the reason', () => {
  const good = wrapInSbd(input());
  assert.ok(!isSbd(UBL));
  assert.throws(() => unwrapSbd(UBL), /not StandardBusinessDocument/);
  assert.throws(() => unwrapSbd(good.replace(`xmlns="${SBDH_NS}"`, 'xmlns="urn:other"')), /namespace/);
  assert.throws(() => unwrapSbd(good.replace('<HeaderVersion>1.0<', '<HeaderVersion>2.0<')), /HeaderVersion/);
  assert.throws(() => unwrapSbd(good.replace('>0208:0412345614<', '>nobody<')), /Sender Identifier/);
  assert.throws(
    () => unwrapSbd(good.replace('Authority="iso6523-actorid-upis">0208:0765', 'Authority="GS1">0208:0765')),
    /Authority/,
  );
  assert.throws(() => unwrapSbd(good.replace('<Type>PROCESSID</Type>', '<Type>OTHER</Type>')), /PROCESSID/);
  assert.throws(() => unwrapSbd(good.replace(body, '')), /no business document/i);
  assert.throws(() => unwrapSbd(`<!DOCTYPE x [<!ENTITY a "b">]>${good.replace(/^<\?xml[^>]*\?>/, '')}`), /DOCTYPE/);
});
