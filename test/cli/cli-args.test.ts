import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnv } from '../support/cli-env.js';

// Exit codes: 0 success, 1 failure (not found, a broken chain), 2 bad arguments. No server runs here: the CLI
// opens the database itself.
const env = cliEnv('faturador-cli-args-');
const cli = env.cli;

test(
  "--version prints package.json's version; --help lists every command with a description, without " +
    'opening a database',
  () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const v = cli('--version');
    assert.equal(v.code, 0);
    assert.equal(v.out.trim(), pkg.version);
    const h = cli('--help');
    assert.equal(h.code, 0, h.err);
    for (const c of ['serve', 'migrate', 'account', 'apikey', 'user', 'signing-key', 'verify-chain', 'saft']) {
      assert.match(h.out, new RegExp(`^  ${c}\\b.*\\S\\s{2,}\\S`, 'm'), `${c} has a description:\n${h.out}`);
    }
    const sub = cli('apikey', 'revoke', '--help');
    assert.match(sub.out, /--account <id>\s+account id/);
    assert.match(sub.out, /--id <keyId>\s+the key's id/);
    if (env.vars.DATA_DIR) assert.equal(existsSync(env.vars.DATA_DIR), false, 'no database was opened');
  },
);

test('bad arguments exit with 2 and a clear message, without a stack trace', () => {
  const cases: [string[], RegExp][] = [
    [
      ['apikey', 'revoke', '--account', '1', '--id', 'abc'],
      /option '--id <keyId>' argument 'abc' is invalid\. Must be a positive integer\./,
    ],
    [
      ['apikey', 'list', '--account', 'x'],
      /option '--account <id>' argument 'x' is invalid\. Must be a positive integer\./,
    ],
    [['apikey', 'list', '--account', '0'], /Must be a positive integer/],
    [['apikey', 'list'], /required option '--account <id>' not specified/],
    [['saft', 'export', '--account', '1', '--month', '13', '--year', '2026'], /Must be a month, 1 to 12/],
    [['saft', 'export', '--account', '1', '--from', '1/2/2026'], /Must be a date as YYYY-MM-DD/],
    [
      ['account', 'create', '--name', 'X', '--tax-id', '1', '--email', 'x@example.com', '--cert', 'abc'],
      /Must be a whole number/,
    ],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['apikey', 'list', '--account', '1', '--acount', '1'], /unknown option '--acount'/],
  ];
  for (const [args, message] of cases) {
    const r = cli(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

test('a value the use case refuses exits 2; a missing account exits 1 with not_found; results are camelCase JSON', () => {
  const bad = cli('account', 'create', '--name', 'X', '--tax-id', '123456780', '--email', 'x@example.com');
  assert.equal(bad.code, 2, bad.err);
  assert.match(bad.err, /^validation: /);
  for (const args of [
    ['apikey', 'list', '--account', '999'],
    ['apikey', 'create', '--account', '999'],
    ['apikey', 'revoke', '--account', '999', '--id', '1'],
    ['signing-key', '--account', '999'],
    ['verify-chain', '--account', '999'],
  ]) {
    const r = cli(...args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /^not_found: account 999 not found\./);
    assert.equal(r.out, '');
  }
  const acc = cli(
    'account',
    'create',
    '--name',
    'Chaves, Lda',
    '--tax-id',
    '503340855',
    '--email',
    'chaves@example.com',
  );
  assert.equal(acc.code, 0, acc.err);
  const created = JSON.parse(acc.out) as Record<string, unknown>;
  for (const field of ['accountId', 'apiKey', 'apiKeyId', 'userId']) assert.ok(field in created, field);
  for (const field of Object.keys(created)) assert.match(field, /^[a-z][a-zA-Z]*$/, 'camelCase like the API');
  const noKey = cli('apikey', 'revoke', '--account', String(created.accountId), '--id', '99999');
  assert.equal(noKey.code, 1);
  assert.match(noKey.err, /not_found: API key 99999 not found/);
  const pw = env.cliWith({ FATURADOR_USER_PASSWORD: '' }, 'user', 'set-password', '--email', 'chaves@example.com');
  assert.equal(pw.code, 2, pw.err);
  assert.match(pw.err, /give the password in FATURADOR_USER_PASSWORD or with --password/);
});

test('signing-key prints the PEM that saft verify takes to check an exported file', async () => {
  const made = cli(
    'account',
    'create',
    '--name',
    'Assinada, Lda',
    '--tax-id',
    '510111114',
    '--email',
    'assinada@example.com',
  );
  const acc = JSON.parse(made.out) as {
    accountId: number;
    apiKey: string;
  };
  const pem = cli('signing-key', '--account', String(acc.accountId));
  assert.equal(pem.code, 0, pem.err);
  assert.match(pem.out, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
  const year = new Date().getUTCFullYear();
  const file = join(env.dir, 'saft.xml');
  const exported = cli(
    'saft',
    'export',
    '--account',
    String(acc.accountId),
    '--from',
    `${year}-01-01`,
    '--to',
    `${year}-12-31`,
    '--out',
    file,
  );
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.err, /Wrote .*saft\.xml \(\d+ bytes\)/);
  assert.equal(existsSync(`${file}.partial`), false);
  writeFileSync(join(env.dir, 'key.pem'), pem.out);
  const verified = cli('saft', 'verify', '--file', file, '--public-key', join(env.dir, 'key.pem'));
  assert.equal(verified.code, 0, verified.out + verified.err);
  assert.equal((JSON.parse(verified.out) as { ok: boolean }).ok, true);
});
