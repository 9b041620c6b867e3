import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { childDatabase, logRecords, serveWithStreams, type Served } from './serve-process.js';

const BOOT = 'ftr_logs_bootstrap_key_never_printed_00000000000000000';
const TOKEN = '0123456789abcdef0123456789abcdef0123456789abcdef';
let db: Awaited<ReturnType<typeof childDatabase>>;
let s: Served;
let exit: number | null;
before(async () => {
  db = await childDatabase();
  s = await serveWithStreams({ ...db.env, BOOTSTRAP_API_KEY: BOOT });
  // Public links (wrong ids: 404s, but logged like any request) and a credential in a query string.
  for (const path of [
    `/download/1/${TOKEN}`,
    `/download/1/${TOKEN}/qr.png`,
    `/download/saft/1/${TOKEN}`,
    `/billpt/documentos/download/1/${TOKEN}`,
    `/invoicexpress/invoices.json?api_key=${TOKEN}`,
  ]) {
    await fetch(`${s.url}${path}`);
  }
  exit = await s.stop();
});
after(async () => {
  await db?.cleanup();
});

test('stdout is a JSON log stream: the start-up banner is a record there and readable text on stderr only', () => {
  const records = logRecords(s.stdout());
  const started = records.find((r) => r.msg === 'Faturador started');
  assert.ok(started, s.stdout());
  assert.equal(started.sandboxCreated, true);
  assert.match(s.stderr(), /Faturador listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.match(s.stderr(), /Created a sandbox account/);
});

test('BOOTSTRAP_API_KEY is never printed, the banner names the variable instead', () => {
  assert.ok(!(s.stdout() + s.stderr()).includes(BOOT));
  assert.match(s.stderr(), /Bearer \$BOOTSTRAP_API_KEY/);
});

test('public download tokens and query credentials are redacted in logged URLs', () => {
  assert.ok(!(s.stdout() + s.stderr()).includes(TOKEN), 'the token appears nowhere');
  const urls = logRecords(s.stdout())
    .map((r) => (r.req as { url?: string } | undefined)?.url)
    .filter(Boolean);
  for (const want of [
    '/download/1/[REDACTED]',
    '/download/1/[REDACTED]/qr.png',
    '/download/saft/1/[REDACTED]',
    '/billpt/documentos/download/1/[REDACTED]',
    '/invoicexpress/invoices.json?api_key=[REDACTED]',
  ]) {
    assert.ok(urls.includes(want), `${want} in ${JSON.stringify(urls)}`);
  }
});

test('a stop writes one log line and exits 0', () => {
  assert.equal(exit, 0);
  const stopped = logRecords(s.stdout()).filter((r) => String(r.msg).startsWith('Faturador stopped'));
  assert.equal(stopped.length, 1, s.stdout());
});
