import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath, skipUnlessShared } from '../support/shared.js';
import { faturadorArgs } from '../support/faturador-bin.js';

// `faturador einvoice validate FILE [--profile …]` from the sources: no server, no database.
const BE = 'specs/eu/examples-be';
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [...faturadorArgs(), 'einvoice', 'validate', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('valid: exit 0 and the JSON result; invalid: exit 1 with its findings', skipUnlessShared(BE), () => {
  const ok = cli(sharedPath(BE, 'be-creditnote-valid.xml'));
  assert.equal(ok.code, 0, ok.err);
  const okResult = JSON.parse(ok.out);
  assert.equal(okResult.valid, true);
  assert.equal(okResult.documentType, 'credit-note');
  assert.equal(okResult.fatal, 0);

  const broken = cli(sharedPath(BE, 'be-invoice-broken.xml'), '--profile', 'peppol');
  assert.equal(broken.code, 1);
  const ids = JSON.parse(broken.out)
    .findings.filter((f: { flag: string }) => f.flag === 'fatal')
    .map((f: { id: string }) => f.id)
    .sort();
  assert.deepEqual(ids, ['BR-CO-14', 'BR-CO-16', 'PEPPOL-COMMON-R043', 'PEPPOL-EN16931-R003']);
});

test('bad arguments exit 2 (no file, an unknown profile); a file that is not an e-invoice exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faturador-einvoice-cli-'));
  try {
    const missing = cli(join(dir, 'none.xml'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read/);
    const file = join(dir, 'x.xml');
    writeFileSync(file, '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><a></Invoice>');
    const unknown = cli(file, '--profile', 'xrechnung');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Allowed choices are peppol, cius-pt, en16931/);
    const malformed = cli(file);
    assert.equal(malformed.code, 1);
    assert.match(malformed.err, /not well-formed/);
    assert.equal(malformed.out, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
