import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGliteThread, openPgliteClient, pgliteWorkerFile, type PgliteClient } from './pglite-thread.js';

// initdb once (seconds of WebAssembly); every other PGlite here starts from its dump, transferred to the thread.
let fresh: { loadDataDir: Blob };
before(async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create();
  fresh = { loadDataDir: await client.dumpDataDir('none') };
  await client.close();
});

const SCHEMA = `
  CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE NOT NULL CHECK (code <> ''), at timestamptz, n numeric, big int8);
  CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'row % is final', OLD.id USING ERRCODE = 'FA001', HINT = 'issue a credit note', DETAIL = 'd'; END $$;
  CREATE TRIGGER t_guard BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION guard();
  INSERT INTO t VALUES (1, 'a', '2026-12-07 10:00:00+00', 1.10, 9007199254740991);`;

const FAILING = [
  `INSERT INTO t VALUES (2, 'a')`,
  `INSERT INTO t VALUES (3, '')`,
  `INSERT INTO t (id) VALUES (4)`,
  `DELETE FROM t WHERE id = 1`,
  `SELECT nope FROM t`,
  `SELECT 1/0`,
];

/** Like a Decimal: PGlite sends a class instance's toString(). */
class Money {
  constructor(private readonly digits: string) {}
  toString() {
    return this.digits;
  }
}

async function errorsOf(client: PgliteClient) {
  await client.exec(SCHEMA);
  const out = [];
  for (const sql of FAILING) {
    const err = await client.query(sql).then(
      () => assert.fail(`${sql} succeeded`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error);
    const { stack: _stack, ...fields } = Object.fromEntries(
      Object.entries(err).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)),
    );
    out.push({ message: err.message, ...fields });
  }
  return out;
}

test("errors from PGlite's thread keep every field of in-process PGlite's (code, constraint, detail, hint, …)", async () => {
  const thread = await openPgliteClient(fresh);
  const local = await openPgliteClient(fresh, false);
  try {
    assert.ok(thread instanceof PGliteThread);
    const [there, here]: Record<string, unknown>[][] = [await errorsOf(thread), await errorsOf(local)];
    assert.deepEqual(there, here);
    assert.equal(there[0].code, '23505');
    assert.equal(there[0].constraint, 't_code_key');
    assert.equal(there[0].table, 't');
    assert.equal(there[2].column, 'code');
    assert.equal(there[3].code, 'FA001');
    assert.equal(there[3].hint, 'issue a credit note');
    assert.match(String(there[3].where), /guard/);
  } finally {
    await Promise.all([thread.close(), local.close()]);
  }
});

test('rows and parameters travel as in-process: parsed types, dates, bytes, affected rows', async () => {
  const client = await openPgliteClient(fresh);
  try {
    await client.exec(SCHEMA);
    const ins = await client.query('INSERT INTO t (id, code, at, n) VALUES ($1, $2, $3, $4), ($5, $6, $3, $4)', [
      2,
      'b',
      new Date('2026-12-07T11:00:00Z'),
      new Money('2.50'),
      3,
      'c',
    ]);
    assert.equal(ins.affectedRows, 2);
    const { rows } = await client.query('SELECT id, n, big, at = $1 AS same, $2::bytea AS b FROM t ORDER BY id', [
      '2026-12-07 10:00:00+00',
      new Uint8Array([1, 2, 3]),
    ]);
    assert.deepEqual(rows[0], { id: 1, n: '1.10', big: 9007199254740991, same: true, b: new Uint8Array([1, 2, 3]) });
    assert.equal((rows[1] as { n: string }).n, '2.50');
  } finally {
    await client.close();
  }
});

test("a slow statement runs on PGlite's thread while the event loop keeps ticking", async () => {
  const client = await openPgliteClient(fresh);
  try {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await client.query('SELECT pg_sleep(0.3)');
    } finally {
      clearInterval(timer);
    }
    // 60 ticks in 300 ms at 5 ms; in-process PGlite blocks the loop for the whole sleep (0–1 ticks).
    assert.ok(ticks >= 10, `${ticks} ticks`);
  } finally {
    await client.close();
  }
});

test('after close, requests are refused; close twice is one close', async () => {
  const client = await openPgliteClient(fresh);
  await client.query('SELECT 1');
  await Promise.all([client.close(), client.close()]);
  await assert.rejects(client.query('SELECT 1'), /PGlite's thread is closed/);
});

test('a thread that dies rejects what waits and what follows with a clear error', async () => {
  const client = await openPgliteClient(fresh);
  assert.ok(client instanceof PGliteThread);
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const waiting = client.query('SELECT pg_sleep(5)');
    await new Promise((r) => setTimeout(r, 100));
    await (client as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await assert.rejects(waiting, /PGlite's thread exited/);
    await assert.rejects(client.query('SELECT 1'), /PGlite's thread exited/);
    await client.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings, ["PGlite's thread exited (code 1)."]);
  } finally {
    process.off('warning', onWarning);
  }
});

test('where the thread cannot start, PGlite opens in-process with one warning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const client = await openPgliteClient(fresh, true, new URL('./no-such-worker.js', import.meta.url).href);
    assert.ok(!(client instanceof PGliteThread));
    assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    await client.close();
    await new Promise((r) => setImmediate(r));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /PGlite's thread could not start .*no-such-worker/);
  } finally {
    process.off('warning', onWarning);
  }
});

test('from the sources, the thread starts from its tsx bootstrap', () => {
  assert.match(pgliteWorkerFile() ?? '', /pglite-worker\.dev\.mjs$/);
});

test('nothing keeps the process alive: idle between requests, never used, and after close', () => {
  const here = fileURLToPath(new URL('./pglite-thread.ts', import.meta.url));
  // A module file, not `-e`: the thread inherits the process's flags, and `--input-type` would keep it from starting.
  const dir = mkdtempSync(join(tmpdir(), 'faturador-pglite-exit-'));
  const file = join(dir, 'exit.mts');
  writeFileSync(
    file,
    `const { openPgliteClient } = await import(${JSON.stringify(here)});
    const idle = await openPgliteClient({});
    await idle.query('SELECT 1');
    const closed = await openPgliteClient({});
    await closed.query('SELECT 1');
    await closed.close();
    // Opened and never used: its listeners must not hold the process either.
    await openPgliteClient({});
    console.log('done');`,
  );
  try {
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'done');
    assert.doesNotMatch(run.stderr, /could not start/, 'the clients ran on their thread');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
