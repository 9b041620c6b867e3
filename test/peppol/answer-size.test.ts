import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpCall, MAX_ANSWER_BYTES } from '../../src/integrations/peppol/http.js';

// An access point or SMP (an account names it) that answers an endless body: only MAX_ANSWER_BYTES are read, then
// the answer is cut off, instead of buffering the whole body until the timeout. No database.
test('an endless answer is cut at MAX_ANSWER_BYTES, not buffered until the timeout', async () => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let closed = false;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    const pump = () => {
      while (!closed && res.write(chunk));
      if (!closed) res.once('drain', pump);
    };
    res.on('close', () => (closed = true));
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    const a = await httpCall({ method: 'GET', url, timeoutMs: 8000 });
    assert.equal(a.ok, true, JSON.stringify(a.ok ? a.status : a.reason));
    assert.equal(a.ok && a.text.length, MAX_ANSWER_BYTES);
  } finally {
    closed = true;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
