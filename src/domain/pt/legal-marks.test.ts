import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import { LANGS } from '../documents/types.js';
import { DomainError } from '../errors.js';
import {
  COPY_MARKS,
  NOT_AN_INVOICE,
  SANDBOX_MARK,
  TRAINING_MARK,
  atcudLine,
  certificationLine,
  issuedByLine,
} from './legal-marks.js';

const GENERATED = ['specs', 'pt', 'signature', 'generated_vectors.json'] as const;
const HASH =
  'HD/xdw31pFTxF5195XWlB2IsntkXTeXiRquY4UftvdlsSG9OVKV8Pt5wWDoIpWXSmu9FTqa2o1TD2ooo/CJrp9HS74MJWp9Vxkw25FAggM0jdDVHgXU+cMqZWwjMYs7zcZkxY0DuQq6HAuIrbx6zl+AE0Rns9p9kALm8hNMxFqQ=';
const isValidation = (e: unknown): boolean => e instanceof DomainError && e.code === 'validation';

test('certificationLine: 4 hash characters, hyphen, text, certificate number padded to 4 digits', () => {
  assert.equal(certificationLine(HASH, 9999), 'HTBX-Processado por programa certificado n.º 9999/AT');
  assert.equal(certificationLine(HASH, '12'), 'HTBX-Processado por programa certificado n.º 0012/AT');
  assert.equal(certificationLine(HASH, 0), 'HTBX-Processado por programa certificado n.º 0000/AT');
});

test('certificationLine reproduces the footers of the generated vectors', skipUnlessShared(...GENERATED), () => {
  const { vectors } = readSharedJson<{ vectors: { expectedHash: string; printedFooter: string }[] }>(...GENERATED);
  for (const v of vectors) assert.equal(certificationLine(v.expectedHash, 9999), v.printedFooter);
});

test('certificationLine refuses a short hash and a bad certificate number', () => {
  assert.throws(() => certificationLine('0', 9999), isValidation);
  for (const bad of [12345, -1, 1.5, '', '12a'])
    assert.throws(() => certificationLine(HASH, bad), isValidation, String(bad));
});

test('issuedByLine for receipts and unsigned documents', () => {
  assert.equal(issuedByLine(0), 'Emitido por programa certificado n.º 0000/AT');
  assert.equal(issuedByLine('321'), 'Emitido por programa certificado n.º 0321/AT');
  assert.throws(() => issuedByLine('99999'), isValidation);
});

test('atcudLine prefixes the ATCUD', () => {
  assert.equal(atcudLine('CSDF7T5H-35'), 'ATCUD:CSDF7T5H-35');
  assert.equal(atcudLine('0'), 'ATCUD:0');
});

test('fixed texts', () => {
  assert.equal(NOT_AN_INVOICE, 'Este documento não serve de fatura');
  assert.equal(TRAINING_MARK, 'Documento emitido para fins de Formação');
  assert.deepEqual(SANDBOX_MARK, {
    pt: 'Documento sem validade legal',
    en: 'Document without legal validity',
    fr: 'Document sans valeur légale',
  });
  assert.deepEqual(COPY_MARKS.pt, { original: 'Original', duplicate: 'Duplicado', reprint: '2.ª via' });
});

test('every mark exists in every language', () => {
  for (const lang of LANGS) {
    assert.ok(SANDBOX_MARK[lang], lang);
    for (const kind of ['original', 'duplicate', 'reprint'] as const)
      assert.ok(COPY_MARKS[lang][kind], `${lang} ${kind}`);
  }
});
