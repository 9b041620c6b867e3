import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import { DomainError } from '../errors.js';
import { EXEMPTION_CODES, findExemption, isExemptionValidOn } from './exemption-codes.js';

const JSON_PATH = ['specs', 'pt', 'reference', 'vat_exemption_codes.json'] as const;
interface SharedCodes {
  codes: { code: string; mention: string; legal: string; validFrom: string }[];
  retired: { code: string }[];
}

test(
  'matches vat_exemption_codes.json: same codes, texts, legal bases and start dates',
  skipUnlessShared(...JSON_PATH),
  () => {
    const { codes, retired } = readSharedJson<SharedCodes>(...JSON_PATH);
    const current = EXEMPTION_CODES.filter((e) => e.validTo === null);
    assert.deepEqual(
      current.map((e) => e.code),
      codes.map((c) => c.code),
    );
    assert.deepEqual(
      EXEMPTION_CODES.filter((e) => e.validTo !== null).map((e) => e.code),
      retired.map((r) => r.code),
    );
    for (const c of codes) {
      const e = findExemption(c.code)!;
      assert.equal(e.validFrom, c.validFrom, c.code);
      // The shared M10 basis carries a note on its two versions; ours is its first reading.
      if (c.code === 'M10') assert.ok(c.legal.startsWith(e.legalBasis), c.code);
      else assert.equal(e.legalBasis, c.legal, c.code);
      // Only M15's menção is longer than SAF-T allows and is abbreviated.
      if (c.mention.length > 60) assert.equal(c.code, 'M15');
      else assert.equal(e.text, c.mention, c.code);
    }
  },
);

test('every text fits SAF-T TaxExemptionReason (6..60 characters) and codes are unique M + 2 digits', () => {
  for (const e of EXEMPTION_CODES) {
    assert.ok(e.text.length >= 6 && e.text.length <= 60, `${e.code}: ${e.text.length}`);
    assert.match(e.code, /^M\d{2}$/);
    assert.ok(e.legalBasis.length > 0);
  }
  assert.equal(new Set(EXEMPTION_CODES.map((e) => e.code)).size, EXEMPTION_CODES.length);
  assert.equal(findExemption('M15')!.text, 'Regime margem lucro – Objetos de coleção/antiguidades');
});

test('findExemption', () => {
  assert.equal(findExemption('M07')!.text, 'Isento artigo 9.º do CIVA');
  assert.equal(findExemption('M99')!.text, 'Não sujeito ou não tributado');
  assert.equal(findExemption('M17'), undefined);
  assert.equal(findExemption('m07'), undefined);
});

test('isExemptionValidOn honours validFrom and validTo', () => {
  assert.ok(isExemptionValidOn('M07', '2025-01-01'));
  assert.ok(isExemptionValidOn('M07', '2022-07-01'));
  assert.ok(!isExemptionValidOn('M07', '2022-06-30'));
  assert.ok(!isExemptionValidOn('M44', '2025-08-13'));
  assert.ok(isExemptionValidOn('M44', '2025-08-14T00:00:00'));
  assert.ok(!isExemptionValidOn('M35', '2026-06-30'));
  assert.ok(isExemptionValidOn('M35', '2026-07-01'));
  // Retired codes: historical documents only.
  assert.ok(isExemptionValidOn('M08', '2019-03-01'));
  assert.ok(isExemptionValidOn('M03', '2022-06-30'));
  assert.ok(!isExemptionValidOn('M08', '2022-07-01'));
  assert.ok(!isExemptionValidOn('M03', '2024-01-01'));
  assert.ok(!isExemptionValidOn('M17', '2024-01-01'));
  assert.throws(
    () => isExemptionValidOn('M07', '01-01-2024'),
    (e: unknown) => e instanceof DomainError && e.code === 'validation',
  );
  assert.throws(() => isExemptionValidOn('M07', '2024-01-01x'), DomainError);
});
