import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import { readSaftRecords } from '../../src/exports/saft/read-records.js';
import { verifySaftFile } from '../../src/exports/saft/verify-file.js';
import { hasShared, readShared, sharedPath, skipUnlessShared } from '../support/shared.js';
import { readFileSync } from 'node:fs';

/**
 * The file-side tools against files this project did not produce: AT's demo SAF-T (Windows-1252, re-signed with a
 * published test key) and a real PRIMAVERA file.
 */
const DEMO = ['specs', 'pt', 'saft_examples', 'saft_idemo599999999_resigned_testkey.xml'] as const;
const KEY = ['specs', 'pt', 'signature', 'test_public_key_rebelo.pem'] as const;
const PRIMAVERA = ['specs', 'pt', 'saft_examples', 'real_anonymized_primavera_2024-12.xml'] as const;
const demo = () => readFileSync(sharedPath(...DEMO));
/** A byte stream cut into small, odd-sized chunks: records and multi-byte characters straddle chunk boundaries. */
const chunked = (buf: Buffer, size = 7) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
    })(),
  );

describe(
  'reading and verifying SAF-T files',
  {
    skip:
      hasShared(...DEMO) && hasShared(...KEY) ? false : skipUnlessShared(...DEMO).skip || skipUnlessShared(...KEY).skip,
  },
  () => {
    test('AT’s demo file: all 35 signed documents verify with its test key (Windows-1252, read in 7-byte chunks)', async () => {
      const report = await verifySaftFile(chunked(demo()), readShared(...KEY));
      assert.deepEqual(report.records, { Invoice: 24, StockMovement: 7, WorkDocument: 4, Payment: 2 });
      assert.equal(report.chain.checked, 35);
      assert.deepEqual(report.chain.failures, []);
      assert.deepEqual(report.asserts, []);
      assert.equal(report.ok, true);
    });

    test('records are decoded from the declared encoding', async () => {
      const names: string[] = [];
      for await (const { record } of readSaftRecords(chunked(demo(), 5), ['Payment']))
        names.push(String((record.Line as any)[0].SourceDocumentID[0].Description));
      assert.deepEqual(names, ['Bens à taxa normal de IVA', 'Conservação e Reparação']);
    });

    test('a changed total breaks that document’s signature only', async () => {
      const text = new TextDecoder('windows-1252').decode(demo());
      const tampered = text.replace('<GrossTotal>235.15</GrossTotal>', '<GrossTotal>235.16</GrossTotal>');
      assert.notEqual(tampered, text);
      const report = await verifySaftFile(
        Readable.from([Buffer.from(tampered.replace('encoding="Windows-1252"', 'encoding="UTF-8"'))]),
        readShared(...KEY),
      );
      assert.equal(report.ok, false);
      assert.deepEqual(report.chain.failures, [{ docId: '1T 1/2', reason: 'bad_signature' }]);
    });

    test('a removed exemption reason is an assert violation', async () => {
      const text = new TextDecoder('windows-1252')
        .decode(demo())
        .replace('encoding="Windows-1252"', 'encoding="UTF-8"');
      const i = text.indexOf('<TaxExemptionReason>');
      const j = text.indexOf('</TaxExemptionReason>', i) + '</TaxExemptionReason>'.length;
      const violations = await checkSaftAsserts(Readable.from([Buffer.from(text.slice(0, i) + text.slice(j))]));
      assert.deepEqual(violations.map((v) => v.rule).sort(), ['exemption-pair', 'tax-percentage']);
    });

    test('a real producer’s file passes the assert rules', skipUnlessShared(...PRIMAVERA), async () => {
      assert.deepEqual(await checkSaftAsserts(chunked(readFileSync(sharedPath(...PRIMAVERA)), 4096)), []);
    });
  },
);
