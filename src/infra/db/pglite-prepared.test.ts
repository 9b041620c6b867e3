import assert from 'node:assert/strict';
import test from 'node:test';
import { PGlite, protocol } from '@electric-sql/pglite';
import { PreparedPglite } from './pglite-prepared.js';
import { TYPE_PARSERS } from './type-parsers.js';

async function open(maxNamed?: number) {
  const pglite = await PGlite.create({ parsers: TYPE_PARSERS });
  return { pglite, db: new PreparedPglite(pglite, protocol.serialize, maxNamed) };
}

const strip = (r: { rows: unknown[]; affectedRows?: number }) => ({ rows: r.rows, affectedRows: r.affectedRows ?? 0 });

test('rows, types and affected rows are those of PGlite.query', async () => {
  const { pglite, db } = await open();
  await db.exec(`CREATE TABLE t (id bigserial PRIMARY KEY, n numeric(12,2), d date, at timestamptz, j jsonb,
    b bytea, ok boolean, tags text[], note text)`);
  const insert = `INSERT INTO t (n, d, at, j, b, ok, tags, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`;
  const values = [
    [
      '12.30',
      '2026-03-01',
      new Date('2026-03-01T10:00:00Z'),
      { a: [1, 'x'] },
      new Uint8Array([0, 1, 255]),
      true,
      ['a', 'b"c'],
      'é',
    ],
    [null, null, null, null, null, false, [], null],
  ];
  // Each row is inserted twice (mine, then PGlite's): the same but for its id.
  const noId = (r: { rows: unknown[]; affectedRows?: number }) =>
    strip({ ...r, rows: r.rows.map((row) => ({ ...(row as object), id: 0 })) });
  for (const v of values) assert.deepEqual(noId(await db.query(insert, v)), noId(await pglite.query(insert, v)));
  for (const sql of [
    'SELECT * FROM t ORDER BY id',
    "SELECT count(*) AS c, sum(n) AS s, max(d) AS d, '{1,2}'::int[] AS arr FROM t",
    'UPDATE t SET note = $1 WHERE ok',
    'DELETE FROM t WHERE id IN ($1, $2)',
  ]) {
    const params = sql.includes('$2') ? [1, 2] : sql.includes('$1') ? ['x'] : [];
    await db.exec('BEGIN');
    const mine = strip(await db.query(sql, params));
    await db.exec('ROLLBACK');
    assert.deepEqual(mine, strip(await pglite.query(sql, params)), sql);
  }
  await db.close();
});

test('a data statement is parsed once under a name; lists, DDL and texts past the cap are not named', async () => {
  const { db } = await open(2);
  await db.query('CREATE TABLE k (id int PRIMARY KEY, v text)');
  assert.equal(db.named(), 0);
  for (let i = 0; i < 5; i++) await db.query('INSERT INTO k (id, v) VALUES ($1, $2)', [i, `v${i}`]);
  assert.equal(db.named(), 1);
  assert.deepEqual((await db.query('SELECT v FROM k WHERE id IN ($1, $2) ORDER BY id', [1, 3])).rows, [
    { v: 'v1' },
    { v: 'v3' },
  ]);
  assert.equal(db.named(), 1);
  await db.query('SELECT v FROM k WHERE id = $1', [1]);
  assert.equal(db.named(), 2);
  // Past the cap: runs unnamed, with the same answer every time.
  for (let i = 0; i < 3; i++)
    assert.deepEqual((await db.query('SELECT id FROM k WHERE v = $1', ['v4'])).rows, [{ id: 4 }]);
  assert.equal(db.named(), 2);
  await db.close();
});

test("errors keep PostgreSQL's fields and the statement; the connection goes on after them", async () => {
  const { db } = await open();
  await db.query('CREATE TABLE u (id int PRIMARY KEY, v text NOT NULL)');
  const insert = 'INSERT INTO u (id, v) VALUES ($1, $2)';
  await db.query(insert, [1, 'a']);
  const err = (await db.query(insert, [1, 'b']).catch((e: unknown) => e)) as Record<string, unknown>;
  assert.equal(err.code, '23505');
  assert.equal(err.constraint, 'u_pkey');
  assert.match(String(err.detail), /Key \(id\)=\(1\) already exists/);
  assert.equal(err.query, insert);
  assert.deepEqual(err.params, [1, 'b']);
  await db.query('BEGIN');
  await assert.rejects(db.query(insert, [2, null]), { code: '23502' });
  await assert.rejects(db.query('SELECT v FROM u WHERE id = $1', [1]), { code: '25P02' });
  await db.query('ROLLBACK');
  assert.deepEqual((await db.query('SELECT v FROM u WHERE id = $1', [1])).rows, [{ v: 'a' }]);
  await db.close();
});

test('a plan made stale by a migration is prepared again: at once outside a transaction, by the retry inside', async () => {
  const { db } = await open();
  await db.query('CREATE TABLE s (id int)');
  await db.query('INSERT INTO s VALUES (1)');
  assert.deepEqual((await db.query('SELECT * FROM s', [])).rows, [{ id: 1 }]);
  await db.query('ALTER TABLE s ADD COLUMN v text DEFAULT $$x$$');
  assert.deepEqual((await db.query('SELECT * FROM s', [])).rows, [{ id: 1, v: 'x' }]);
  await db.query('ALTER TABLE s ADD COLUMN w int DEFAULT 2');
  await db.query('BEGIN');
  await assert.rejects(db.query('SELECT * FROM s', []), { code: '0A000' });
  await db.query('ROLLBACK');
  assert.deepEqual((await db.query('SELECT * FROM s', [])).rows, [{ id: 1, v: 'x', w: 2 }]);
  await db.close();
});
