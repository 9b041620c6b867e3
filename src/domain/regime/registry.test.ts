import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { fiscalRegime, regimeOf } from './registry.js';
import { signatureMessage, verifySignature } from '../pt/signature.js';

test('every account issues under the Portuguese regime until accounts carry their own (#16)', () => {
  assert.equal(regimeOf({ id: 1 }).code, 'PT');
  assert.equal(regimeOf({ id: 1 }), fiscalRegime('PT'));
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
