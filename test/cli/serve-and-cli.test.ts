import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { faturadorArgs } from '../support/faturador-bin.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';

const pglite = testDbKind === 'pglite';
const PGLITE_ONLY = !pglite && 'PGlite only: PostgreSQL takes several processes';

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
  await pgDb?.drop();
});

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [...faturadorArgs(), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking this process: for CLI calls that run side by side with HTTP traffic. */
function cliAsync(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...faturadorArgs(), ...args], {
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** /healthz answers once the port is bound; the banner comes after the admin socket and the sandbox account. */
async function started(s: ServerProcess): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (!/listening on/.test(s.output())) {
    if (Date.now() > deadline) throw new Error(`no banner:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return s.output();
}

async function documentsStatus(url: string, key: string): Promise<number> {
  return (await fetch(`${url}/v1/documents`, { headers: { authorization: `Bearer ${key}` } })).status;
}

const BOOT = 'ftr_test_cli_bootstrap_key_000000000000000000000000';
const INVOICE = {
  type: 'FT',
  finalize: true,
  customer: { name: 'Cliente Exemplo', taxId: '123456789' },
  lines: [{ description: 'Consultoria', quantity: '1', unitPrice: '100.00', taxName: 'IVA23' }],
};

test(
  'first start creates a sandbox account, prints the docs URL and a curl that works, never BOOTSTRAP_API_KEY; ' +
    'a restart keeps everything',
  async () => {
    const s1 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    let docId: number;
    try {
      const out = await started(s1);
      assert.match(out, /Created a sandbox account/);
      assert.ok(!out.includes(BOOT), out);
      assert.match(out, /API key: the BOOTSTRAP_API_KEY you set \(not printed\)/);
      assert.match(out, /API docs: http:\/\/127\.0\.0\.1:\d+\/docs/);
      const header = /-H "Authorization: Bearer \$BOOTSTRAP_API_KEY" -H 'Content-Type: application\/json'/.source;
      const curl = new RegExp(`curl -s (\\S+) ${header} -d '(.+)'`).exec(out);
      assert.ok(curl, out);
      const r = await fetch(curl[1], {
        method: 'POST',
        headers: { authorization: `Bearer ${BOOT}`, 'content-type': 'application/json' },
        body: curl[2],
      });
      const body = (await r.json()) as { id: number; status: string; number: string };
      assert.equal(r.status, 201, JSON.stringify(body));
      assert.equal(body.status, 'final');
      docId = body.id;
    } finally {
      await s1.stop();
    }
    const s2 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    try {
      assert.doesNotMatch(await started(s2), /Created a sandbox account/);
      const r = await fetch(`${s2.url}/v1/documents/${docId}`, { headers: { authorization: `Bearer ${BOOT}` } });
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { status: string }).status, 'final');
    } finally {
      await s2.stop();
    }
  },
);

test('the CLI migrates, creates accounts and keys, lists them in camelCase, revokes keys, verifies a chain', async () => {
  const m = cli('migrate');
  assert.equal(m.code, 0, m.err);
  assert.ok(Array.isArray((JSON.parse(m.out) as { applied: string[] }).applied));
  const acc = cli(
    'account',
    'create',
    '--name',
    'Nova Empresa, Lda',
    '--tax-id',
    '510111114',
    '--email',
    'nova@example.com',
  );
  assert.equal(acc.code, 0, acc.err);
  const created = JSON.parse(acc.out) as { accountId: number; apiKey: string };
  assert.ok(created.apiKey.length >= 120);
  const key = cli('apikey', 'create', '--account', String(created.accountId), '--name', 'ci');
  assert.equal(key.code, 0, key.err);
  const k = JSON.parse(key.out) as { id: number; key: string; createdAt: string };
  assert.ok(k.createdAt);
  type Listed = { id: number; userId: number; revokedAt: string | null }[];
  const list = JSON.parse(cli('apikey', 'list', '--account', String(created.accountId)).out) as Listed;
  assert.equal(list.length, 2);
  for (const field of ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'userId']) {
    assert.ok(field in list[0], field);
  }
  for (const field of Object.keys(list[0])) assert.match(field, /^[a-z][a-zA-Z]*$/, 'camelCase like the API');
  const revoked = cli('apikey', 'revoke', '--account', String(created.accountId), '--id', String(k.id));
  assert.equal(revoked.code, 0, revoked.err);
  assert.deepEqual(JSON.parse(revoked.out), { id: k.id, revoked: true });
  const later = JSON.parse(cli('apikey', 'list', '--account', String(created.accountId)).out) as Listed;
  assert.ok(later.find((x) => x.id === k.id)?.revokedAt);
  const v = cli('verify-chain', '--account', String(created.accountId));
  assert.equal(v.code, 0, v.out + v.err);
  assert.equal((JSON.parse(v.out) as { ok: boolean }).ok, true);
});

test(
  'with the server running, CLI commands run side by side with HTTP traffic: the keys work at once and after ' +
    'a restart',
  { timeout: 600_000 },
  async () => {
    const s1 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    let accountKey: string;
    let extraKey: string;
    let accountId: number;
    try {
      await started(s1);
      if (pglite) assert.equal(statSync(join(dataDir, 'faturador.sock')).mode & 0o777, 0o600);
      const issue = () =>
        fetch(`${s1.url}/v1/documents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${BOOT}`, 'content-type': 'application/json' },
          body: JSON.stringify(INVOICE),
        }).then((r) => r.status);
      const [acc, statuses] = await Promise.all([
        cliAsync(
          'account',
          'create',
          '--name',
          'Paralela, Lda',
          '--tax-id',
          '503340855',
          '--email',
          'paralela@example.com',
        ),
        Promise.all([issue(), issue(), issue()]),
      ]);
      assert.equal(acc.code, 0, acc.err);
      assert.deepEqual(statuses, [201, 201, 201]);
      ({ accountId, apiKey: accountKey } = JSON.parse(acc.out) as { accountId: number; apiKey: string });
      assert.equal(await documentsStatus(s1.url, accountKey), 200);
      const [key, chain, pw] = await Promise.all([
        cliAsync('apikey', 'create', '--account', String(accountId), '--name', 'side'),
        cliAsync('verify-chain', '--account', '1'),
        cliAsync('user', 'set-password', '--email', 'paralela@example.com', '--password', 'uma-senha-longa'),
      ]);
      assert.equal(key.code, 0, key.err);
      extraKey = (JSON.parse(key.out) as { key: string }).key;
      assert.equal(await documentsStatus(s1.url, extraKey), 200);
      assert.equal(chain.code, 0, chain.err);
      assert.equal((JSON.parse(chain.out) as { ok: boolean }).ok, true);
      assert.equal(pw.code, 0, pw.err);
      assert.equal((JSON.parse(pw.out) as { accountId: number }).accountId, accountId);
      const year = new Date().getUTCFullYear();
      let saft = await cliAsync(
        'saft',
        'export',
        '--account',
        '1',
        '--from',
        `${year - 1}-12-01`,
        '--to',
        `${year}-12-31`,
      );
      assert.equal(saft.code, 2, saft.err);
      assert.match(saft.err, /validation: Invalid SAF-T period/);
      const signing = await cliAsync('signing-key', '--account', '1');
      assert.match(signing.out, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
      saft = await cliAsync('saft', 'export', '--account', '1', '--from', `${year}-01-01`, '--to', `${year}-12-31`);
      assert.equal(saft.code, 0, saft.err);
      assert.match(saft.out, /^<\?xml[\s\S]*<\/AuditFile>\s*$/);
      const missing = await cliAsync('apikey', 'list', '--account', '999');
      assert.equal(missing.code, 1);
      assert.match(missing.err, /not_found: account 999 not found/);
    } finally {
      await s1.stop();
    }
    const s2 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    try {
      await started(s2);
      assert.equal(await documentsStatus(s2.url, accountKey), 200);
      assert.equal(await documentsStatus(s2.url, extraKey), 200);
      const list = JSON.parse((await cliAsync('apikey', 'list', '--account', String(accountId))).out) as unknown[];
      assert.equal(list.length, 2);
    } finally {
      await s2.stop();
    }
  },
);

test(
  'a second server on the same DATA_DIR refuses to start, and the first keeps serving',
  {
    skip: PGLITE_ONLY,
    timeout: 400_000,
  },
  async () => {
    const s1 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    try {
      await started(s1);
      const port = await freePort();
      const second = spawnSync(process.execPath, [...faturadorArgs(), 'serve'], {
        env: { ...process.env, ...env, PORT: String(port), BOOTSTRAP_API_KEY: BOOT },
        encoding: 'utf8',
        timeout: 180_000,
      });
      assert.equal(second.status, 1, second.stdout + second.stderr);
      assert.match(second.stderr, /DATA_DIR .* is in use by another Faturador process \(pid \d+\)/);
      assert.equal(await documentsStatus(s1.url, BOOT), 200);
    } finally {
      await s1.stop();
    }
  },
);

test(
  'a server killed with SIGKILL leaves no stale lock: the CLI opens the database itself, a new server starts',
  {
    skip: PGLITE_ONLY,
    timeout: 400_000,
  },
  async () => {
    const s1 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    await started(s1);
    await s1.kill('SIGKILL');
    assert.ok(existsSync(join(dataDir, 'faturador.sock')), "the dead server's socket file is left behind");
    const local = cli('apikey', 'create', '--account', '1', '--name', 'after-crash');
    assert.equal(local.code, 0, local.err);
    const key = (JSON.parse(local.out) as { key: string }).key;
    const s2 = await startServerProcess({ ...env, BOOTSTRAP_API_KEY: BOOT });
    try {
      await started(s2);
      assert.equal(await documentsStatus(s2.url, key), 200);
      const through = await cliAsync('apikey', 'list', '--account', '1');
      assert.equal(through.code, 0, through.err);
      assert.ok((JSON.parse(through.out) as { name: string }[]).some((k) => k.name === 'after-crash'));
    } finally {
      await s2.stop();
    }
  },
);

test(
  'a first start that cannot bind its port creates no account, so the next start still creates and shows ' +
    'the sandbox key',
  { skip: PGLITE_ONLY, timeout: 600_000 },
  async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'faturador-cli-port-'));
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const failed = spawnSync(process.execPath, [...faturadorArgs(), 'serve'], {
        env: { ...process.env, DATA_DIR: fresh, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 300_000,
      });
      assert.equal(failed.status, 1, failed.stdout + failed.stderr);
      assert.match(failed.stderr, /Cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
      assert.doesNotMatch(failed.stdout, /API key/);
    } finally {
      busy.close();
    }
    const s = await startServerProcess({ DATA_DIR: fresh });
    try {
      const out = await started(s);
      assert.match(out, /Created a sandbox account/);
      const key = /API key: (ftr_\S+)/.exec(out);
      assert.ok(key, out);
      assert.equal(await documentsStatus(s.url, key[1]), 200);
    } finally {
      await s.stop();
      rmSync(fresh, { recursive: true, force: true });
    }
  },
);
