import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnv } from '../support/cli-env.js';
import { invoiceCsv } from './support.js';

// `faturador import FILE`: the CLI opens the database itself (no server runs here).
const env = cliEnv('faturador-cli-import-');
const cli = env.cli;

test('import --dry-run prints the preview and exits 1 on errors; import issues every document, once', () => {
  const account = cli(
    'account',
    'create',
    '--name',
    'Empresa CLI, Lda',
    '--tax-id',
    '503340855',
    '--email',
    'i@example.com',
  );
  assert.equal(account.code, 0, account.err);
  const { accountId } = JSON.parse(account.out) as { accountId: number };
  const bad = join(env.dir, 'bad.csv');
  writeFileSync(bad, invoiceCsv(10, new Map([[4, 'D2,FT,123456789,Cliente Import,,x,abc,1,,23']])));
  const good = join(env.dir, 'good.csv');
  writeFileSync(good, invoiceCsv(30));

  const dry = cli('import', bad, '--account', String(accountId), '--dry-run');
  assert.equal(dry.code, 1, dry.err);
  const preview = JSON.parse(dry.out);
  assert.equal(preview.documentCount, 10);
  assert.deepEqual(preview.errors, [{ row: 4, column: 'quantity', reason: "'abc' is no number." }]);
  const done = cli('import', good, '--account', String(accountId));
  assert.equal(done.code, 0, done.err);
  const result = JSON.parse(done.out);
  assert.equal(result.status, 'done');
  assert.equal(result.issued, 30);
  assert.match(done.err, /30\/30 \(100 %\)/);
  const again = cli('import', good, '--account', String(accountId));
  assert.equal(again.code, 0, again.err);
  assert.equal(JSON.parse(again.out).existing, true);
  assert.equal(JSON.parse(again.out).id, result.id);
});
