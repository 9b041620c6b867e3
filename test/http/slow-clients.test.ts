import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { billptSurface } from '../../src/dialects/billpt/index.js';
import { invoicexpressSurface } from '../../src/dialects/invoicexpress/index.js';
import { standaloneServer } from '../../src/http/kit/standalone.js';
import { Metrics } from '../../src/infra/metrics/metrics.js';
import { buildServices } from '../../src/server/build-services.js';
import { startTestApp, testConfig, type TestApp } from '../support/app.js';

const limits = {
  requestTimeoutMs: 4000,
  headersTimeoutMs: 1000,
  keepAliveTimeoutMs: 1000,
  connectionTimeoutMs: 10_000,
  maxConnections: 200,
};
let t: TestApp;
let port: number;
before(async () => {
  t = await startTestApp({ serverLimits: limits });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
});
after(async () => {
  await t?.close();
});

/** Sends full headers announcing a 1 MB body, then one byte a second; resolves with the ms until the server closed. */
function slowBody(): { socket: Socket; closed: Promise<{ ms: number; reply: string }> } {
  const started = Date.now();
  let reply = '';
  const socket = connect(port, '127.0.0.1');
  socket.on('data', (d) => {
    reply += d;
  });
  socket.on('error', () => undefined);
  socket.write(
    `POST /v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.account.apiKey}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{',
  );
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(' ');
  }, 1000);
  const closed = new Promise<{ ms: number; reply: string }>((res) =>
    socket.on('close', () => {
      clearInterval(timer);
      res({ ms: Date.now() - started, reply });
    }),
  );
  return { socket, closed };
}

test('the limits are read from the environment, with defaults', () => {
  assert.deepEqual(loadConfig({}).serverLimits, {
    requestTimeoutMs: 60_000,
    headersTimeoutMs: 20_000,
    keepAliveTimeoutMs: 72_000,
    connectionTimeoutMs: 120_000,
    maxConnections: 800,
  });
  const c = loadConfig({
    REQUEST_TIMEOUT_MS: '5000',
    HEADERS_TIMEOUT_MS: '2000',
    KEEP_ALIVE_TIMEOUT_MS: '3000',
    CONNECTION_TIMEOUT_MS: '0',
    MAX_CONNECTIONS: '10',
  });
  assert.deepEqual(c.serverLimits, {
    requestTimeoutMs: 5000,
    headersTimeoutMs: 2000,
    keepAliveTimeoutMs: 3000,
    connectionTimeoutMs: 0,
    maxConnections: 10,
  });
  assert.throws(() => loadConfig({ MAX_CONNECTIONS: 'many' }), /MAX_CONNECTIONS/);
});

test('a body sent a byte a second is cut off once the request timeout has passed (408)', async () => {
  const { closed } = slowBody();
  const guard = new Promise<'open'>((res) => setTimeout(() => res('open'), 8000).unref());
  const out = await Promise.race([closed, guard]);
  assert.notEqual(out, 'open', 'the connection was still open after 8 s');
  const { ms, reply } = out as { ms: number; reply: string };
  assert.ok(ms >= 3500 && ms < 6500, `closed after ${ms} ms (request timeout 4000 ms)`);
  assert.match(reply, /^HTTP\/1\.1 408/);
});

test('/healthz answers while many slow connections are open', async () => {
  await fetch(`http://127.0.0.1:${port}/healthz`); // fetch's first call loads its client: not the server's time
  const slow = Array.from({ length: 60 }, () => slowBody());
  // Their keys are checked first (on PGlite, one connection for the 60 of them), then they only trickle.
  await new Promise((r) => setTimeout(r, 1200));
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(res.status, 200);
  }
  // (No bound on its time here: the machine running the tests may be busy; answering at all is the point.)
  assert.equal(
    slow.filter((s) => s.socket.destroyed).length,
    0,
    'healthz answered while the slow connections were open',
  );
  const all = await Promise.all(slow.map((s) => s.closed));
  assert.ok(
    all.every((c) => c.ms < 6500),
    'every slow connection was cut off',
  );
});

test('the connection cap and timeouts apply to the server and to the dialects’ own ports', async () => {
  const config = { ...testConfig, serverLimits: limits };
  const services = buildServices(config, t.db.database, new Metrics());
  const own = { port: 0, host: '127.0.0.1', baseUrl: 'http://localhost', rateLimitPerMinute: 100 };
  const servers = [
    t.app,
    (await standaloneServer(billptSurface, services, own)).app,
    (await standaloneServer(invoicexpressSurface, services, own)).app,
  ];
  for (const app of servers) {
    assert.equal(app.server.maxConnections, 200);
    assert.equal(app.server.requestTimeout, 4000);
    assert.equal(app.server.headersTimeout, 1000);
    assert.equal(app.server.keepAliveTimeout, 1000);
    assert.equal(app.server.timeout, 10_000);
  }
  await Promise.all(servers.slice(1).map((s) => s.close()));
});
