import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app.js';
import { signInInject, type InjectSession } from '../console/support.js';
import { invoiceCsv, multipartBody } from './support.js';

// Uploads are streamed to a temporary file of their own (never held whole): one over the cap is refused as it
// streams, and one whose client goes away mid-file leaves nothing behind. This file's temporary files go to a folder
// of its own, so what other processes write to the machine's temporary folder does not count.
const MAX = 32 * 1024 * 1024;
let t: TestApp;
let session: InjectSession;
let port: number;
let spool: string;
let savedTmp: string | undefined;
before(async () => {
  savedTmp = process.env.TMPDIR;
  spool = mkdtempSync(join(tmpdir(), 'faturador-upload-limits-'));
  process.env.TMPDIR = spool;
  t = await startTestApp();
  session = await signInInject(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
});
after(async () => {
  await t?.close();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(spool, { recursive: true, force: true });
});

const spooled = () => readdirSync(spool).filter((n) => n.startsWith('faturador-import-'));

async function until(what: string, ok: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const targets = () => [
  {
    name: 'API',
    url: '/v1/imports',
    headers: { authorization: `Bearer ${t.account.apiKey}` } as Record<string, string>,
  },
  {
    name: 'console',
    url: `/console/imports?_csrf=${encodeURIComponent(session.csrf)}`,
    headers: { cookie: session.cookie } as Record<string, string>,
  },
];

test('a file over the cap is refused while it streams, in the envelope of each route, and nothing stays on disk', async () => {
  // A valid CSV head, then filler past the cap: what is refused is the size, not the content.
  const big = Buffer.alloc(MAX + 64 * 1024, 'x');
  Buffer.from(invoiceCsv(1)).copy(big);
  for (const target of targets()) {
    const { payload, contentType } = multipartBody({ name: 'big.csv', bytes: big }, { dryRun: 'true' });
    const res = await t.app.inject({
      method: 'POST',
      url: target.url,
      payload,
      headers: { ...target.headers, 'content-type': contentType },
    });
    assert.equal(res.statusCode, 422, `${target.name}: ${res.body.slice(0, 300)}`);
    if (target.name === 'API') {
      const body = JSON.parse(res.body);
      assert.equal(body.error.details[0].field, 'file', res.body);
      assert.match(body.error.message, /larger than 33554432 bytes/);
    } else assert.match(res.body, /mais de 32 MB|larger than 32 MB/);
    assert.deepEqual(spooled(), [], `${target.name}: no temporary file left`);
  }
});

test('a client that goes away mid-file leaves no temporary file (API and console)', async () => {
  for (const target of targets()) {
    const boundary = '----faturadorAbort';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n' +
      invoiceCsv(2000);
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.on('error', () => undefined);
    const headers = Object.entries(target.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(
      `POST ${target.url} HTTP/1.1\r\nhost: 127.0.0.1\r\n${headers}` +
        `content-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${10 * 1024 * 1024}\r\n\r\n`,
    );
    socket.write(head);
    await until(`${target.name}: the upload is being spooled`, () => spooled().length > 0);
    socket.destroy();
    await until(`${target.name}: its temporary file is removed`, () => spooled().length === 0);
  }
  // The server is still fine.
  const ok = await t.app.inject({
    method: 'POST',
    url: '/v1/imports',
    ...(() => {
      const { payload, contentType } = multipartBody({ name: 'ok.csv', bytes: invoiceCsv(2) }, { dryRun: 'true' });
      return { payload, headers: { authorization: `Bearer ${t.account.apiKey}`, 'content-type': contentType } };
    })(),
  });
  assert.equal(ok.statusCode, 200, ok.body);
  // Its file is removed once the answer is sent.
  await until('the dry run removes its temporary file', () => spooled().length === 0);
});
