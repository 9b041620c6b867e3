import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BIS3_CREDIT_NOTE,
  BIS3_INVOICE,
  INVOICE_RESPONSE,
  belgianParticipantCandidates,
  bis3DocumentType,
  documentTypeParts,
  documentTypeUri,
  formatParticipantId,
  parseParticipantId,
  participantUri,
  readParticipantId,
  sameParticipant,
} from './peppol-ids.js';

test('scheme:value ids are read as given; Belgian values are checked and normalised', () => {
  assert.deepEqual(parseParticipantId('0208:0123456749'), { scheme: '0208', value: '0123456749' });
  assert.deepEqual(parseParticipantId('0208:0123.456.749'), { scheme: '0208', value: '0123456749' });
  assert.deepEqual(parseParticipantId('9925:be0123456749'), { scheme: '9925', value: 'BE0123456749' });
  assert.deepEqual(parseParticipantId('9925:0123456749'), { scheme: '9925', value: 'BE0123456749' });
  assert.deepEqual(parseParticipantId('0088:5790000435951'), { scheme: '0088', value: '5790000435951' });
  assert.deepEqual(parseParticipantId('iso6523-actorid-upis::0208:0412345614'), {
    scheme: '0208',
    value: '0412345614',
  });
  assert.deepEqual(parseParticipantId('ISO6523-ACTORID-UPIS::9946:PT500000000'), {
    scheme: '9946',
    value: 'PT500000000',
  });
});

test('a BE VAT number is 9925 and a bare enterprise number is 0208', () => {
  assert.deepEqual(parseParticipantId('BE0412345614'), { scheme: '9925', value: 'BE0412345614' });
  assert.deepEqual(parseParticipantId('BE 0412.345.614'), { scheme: '9925', value: 'BE0412345614' });
  assert.deepEqual(parseParticipantId('0412345614'), { scheme: '0208', value: '0412345614' });
  assert.deepEqual(parseParticipantId('0412.345.614'), { scheme: '0208', value: '0412345614' });
  // Before 2005 enterprise numbers had nine digits: the same number with a leading 0.
  assert.deepEqual(parseParticipantId('412345614'), { scheme: '0208', value: '0412345614' });
});

test('a failing mod-97 check, a bad scheme or an empty value is refused with a reason (PEPPOL-COMMON-R043)', () => {
  for (const bad of [
    '0208:0412345615',
    'BE0412345615',
    '0412345615',
    '208:0412345614',
    'abcd:x',
    '0088:',
    'hello',
    '',
    '0208:04 12',
  ])
    assert.equal(parseParticipantId(bad), null, bad);
  const r = readParticipantId('0208:0412345615');
  assert.equal(r.ok, false);
  assert.match((r as { reason: string }).reason, /mod-97/);
  assert.match((readParticipantId('x1:1') as { reason: string }).reason, /ISO 6523 scheme/);
});

test('formatting and URIs', () => {
  const p = { scheme: '0208', value: '0412345614' };
  assert.equal(formatParticipantId(p), '0208:0412345614');
  assert.equal(participantUri(p), 'iso6523-actorid-upis::0208:0412345614');
  assert.equal(documentTypeUri(BIS3_INVOICE.documentTypeId), `busdox-docid-qns::${BIS3_INVOICE.documentTypeId}`);
  assert.ok(sameParticipant({ scheme: '9925', value: 'BE0412345614' }, { scheme: '9925', value: 'be0412345614' }));
  assert.ok(!sameParticipant(p, { scheme: '9925', value: '0412345614' }));
});

test('Belgian candidates: 0208 first, then 9925 (einvoice.md §4.8)', () => {
  assert.deepEqual(belgianParticipantCandidates('BE0412.345.614'), [
    { scheme: '0208', value: '0412345614' },
    { scheme: '9925', value: 'BE0412345614' },
  ]);
  assert.deepEqual(belgianParticipantCandidates('BE0412345615'), []);
});

test('BIS 3.0 document types split into what the SBDH DocumentIdentification carries', () => {
  assert.equal(
    BIS3_INVOICE.documentTypeId,
    'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1',
  );
  assert.equal(BIS3_INVOICE.processId, 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
  assert.equal(bis3DocumentType('credit-note'), BIS3_CREDIT_NOTE);
  assert.equal(bis3DocumentType('invoice'), BIS3_INVOICE);
  assert.deepEqual(documentTypeParts(BIS3_CREDIT_NOTE.documentTypeId), {
    rootNamespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
    localName: 'CreditNote',
    customizationId: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    version: '2.1',
  });
  assert.equal(documentTypeParts(INVOICE_RESPONSE.documentTypeId)?.localName, 'ApplicationResponse');
  assert.equal(documentTypeParts('not-a-doc-type'), null);
});
