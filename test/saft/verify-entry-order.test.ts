import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { verifySaftFile } from '../../src/exports/saft/verify-file.js';
import { readShared, sharedPath, skipUnlessShared } from '../support/shared.js';

const DEMO = ['specs', 'pt', 'saft_examples', 'saft_idemo599999999_resigned_testkey.xml'] as const;
const KEY = ['specs', 'pt', 'signature', 'test_public_key_rebelo.pem'] as const;

// NOTE: D8632 §1.6, §3.2.1 — a series is issued chronologically: `saft verify` reports a document whose
// SystemEntryDate is earlier than the one numbered before it (besides the signature that no longer verifies).
test(
  'saft verify reports a SystemEntryDate earlier than the previous number of its series',
  { skip: skipUnlessShared(...DEMO).skip || skipUnlessShared(...KEY).skip },
  async () => {
    const text = new TextDecoder('windows-1252')
      .decode(readFileSync(sharedPath(...DEMO)))
      .replace('encoding="Windows-1252"', 'encoding="UTF-8"');
    const at = text.indexOf('<SystemEntryDate>', text.indexOf('<InvoiceNo>1T 1/2</InvoiceNo>'));
    const end = text.indexOf('</SystemEntryDate>', at);
    const tampered = `${text.slice(0, at)}<SystemEntryDate>2000-01-01T00:00:00${text.slice(end)}`;
    const report = await verifySaftFile(Readable.from([Buffer.from(tampered)]), readShared(...KEY));
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.chain.failures
        .filter((f) => f.docId === '1T 1/2')
        .map((f) => f.reason)
        .sort(),
      ['bad_signature', 'entry_time_inversion'],
    );
    assert.deepEqual(
      report.chain.failures.filter((f) => f.reason === 'entry_time_inversion'),
      [{ docId: '1T 1/2', reason: 'entry_time_inversion' }],
    );
  },
);
