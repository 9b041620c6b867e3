import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { lazySchemas, lazySchemasOf } from '../../src/http/lazy-schemas.js';
import { warmUpAfterListen } from '../../src/server/warm-up.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

// The start-up warm-up runs once the port is bound, in the background. `faturador serve` stopped within seconds of
// its start closed the database under it and warned "warm-up stopped: driver has already been destroyed". Here a
// server wired the same way (its log captured at debug level; lazily compiled schemas on a few document routes, which
// the warm-up compiles one per turn of the event loop, as on the real server) on a real database with one account,
// so the warm-up has its reads and its rolled-back create-and-finalize to do.

interface LogRecord {
  level: number;
  msg: string;
  err?: string;
  issued?: boolean;
  schemas?: number;
}
const WARN = 40;
const DEBUG = 20;

async function listening(): Promise<{
  db: TestDatabase;
  close: () => Promise<void>;
  closeApp: () => Promise<void>;
  logs: LogRecord[];
}> {
  const db = await freshDatabase();
  await db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Empresa Arranque, Lda',
      taxId: '503340855',
      sandbox: true,
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email: `warm-up-${Date.now()}@example.com` },
    }),
  );
  const logs: LogRecord[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
  const schemas = lazySchemas();
  const app = Fastify({ logger: { level: 'debug', stream }, schemaController: schemas.schemaController });
  lazySchemasOf.set(app, schemas);
  for (let i = 0; i < 20; i++)
    app.post(
      `/v1/documents/${i}`,
      {
        schema: {
          body: { type: 'object', properties: { lines: { type: 'array', items: { type: 'string' } } } },
          response: { 200: { type: 'object', properties: { id: { type: 'integer' } } } },
        },
      },
      async () => ({ id: i }),
    );
  warmUpAfterListen(app, db.database);
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As RunningApp.close does: the app first, then the database.
  return { db, logs, closeApp: () => app.close(), close: () => app.close().then(() => db.drop()) };
}

async function until(what: () => boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !what() && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
}

const summary = (logs: LogRecord[]) => JSON.stringify(logs.filter((r) => r.level >= DEBUG && r.msg !== undefined));

test('left alone, the warm-up runs to its end and says so', async () => {
  const { logs, close } = await listening();
  try {
    await until(() => logs.some((r) => r.msg === 'warmed up'));
    const done = logs.find((r) => r.msg === 'warmed up');
    assert.equal(done?.issued, true, summary(logs));
    assert.ok((done?.schemas ?? 0) >= 20, summary(logs));
    assert.ok(!logs.some((r) => r.level >= WARN), summary(logs));
  } finally {
    await close();
  }
});

test('closed during the warm-up: it stops before the database closes, quietly (debug, no warning)', async () => {
  const { logs, close } = await listening();
  await close();
  // Whatever the warm-up logs comes before the close ends; a moment more shows a late warning, if any.
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!logs.some((r) => r.level >= WARN), summary(logs));
  const stopped = logs.find((r) => r.msg === 'warm-up stopped: the server is closing');
  assert.equal(stopped?.level, DEBUG, summary(logs));
  assert.ok(!logs.some((r) => r.msg === 'warmed up'), summary(logs));
});

test('a warm-up that fails for another reason (the database gone under a running server) still warns', async () => {
  const { db, logs, closeApp } = await listening();
  await db.drop();
  await until(() => logs.some((r) => r.msg === 'warm-up stopped'));
  const failed = logs.find((r) => r.msg === 'warm-up stopped');
  assert.equal(failed?.level, WARN, summary(logs));
  assert.ok(failed?.err, summary(logs));
  await closeApp();
});
