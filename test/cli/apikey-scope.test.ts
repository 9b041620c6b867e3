import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';

// `faturador apikey create --scope`: the CLI opens the database itself (no server runs here).
let dir: string;
let pgDb: TestDatabase | undefined;
let env: Record<string, string>;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faturador-cli-scope-'));
  if (testDbKind === 'postgres') {
    pgDb = await freshDatabase('postgres');
    await pgDb.database.close();
    env = { DATABASE_URL: pgDb.url! };
  } else {
    env = { DATA_DIR: join(dir, 'data') };
  }
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pgDb?.drop();
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin/faturador.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('apikey create --scope: issue by default, another scope when asked, anything else refused', () => {
  const account = cli('account', 'create', '--name', 'Empresa CLI, Lda', '--tax-id', '503340855', '--email', 'cli@example.com');
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
