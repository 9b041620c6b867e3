import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import {
  closeEinvoiceValidation,
  EinvoiceInputError,
  einvoiceValidationCounts,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { readShared, sharedPath, skipUnlessShared } from '../support/shared.js';

// The validator on the reference documents of ../shared/specs/eu (einvoice.md §2.5): XSD, EN 16931 1.3.16 and
// Peppol 2026.5, run on the validation threads.
const BE = 'specs/eu/examples-be';
const CII = 'specs/eu/en16931-1.3.16/cii/examples';
after(() => closeEinvoiceValidation());

const fatalIds = (r: Awaited<ReturnType<typeof validateEinvoice>>, ruleset: string) =>
  r.findings
    .filter((f) => f.flag === 'fatal' && f.ruleset.startsWith(ruleset))
    .map((f) => f.id)
    .sort();

test(
  'the valid Belgian Peppol invoice and credit note: XSD valid, 0 fatal in EN 16931 and Peppol',
  skipUnlessShared(BE),
  async () => {
    for (const [file, type, code] of [
      ['be-invoice-valid.xml', 'invoice', '380'],
      ['be-creditnote-valid.xml', 'credit-note', '381'],
    ] as const) {
      const r = await validateEinvoice(readShared(BE, file));
      assert.equal(r.syntax, 'ubl', file);
      assert.equal(r.documentType, type, file);
      assert.equal(r.typeCode, code, file);
      assert.deepEqual(
        r.rulesets,
        ['EN16931-UBL 1.3.16', 'PEPPOL-BIS-3.0 2026.5'],
        `${file}: Peppol by CustomizationID`,
      );
      assert.deepEqual(r.xsd, { valid: true, errors: [] }, file);
      assert.equal(r.fatal, 0, `${file}: ${JSON.stringify(r.findings)}`);
      assert.equal(r.valid, true, file);
    }
  },
);

test(
  'the broken Belgian invoice gives exactly its four known errors, each with its rule set, location and text',
  skipUnlessShared(BE),
  async () => {
    const r = await validateEinvoice(readShared(BE, 'be-invoice-broken.xml'));
    assert.equal(r.xsd.valid, true);
    assert.deepEqual(fatalIds(r, 'EN16931'), ['BR-CO-14', 'BR-CO-16']);
    assert.deepEqual(fatalIds(r, 'PEPPOL'), ['PEPPOL-COMMON-R043', 'PEPPOL-EN16931-R003']);
    assert.equal(r.fatal, 4);
    assert.equal(r.valid, false);
    const co16 = r.findings.find((f) => f.id === 'BR-CO-16')!;
    assert.match(co16.location, /LegalMonetaryTotal/);
    assert.match(co16.text, /Amount due for payment \(BT-115\)/);
    // Asked for EN 16931 only: the Peppol findings go.
    const en = await validateEinvoice(readShared(BE, 'be-invoice-broken.xml'), { profiles: ['en16931'] });
    assert.deepEqual(en.rulesets, ['EN16931-UBL 1.3.16']);
    assert.deepEqual(fatalIds(en, ''), ['BR-CO-14', 'BR-CO-16']);
  },
);

test(
  'the invoice with a wrong date and a misplaced element: 2 XSD errors with their lines',
  skipUnlessShared(BE),
  async () => {
    const r = await validateEinvoice(readShared(BE, 'be-invoice-xsd-broken.xml'));
    assert.equal(r.xsd.valid, false);
    assert.equal(r.xsd.errors.length, 2, JSON.stringify(r.xsd.errors));
    assert.ok(r.xsd.errors.some((e) => /IssueDate.*02\/03\/2026.*xs:date/.test(e.message)));
    assert.ok(r.xsd.errors.some((e) => /DueDate.*not expected/.test(e.message)));
    assert.ok(r.xsd.errors.every((e) => typeof e.line === 'number' && e.line > 1));
    assert.equal(r.valid, false);
  },
);

test('the EN 16931 CII examples: CII XSD and EN 16931 CII rules, 0 fatal', skipUnlessShared(CII), async () => {
  const files = readdirSync(sharedPath(CII)).filter((f) => f.endsWith('.xml'));
  assert.ok(files.length >= 1);
  // Together: they queue on the pool.
  const results = await Promise.all(files.map((f) => validateEinvoice(readShared(CII, f))));
  results.forEach((r, i) => {
    assert.equal(r.syntax, 'cii', files[i]);
    assert.deepEqual(r.rulesets, ['EN16931-CII 1.3.16'], files[i]);
    assert.deepEqual(r.xsd, { valid: true, errors: [] }, files[i]);
    assert.equal(r.fatal, 0, `${files[i]}: ${JSON.stringify(r.findings.filter((f) => f.flag === 'fatal'))}`);
  });
  await assert.rejects(
    validateEinvoice(readShared(CII, files[0]), { profiles: ['peppol'] }),
    (e) => e instanceof EinvoiceInputError && e.reason === 'profile_syntax',
  );
});

test('an XXE or entity-expansion payload is refused before any parser, and nothing of the file comes back', async () => {
  const ns = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
  for (const xml of [
    `<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice xmlns="${ns}">&e;</Invoice>`,
    `<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Invoice xmlns="${ns}">&c;</Invoice>`,
    `<!DOCTYPE Invoice SYSTEM "http://127.0.0.1:9/evil.dtd"><Invoice xmlns="${ns}"/>`,
  ]) {
    await assert.rejects(validateEinvoice(xml), (e: unknown) => {
      assert.ok(e instanceof EinvoiceInputError);
      assert.equal(e.reason, 'doctype');
      assert.doesNotMatch(e.message, /root:/);
      return true;
    });
  }
});

test('malformed XML, a foreign root and an oversized body are refused with a reason; the rules run on the threads', async () => {
  await assert.rejects(
    validateEinvoice('<Invoice><a></Invoice>'),
    (e) => e instanceof EinvoiceInputError && e.reason === 'malformed' && /closing tag/.test(e.message),
  );
  await assert.rejects(
    validateEinvoice('<Order xmlns="urn:x"/>'),
    (e) => e instanceof EinvoiceInputError && e.reason === 'not_einvoice',
  );
  await assert.rejects(
    validateEinvoice(' '.repeat(10 * 1024 * 1024 + 1)),
    (e) => e instanceof EinvoiceInputError && e.reason === 'too_large',
  );
  // The structural check that the event loop stays free: every document above went to a validation thread.
  const counts = einvoiceValidationCounts();
  assert.ok(counts && counts.onThreads > 0, JSON.stringify(counts));
  assert.equal(counts.inProcess, 0);
});
