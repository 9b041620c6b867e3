import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDbKind } from '../support/db.js';
import { freePort } from '../support/server-process.js';

// `npm start` and the installed `faturador` run the esbuild bundle of the CLI (scripts/build-bundle.mjs), which the
// other tests (from source, with tsx) never load: this one bundles the current sources and serves with the bundle.
// PGlite only (the bundle is the same code on PostgreSQL; this is about how it loads).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
mkdirSync(join(root, 'dist'), { recursive: true });
const work = mkdtempSync(join(root, 'dist', 'bundle-test-'));
const dataDir = mkdtempSync(join(tmpdir(), 'faturador-bundle-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

test(
  'the bundled CLI serves the native API, both dialects, the docs and PDFs',
  { skip: testDbKind !== 'pglite' },
  async () => {
    const bin = join(work, 'src', 'bin');
    const built = spawnSync(process.execPath, ['scripts/build-bundle.mjs', bin], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    // The migrations, found from the bundle's place as in dist/ (not from this checkout's possibly stale dist/).
    mkdirSync(join(work, 'src', 'infra', 'db'), { recursive: true });
    cpSync(join(root, 'src', 'infra', 'db', 'migrations'), join(work, 'src', 'infra', 'db', 'migrations'), {
      recursive: true,
    });

    const key = `ftr_test_${'b'.repeat(48)}`;
    const port = await freePort();
    const child = spawn(process.execPath, [join(bin, 'faturador.js'), 'serve'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        BOOTSTRAP_API_KEY: key,
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 180_000;
      while (!/listening on/.test(out)) {
        assert.equal(child.exitCode, null, `the bundle exited:\n${out}`);
        assert.ok(Date.now() < deadline, `the bundle did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const auth = { authorization: `Bearer ${key}` };
      const created = await fetch(`${url}/v1/documents`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'FT',
          finalize: true,
          customer: { name: 'Cliente', taxId: '123456789' },
          lines: [{ description: 'Consultoria', quantity: '1', unitPrice: '100.00', taxName: 'IVA23' }],
        }),
      });
      const doc = (await created.json()) as { id: number; number: string; totals: { gross: string } };
      assert.equal(created.status, 201, JSON.stringify(doc));
      assert.match(doc.number, /^FT A\d{4}\/1$/);
      assert.equal(doc.totals.gross, '123.00');

      const unknown = await fetch(`${url}/v1/documents`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'FT', finalise: true, lines: [] }),
      });
      assert.equal(unknown.status, 422);

      const pdf = await fetch(`${url}/v1/documents/${doc.id}/pdf`, { headers: auth });
      assert.equal(pdf.status, 200);
      assert.equal(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      // Rendered by the bundle's own render thread (pdf-render-worker.js), not by the in-process fallback.
      assert.doesNotMatch(out, /PDF render threads could not start/);

      for (const path of ['/openapi.json', '/billpt/openapi.json', '/invoicexpress/openapi.json']) {
        const r = await fetch(`${url}${path}`);
        assert.equal(r.status, 200, path);
        assert.ok(((await r.json()) as { openapi?: string }).openapi?.startsWith('3.'), path);
      }
      const docs = await fetch(`${url}/docs`);
      assert.equal(docs.status, 200);

      const billpt = await fetch(`${url}/billpt/api/1.0/documentos?api_token=${key}`);
      assert.equal(billpt.status, 200);
      assert.equal(((await billpt.json()) as { total: number }).total, 1);
      const ix = await fetch(`${url}/invoicexpress/invoices.json?api_key=${key}`);
      assert.equal(ix.status, 200);
      assert.equal(((await ix.json()) as { invoices: unknown[] }).invoices.length, 1);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  },
);
