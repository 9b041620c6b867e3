import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { childDatabase, logRecords, serveWithStreams } from './serve-process.js';

let db: Awaited<ReturnType<typeof childDatabase>>;
before(async () => {
  db = await childDatabase();
});
after(async () => {
  await db?.cleanup();
});

test('NODE_ENV=production: no sandbox account, no key printed (not even BOOTSTRAP_API_KEY), /docs off', async () => {
  const boot = 'ftr_prod_bootstrap_key_must_never_be_printed_0000000000';
  const s = await serveWithStreams({ ...db.env, NODE_ENV: 'production', BOOTSTRAP_API_KEY: boot });
  let code: number | null;
  try {
    const all = s.stdout() + s.stderr();
    assert.doesNotMatch(all, /ftr_/, 'no API key in the output');
    assert.doesNotMatch(all, /Created a sandbox account/);
    assert.match(s.stderr(), /No account yet: create the first with faturador account create/);
    const started = logRecords(s.stdout()).find((r) => r.msg === 'Faturador started');
    assert.ok(started, s.stdout());
    assert.equal(started.production, true);
    assert.equal(started.sandboxCreated, false);
    assert.equal(started.firstAccountId, null);
    // No account was created: the bootstrap key opens nothing.
    const r = await fetch(`${s.url}/v1/documents`, { headers: { authorization: `Bearer ${boot}` } });
    assert.equal(r.status, 401);
    assert.equal((await fetch(`${s.url}/docs`)).status, 404);
    assert.equal((await fetch(`${s.url}/openapi.json`)).status, 200);
  } finally {
    code = await s.stop();
  }
  assert.equal(code, 0);
  assert.doesNotMatch(s.stdout() + s.stderr(), /ftr_/);
});

test('outside production DOCS=0 turns /docs off too', async () => {
  const s = await serveWithStreams({ ...db.env, DOCS: '0' });
  try {
    assert.equal((await fetch(`${s.url}/docs`)).status, 404);
    assert.doesNotMatch(s.stderr(), /API docs:/);
  } finally {
    await s.stop();
  }
});
