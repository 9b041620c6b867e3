import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIS3_CREDIT_NOTE, BIS3_INVOICE, INVOICE_RESPONSE } from '../../../domain/einvoice/peppol-ids.js';
import { billitDocumentTypeName, billitParticipant, participantView } from './peppol-participant.js';

const id = (raw: string) => {
  const r = billitParticipant(raw);
  return r.ok ? `${r.id.scheme}:${r.id.value}` : `error: ${r.reason}`;
};

describe('Billit participantInformation: the {VATorCBE} read as Billit reads it', () => {
  it('maps a Belgian VAT number to 9925 and a bare enterprise number to 0208', () => {
    assert.equal(id('BE0563846944'), '9925:BE0563846944');
    assert.equal(id('be 0563.846.944'), '9925:BE0563846944');
    assert.equal(id('0563846944'), '0208:0563846944');
    assert.equal(id('0563.846.944'), '0208:0563846944');
  });

  it('passes scheme:value through, and reads other countries under their VAT scheme', () => {
    assert.equal(id('0088:5430003799999'), '0088:5430003799999');
    assert.equal(id('9925:BE0563846944'), '9925:BE0563846944');
    assert.equal(id('NL002059999B90'), '9944:NL002059999B90');
    assert.equal(id('EL123456789'), '9933:EL123456789');
  });

  it('refuses a Belgian number failing its mod-97 check, and text that is no id', () => {
    assert.match(id('BE0123456789'), /^error: .*mod-97/);
    assert.match(id('hello'), /^error: /);
  });
});

describe('Billit participantInformation: the answer', () => {
  it('names document types as Billit does, keeping unknown ids whole', () => {
    assert.equal(billitDocumentTypeName(BIS3_INVOICE.documentTypeId), 'BISv3Invoice');
    assert.equal(billitDocumentTypeName(`busdox-docid-qns::${BIS3_CREDIT_NOTE.documentTypeId}`), 'BISv3CreditNote');
    assert.equal(billitDocumentTypeName(INVOICE_RESPONSE.documentTypeId), 'IMR');
    assert.equal(billitDocumentTypeName('urn:x::Y##z::1'), 'urn:x::Y##z::1');
  });

  it('lists no document type for a party that is not registered', () => {
    const participant = { scheme: '0208', value: '0563846944' };
    assert.deepEqual(participantView('0208:0563846944', null), {
      Registered: false,
      Identifier: '0208:0563846944',
      DocumentTypes: [],
      ServiceDetails: [],
    });
    const v = participantView('0208:0563846944', {
      participant,
      registered: true,
      documentTypes: [BIS3_INVOICE, INVOICE_RESPONSE],
    });
    assert.deepEqual(v.DocumentTypes, ['BISv3Invoice', 'IMR']);
    assert.deepEqual(v.ServiceDetails[1], {
      DocumentType: 'IMR',
      DocumentTypeID: INVOICE_RESPONSE.documentTypeId,
      ProcessID: INVOICE_RESPONSE.processId,
    });
  });
});
