import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../../domain/errors.js';
import { createSecretBox, KEY_FILE, parseSecretKey } from './secret-box.js';

const HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

test('keys: 64 hex characters or base64 of 32 bytes; anything else is refused', () => {
  assert.equal(parseSecretKey(HEX).length, 32);
  assert.deepEqual(parseSecretKey(Buffer.from(HEX, 'hex').toString('base64')), Buffer.from(HEX, 'hex'));
  assert.throws(() => parseSecretKey('too-short'));
});

test('seal/open round trip; every seal is different; tampering and another context fail', () => {
  const box = createSecretBox({ secretKey: HEX, embedded: false });
  const a = box.seal('senha ç€', 'ctx:1');
  const b = box.seal('senha ç€', 'ctx:1');
  assert.notEqual(a, b);
  assert.equal(box.open(a, 'ctx:1'), 'senha ç€');
  assert.throws(() => box.open(a, 'ctx:2'));
  const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
  assert.throws(() => box.open(tampered, 'ctx:1'));
  assert.equal(box.unavailableReason(), null);
});

test('without a key: an embedded installation keeps a generated key in DATA_DIR (0600), reused by the next process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faturador-key-'));
  try {
    const first = createSecretBox({ dataDir: dir, embedded: true });
    const sealed = first.seal('x', 'c');
    const file = join(dir, KEY_FILE);
    assert.match(readFileSync(file, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(createSecretBox({ dataDir: dir, embedded: true }).open(sealed, 'c'), 'x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a key on PostgreSQL (or without DATA_DIR) secrets are refused with a clear error', () => {
  for (const box of [
    createSecretBox({ dataDir: '/tmp/whatever', embedded: false }),
    createSecretBox({ embedded: true }),
  ]) {
    assert.match(box.unavailableReason()!, /FATURADOR_SECRET_KEY/);
    assert.throws(
      () => box.seal('x', 'c'),
      (e: unknown) => e instanceof DomainError && e.code === 'secret_key_not_configured',
    );
  }
});
