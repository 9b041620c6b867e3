import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliEnv } from '../support/cli-env.js';

// `faturador apikey create --scope`: the CLI opens the database itself (no server runs here).
const env = cliEnv('faturador-cli-scope-');
const cli = env.cli;

test('apikey create --scope: issue by default, another scope when asked, anything else refused', () => {
  const account = cli(
    'account',
    'create',
    '--name',
    'Empresa CLI, Lda',
    '--tax-id',
    '503340855',
    '--email',
    'cli@example.com',
  );
  assert.equal(account.code, 0, account.err);
  const { accountId } = JSON.parse(account.out) as { accountId: number };
  const created = ['', 'read'].map((scope) => {
    const r = cli('apikey', 'create', '--account', String(accountId), ...(scope ? ['--scope', scope] : []));
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { scope: string }).scope;
  });
  assert.deepEqual(created, ['issue', 'read']);
  const bad = cli('apikey', 'create', '--account', String(accountId), '--scope', 'root');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Allowed choices are admin, issue, read/);
});
