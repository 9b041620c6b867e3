import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spoolToTempFile, UploadTooLarge } from './import-source.js';

test('an endless upload is refused at the cap as it streams, and its temporary file is removed', async () => {
  const saved = process.env.TMPDIR;
  const dir = await mkdtemp(join(tmpdir(), 'faturador-spool-test-'));
  process.env.TMPDIR = dir;
  try {
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(64 * 1024, 'a');
      })(),
    );
    await assert.rejects(spoolToTempFile(endless, 1024 * 1024), UploadTooLarge);
    assert.deepEqual(readdirSync(dir), []);

    const source = await spoolToTempFile(Readable.from([Buffer.from('a;b\n'), Buffer.from('1;2\n')]), 8);
    assert.equal(source.bytes, 8);
    assert.equal(source.sha256, createHash('sha256').update('a;b\n1;2\n').digest('hex'));
    let read = '';
    for (let pass = 0; pass < 2; pass++) for await (const chunk of source.open()) read += chunk;
    assert.equal(read, 'a;b\n1;2\n'.repeat(2), 'read as often as needed');
    assert.equal(readdirSync(dir).length, 1);
    await source.dispose();
    await source.dispose();
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(dir, { recursive: true, force: true });
    assert.ok(!existsSync(dir));
  }
});
