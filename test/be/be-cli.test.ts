import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { faturadorArgs } from '../support/faturador-bin.js';
import { startServerProcess } from '../support/server-process.js';

// `faturador account create --country BE` against a running server (over its admin socket or the shared
// PostgreSQL database), then an invoice of that account through the HTTP API; bad input and SAF-T refused.
let dataDir: string;
let pgDb: TestDatabase | undefined;
let env: Record<string, string>;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'faturador-be-cli-'));
  if (testDbKind === 'postgres') {
    pgDb = await freshDatabase('postgres');
    await pgDb.database.close();
    env = { DATABASE_URL: pgDb.url! };
  } else env = { DATA_DIR: dataDir };
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await pgDb?.drop();
});

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...faturadorArgs(), ...args], {
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const create = (taxId: string, country: string) =>
  cli(
    'account',
    'create',
    '--name',
    'Brouwerij Test BV',
    '--tax-id',
    taxId,
    '--email',
    'be@example.com',
    '--country',
    country,
    '--language',
    'nl',
  );

test('a BE account created from the CLI issues a Belgian invoice through the API', { timeout: 600_000 }, async () => {
  const s = await startServerProcess({
    ...env,
    BOOTSTRAP_API_KEY: 'ftr_test_be_cli_bootstrap_000000000000000000000000',
  });
  try {
    const deadline = Date.now() + 60_000;
    while (!/listening on/.test(s.output())) {
      if (Date.now() > deadline) throw new Error(`no banner:\n${s.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const bad = await create('0412.345.615', 'BE');
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /taxId/);
    const es = await create('B12345678', 'ES');
    assert.notEqual(es.code, 0);
    assert.match(es.err, /country/);

    const acc = await create('0412.345.614', 'be');
    assert.equal(acc.code, 0, acc.err);
    const { accountId, apiKey } = JSON.parse(acc.out) as { accountId: number; apiKey: string };
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${s.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const account = await api('GET', '/v1/account');
    assert.deepEqual(
      [account.body.country, account.body.taxId, account.body.defaultLanguage],
      ['BE', 'BE0412345614', 'nl'],
    );
    const inv = await api('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      customer: { name: 'Café NV', taxId: 'BE0202239951', country: 'BE' },
      lines: [
        { description: 'Bier', quantity: '10', unitPrice: '2', taxRate: '21' },
        { description: 'Boek', quantity: '1', unitPrice: '20', taxRate: '6' },
      ],
    });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    assert.equal(inv.body.totals.gross, '45.40');
    assert.equal(inv.body.atcud, null);
    assert.match(inv.body.paymentReference, /^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    assert.equal(inv.body.language, 'nl');

    const year = new Date().getUTCFullYear();
    const saft = await cli(
      'saft',
      'export',
      '--account',
      String(accountId),
      '--from',
      `${year}-01-01`,
      '--to',
      `${year}-12-31`,
    );
    assert.notEqual(saft.code, 0);
    assert.match(saft.err, /not_in_regime: The SAF-T \(PT\) audit file is a feature of the Portuguese regime only/);
  } finally {
    await s.stop();
  }
});
