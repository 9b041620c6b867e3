import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { startServerProcess } from '../support/server-process.js';

let dataDir: string;
let pgDb: TestDatabase | undefined;
let env: Record<string, string>;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'faturador-cli-'));
  if (testDbKind === 'postgres') {
    pgDb = await freshDatabase('postgres');
    await pgDb.database.close();
    env = { DATABASE_URL: pgDb.url! };
  } else {
    env = { DATA_DIR: dataDir };
  }
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (pgDb) {
    const again = await import('../support/db.js');
    const pg = await import('pg');
    const c = new pg.default.Client({ connectionString: again.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${new URL(pgDb.url!).pathname.slice(1)} WITH (FORCE)`);
    await c.end();
  }
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin/faturador.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BOOT = 'ftr_test_cli_bootstrap_key_000000000000000000000000';

test('first start creates a sandbox account and prints its key, the docs URL and a curl that works; a restart keeps everything', async () => {
  const s1 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
  let docId: number;
  try {
    const out = s1.output();
    assert.match(out, /Created a sandbox account/);
    assert.ok(out.includes(`API key: ${BOOT}`), out);
    assert.match(out, /API docs: http:\/\/127\.0\.0\.1:\d+\/docs/);
    const curl = /curl -s (\S+) -H 'Authorization: Bearer (\S+)' -H 'Content-Type: application\/json' -d '(.+)'/.exec(out);
    assert.ok(curl, out);
    const r = await fetch(curl[1], { method: 'POST', headers: { authorization: `Bearer ${curl[2]}`, 'content-type': 'application/json' }, body: curl[3] });
    const body = await r.json() as { id: number; status: string; number: string };
    assert.equal(r.status, 201, JSON.stringify(body));
    assert.equal(body.status, 'final');
    docId = body.id;
  } finally {
    await s1.stop();
  }
  const s2 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
  try {
    assert.doesNotMatch(s2.output(), /Created a sandbox account/);
    const r = await fetch(`${s2.url}/v1/documents/${docId}`, { headers: { authorization: `Bearer ${BOOT}` } });
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { status: string }).status, 'final');
  } finally {
    await s2.stop();
  }
});

test('the CLI migrates, creates accounts and keys, revokes keys, and verifies a chain', async () => {
  const m = cli('migrate');
  assert.equal(m.code, 0, m.err);
  assert.match(m.out, /up to date|Applied/);
  const acc = cli('account', 'create', '--name', 'Nova Empresa, Lda', '--tax-id', '510111114', '--email', 'nova@example.com');
  assert.equal(acc.code, 0, acc.err);
  const created = JSON.parse(acc.out) as { accountId: number; apiKey: string };
  assert.ok(created.apiKey.length >= 120);
  const bad = cli('account', 'create', '--name', 'X', '--tax-id', '123456780', '--email', 'x@example.com');
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /validation/);
  const key = cli('apikey', 'create', '--account', String(created.accountId), '--name', 'ci');
  assert.equal(key.code, 0, key.err);
  const k = JSON.parse(key.out) as { id: number; key: string };
  const list = JSON.parse(cli('apikey', 'list', '--account', String(created.accountId)).out) as { id: number; revoked_at: string | null }[];
  assert.equal(list.length, 2);
  assert.equal(cli('apikey', 'revoke', '--account', String(created.accountId), '--id', String(k.id)).code, 0);
  const after = JSON.parse(cli('apikey', 'list', '--account', String(created.accountId)).out) as { id: number; revoked_at: string | null }[];
  assert.ok(after.find((x) => x.id === k.id)?.revoked_at);
  const v = cli('verify-chain', '--account', '1');
  assert.equal(v.code, 0, v.out + v.err);
  assert.equal((JSON.parse(v.out) as { ok: boolean }).ok, true);
});
