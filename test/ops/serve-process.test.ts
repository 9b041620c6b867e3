import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { testDbKind } from '../support/db.js';
import { serveWithStreams } from './serve-process.js';

// How test/ops waits for `faturador serve`: on its "listening" banner, or its exit, within a bound for a hang.
// About the helper, not a database: PGlite only.
const cases = { skip: testDbKind !== 'pglite' };
const sockets = new Set<Socket>();
// A PostgreSQL that accepts connections and never answers: the start hangs in its first query.
const silent = createServer((s) => sockets.add(s));
after(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

test('a server that ends before listening is reported at once, with its output', cases, async () => {
  const t0 = Date.now();
  await assert.rejects(
    serveWithStreams({ DATABASE_URL: 'not-a-url' }),
    (e: Error) => /server exited \(\d+\) before listening/.test(e.message) && e.message.length > 60,
  );
  assert.ok(Date.now() - t0 < 120_000);
});

test('a server that hangs while starting is killed at the bound, with its output', cases, async () => {
  await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
  const { port } = silent.address() as { port: number };
  const t0 = Date.now();
  await assert.rejects(
    serveWithStreams({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none` }, { startBoundMs: 3_000 }),
    /server did not start within 3 s/,
  );
  assert.ok(Date.now() - t0 < 60_000);
});
