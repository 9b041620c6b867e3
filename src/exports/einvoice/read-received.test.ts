import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { einvoiceFromIssued } from '../../domain/einvoice/from-issued.js';
import { DomainError } from '../../domain/errors.js';
import { issuedFixture } from '../../../test/einvoice/issued-fixtures.js';
import { sharedPath, skipUnlessShared } from '../../../test/support/shared.js';
import { serializeEinvoice } from './document-einvoice.js';
import { readReceivedEinvoice } from './read-received.js';

const example = (name: string) => sharedPath('specs/eu/examples-be', name);
const skip = (name: string) => skipUnlessShared('specs/eu/examples-be', name);

test('the Belgian example invoice: number, dates, parties, totals', skip('be-invoice-valid.xml'), () => {
  const f = readReceivedEinvoice(readFileSync(example('be-invoice-valid.xml'), 'utf8'));
  assert.deepEqual(
    { ...f, pdf: f.pdf && f.pdf.filename },
    {
      syntax: 'ubl',
      typeCode: '380',
      number: 'INV-2026-0001',
      issueDate: '2026-03-02',
      dueDate: '2026-04-01',
      currency: 'EUR',
      supplierName: 'Seller BV',
      supplierVatId: 'BE0412345614',
      supplierEndpoint: '0208:0412345614',
      buyerEndpoint: '0208:0765432146',
      totals: { net: '775.00', tax: '159.00', gross: '934.00', payable: '934.00' },
      pdf: null,
    },
  );
});

test('the Belgian example credit note: 381 and its totals', skip('be-creditnote-valid.xml'), () => {
  const f = readReceivedEinvoice(readFileSync(example('be-creditnote-valid.xml'), 'utf8'));
  assert.equal(f.typeCode, '381');
  assert.equal(f.number, 'CN-2026-0001');
  assert.equal(f.supplierName, 'Seller BV');
  assert.deepEqual(f.totals, { net: '12.50', tax: '0.75', gross: '13.25', payable: '13.25' });
});

const PDF = { bytes: Buffer.from('%PDF-1.4\n% received\n%%EOF\n'), fileName: 'F-1.pdf', description: 'PDF' };
const doc = issuedFixture({
  seller: 'BE',
  lines: [
    { quantity: '2', price: '100', rate: '21', category: 'S' },
    { quantity: '1', price: '50', rate: '6', category: 'S' },
  ],
});

for (const syntax of ['ubl', 'cii'] as const) {
  test(`Faturador's own ${syntax.toUpperCase()} reads back with its embedded PDF byte for byte`, () => {
    const xml = serializeEinvoice(einvoiceFromIssued(doc), syntax, { profile: 'en16931', attachment: PDF });
    const f = readReceivedEinvoice(xml);
    assert.equal(f.syntax, syntax);
    assert.equal(f.typeCode, '380');
    assert.equal(f.number, doc.number);
    assert.equal(f.issueDate, doc.date);
    assert.equal(f.currency, 'EUR');
    assert.equal(f.totals.net, '250.00');
    assert.equal(f.totals.tax, '45.00');
    assert.equal(f.totals.payable, '295.00');
    assert.ok(f.supplierName);
    assert.ok(f.pdf);
    assert.equal(f.pdf.filename, 'F-1.pdf');
    assert.deepEqual(Buffer.from(f.pdf.bytes), PDF.bytes);
  });
}

test('prefixes are the sender’s: a UBL with its own prefixes reads the same', skip('be-invoice-valid.xml'), () => {
  const xml = readFileSync(example('be-invoice-valid.xml'), 'utf8')
    .replace(/<(\/?)cbc:/g, '<$1b:')
    .replace(/<(\/?)cac:/g, '<$1a:')
    .replace('xmlns:cac=', 'xmlns:a=')
    .replace('xmlns:cbc=', 'xmlns:b=');
  const f = readReceivedEinvoice(xml);
  assert.equal(f.number, 'INV-2026-0001');
  assert.equal(f.totals.payable, '934.00');
});

test('escaped characters in names and attributes are read as the characters they stand for', () => {
  const xml = serializeEinvoice(einvoiceFromIssued(doc), 'ubl', { profile: 'en16931', attachment: PDF })
    .replace(
      '<cbc:RegistrationName>Seller BV</cbc:RegistrationName>',
      '<cbc:RegistrationName>Smith &amp; Sons &#233;</cbc:RegistrationName>',
    )
    .replace('filename="F-1.pdf"', 'filename="a&quot;b&#10;c.pdf"');
  const f = readReceivedEinvoice(xml);
  assert.equal(f.supplierName, 'Smith & Sons é');
  assert.equal(f.pdf?.filename, 'a"b\nc.pdf');
});

test('not XML, a DOCTYPE or another root element is refused as invalid input', () => {
  for (const body of [
    'this is not xml',
    '<Invoice><cbc:ID>1</Invoice>',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Invoice/>',
    '<Order xmlns="urn:x"><ID>1</ID></Order>',
  ])
    assert.throws(
      () => readReceivedEinvoice(body),
      (e: unknown) => e instanceof DomainError && e.code === 'validation',
    );
});
