import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { fiscalRegime, regimeOf } from './registry.js';
import { signatureMessage, verifySignature } from '../pt/signature.js';
import { dec } from '../money/decimal.js';

test("an account issues under its country's regime; one of another country created before #16 stays PT", () => {
  assert.equal(regimeOf({ country: 'PT' }), fiscalRegime('PT'));
  assert.equal(regimeOf({ country: 'BE' }), fiscalRegime('BE'));
  assert.equal(regimeOf({ country: 'ES' }).code, 'PT');
});

test('PT: number text, legal clock, what is signed, ATCUD and the authority', () => {
  const pt = fiscalRegime('PT');
  assert.equal(pt.documentNumber('FT', 'A2026', 12), 'FT A2026/12');
  assert.equal(pt.timeZone, 'Europe/Lisbon');
  // 23:30 UTC on 30 June is already 1 July in Lisbon (summer time, UTC+1).
  assert.equal(pt.today(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
  assert.equal(pt.signs('FT'), true);
  assert.equal(pt.signs('GT'), true);
  assert.equal(pt.signs('RC'), false);
  const code = { validationCode: 'AAJFJMVNTN', sequence: 7, sandbox: false, training: false };
  assert.equal(pt.documentCode({ type: 'FT', ...code }), 'AAJFJMVNTN-7');
  assert.equal(pt.documentCode({ type: 'SIC', ...code }), null);
  assert.equal(pt.documentCode({ type: 'FT', ...code, validationCode: null, sandbox: true }), '0');
  assert.throws(() => pt.documentCode({ type: 'FT', ...code, validationCode: null }), /validation code/);
  assert.deepEqual(pt.taxAuthorities, ['AT']);
});

test('PT: the chain signature is RSA-SHA1 over DocDate;SystemEntryDate;DocNo;GrossTotal;PreviousHash', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const input = {
    docDate: '2026-01-02',
    systemEntryDate: '2026-01-02T10:11:12',
    docNo: 'FT A/2',
    grossTotal: '12.30',
    previousHash: 'prev',
  };
  const hash = fiscalRegime('PT').sign(input, privateKey);
  assert.equal(hash.length, 172);
  const message = signatureMessage({ ...input, docId: input.docNo });
  assert.equal(message, '2026-01-02;2026-01-02T10:11:12;FT A/2;12.30;prev');
  assert.ok(verifySignature(message, hash, publicKey));
});

test('BE: number text, Brussels clock, nothing signed, no document code, no authority, no SAF-T', () => {
  const be = fiscalRegime('BE');
  assert.equal(be.documentNumber('FT', 'A2026', 12), 'FT A2026/12');
  assert.equal(be.timeZone, 'Europe/Brussels');
  // 22:30 UTC on 30 June is already 1 July in Brussels (UTC+2), still 30 June in Lisbon (UTC+1).
  assert.equal(be.today(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
  assert.equal(fiscalRegime('PT').today(new Date('2026-06-30T22:30:00Z')), '2026-06-30');
  assert.equal(be.signs('FT'), false);
  assert.equal(
    be.documentCode({ type: 'FT', validationCode: null, sequence: 1, sandbox: false, training: false }),
    null,
  );
  assert.deepEqual(be.taxAuthorities, []);
  assert.equal(be.auditFile, null);
  assert.equal(fiscalRegime('PT').auditFile, 'SAF-T (PT)');
});

test('BE: document types of Portuguese law are refused with their reason; invoices and notes are issued', () => {
  const be = fiscalRegime('BE');
  for (const t of ['FT', 'NC', 'ND', 'OR', 'PF', 'RG'] as const) assert.equal(be.typeRefusal(t), null, t);
  for (const t of ['FS', 'FR', 'GT', 'GR', 'GA', 'GC', 'GD', 'RC'] as const)
    assert.match(be.typeRefusal(t)!, /Portug|AT/);
  for (const t of ['FT', 'FS', 'GT'] as const) assert.equal(fiscalRegime('PT').typeRefusal(t), null);
});

test('BE: invoices and debit notes get a structured payment reference derived from the document id', () => {
  const be = fiscalRegime('BE');
  assert.equal(be.paymentReference('FT', 1234567890), '+++123/4567/89002+++');
  assert.equal(be.paymentReference('ND', 5), '+++000/0000/00505+++');
  assert.equal(be.paymentReference('NC', 5), null);
  assert.equal(fiscalRegime('PT').paymentReference('FT', 5), null);
});

test('BE marks: no certification, ATCUD or QR; the reverse-charge and exemption mentions of the categories used', () => {
  const marks = fiscalRegime('BE').marks({
    docType: 'FT',
    status: 'final',
    docDate: '2026-03-01',
    docNo: 'FT A/1',
    atcud: null,
    hash: null,
    issuerTaxId: 'BE0412345614',
    customerTaxId: 'BE0202239951',
    customerCountry: 'BE',
    taxGroups: [
      { type: 'IVA', region: 'BE', code: 'S', rate: '21', base: '100.00', tax: '21.00' },
      { type: 'IVA', region: 'BE', code: 'AE', rate: '0', base: '50.00', tax: '0.00' },
    ],
    taxTotal: dec(21),
    grossTotal: dec(171),
    withholding: dec(0),
    certNo: 0,
    sandbox: true,
    training: false,
    language: 'fr',
  });
  assert.equal(marks.certification, '');
  assert.equal(marks.atcudLine, null);
  assert.equal(marks.qrPayload, null);
  assert.match(marks.notices[0], /^Autoliquidation \/ Verlegging van heffing/);
  assert.equal(marks.notices[1], 'Document sans valeur légale');
});
