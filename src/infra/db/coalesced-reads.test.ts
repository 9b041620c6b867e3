import assert from 'node:assert/strict';
import test from 'node:test';
import { coalescedReads } from './coalesced-reads.js';

type Row = { k: string; n: number };

function fixture(maxInFlight?: number) {
  const calls: string[][] = [];
  const pending: { keys: string[]; resolve: (rows: Row[]) => void; reject: (e: unknown) => void }[] = [];
  const read = coalescedReads<string, Row>({
    idOf: (k) => k,
    rowId: (r) => r.k,
    readMany: (_db, keys) => {
      calls.push(keys);
      return new Promise((resolve, reject) => pending.push({ keys, resolve, reject }));
    },
    maxInFlight,
  });
  // Answers the oldest statement: two rows for each key but 'none'.
  const answer = () => {
    const p = pending.shift()!;
    p.resolve(
      p.keys
        .filter((k) => k !== 'none')
        .flatMap((k) => [
          { k, n: 1 },
          { k, n: 2 },
        ]),
    );
  };
  return { read, calls, pending, answer };
}

const db = { isTransaction: false } as never;
const tick = () => new Promise((r) => setImmediate(r));

test('alone, a read runs at once; concurrent reads share the next statement and get only their own rows', async () => {
  const { read, calls, answer } = fixture(1);
  const first = read(db, 'a');
  assert.deepEqual(calls, [['a']]);
  const others = ['b', 'c', 'b', 'none'].map((k) => read(db, k));
  await tick();
  assert.equal(calls.length, 1, 'the others wait for the statement in flight');
  answer();
  assert.deepEqual(await first, [
    { k: 'a', n: 1 },
    { k: 'a', n: 2 },
  ]);
  await tick();
  assert.deepEqual(calls[1], ['b', 'c', 'none'], 'one statement, each key once');
  answer();
  const [b, c, b2, none] = await Promise.all(others);
  assert.deepEqual(
    b.map((r) => r.k + r.n),
    ['b1', 'b2'],
  );
  assert.deepEqual(b2, b);
  assert.deepEqual(
    c.map((r) => r.k + r.n),
    ['c1', 'c2'],
  );
  assert.deepEqual(none, []);
});

test('at most maxInFlight statements at once', async () => {
  const { read, calls, pending, answer } = fixture(2);
  const all = Array.from({ length: 10 }, (_, i) => read(db, `k${i}`));
  await tick();
  assert.equal(pending.length, 2);
  assert.deepEqual(calls, [['k0'], ['k1']]);
  answer();
  await tick();
  assert.deepEqual(calls[2], ['k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
  answer();
  answer();
  assert.equal((await Promise.all(all)).flat().length, 20);
});

test('a failed statement fails the reads it carried, and the next ones still run', async () => {
  const { read, calls, pending, answer } = fixture(1);
  const first = read(db, 'a');
  const second = read(db, 'b');
  pending.shift()!.reject(new Error('connection lost'));
  await assert.rejects(first, /connection lost/);
  await tick();
  assert.deepEqual(calls[1], ['b']);
  answer();
  assert.equal((await second).length, 2);
});

test('a statement that fails runs each of its keys again alone: only the requests of the failing key get the error', async () => {
  const calls: string[][] = [];
  const read = coalescedReads<string, Row>({
    idOf: (k) => k,
    rowId: (r) => r.k,
    maxInFlight: 1,
    readMany: async (_db, keys) => {
      calls.push(keys);
      await tick();
      if (keys.includes('bad')) throw new Error('value out of range');
      return keys.map((k) => ({ k, n: 1 }));
    },
  });
  const first = read(db, 'a');
  const burst = ['b', 'bad', 'c', 'bad'].map((k) =>
    read(db, k).then(
      (rows) => rows.map((r) => r.k).join(),
      (err: Error) => err.message,
    ),
  );
  assert.equal((await first).length, 1);
  assert.deepEqual(await Promise.all(burst), ['b', 'value out of range', 'c', 'value out of range']);
  assert.deepEqual(calls, [['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  // Alone, a key's failure is its own.
  await assert.rejects(read(db, 'bad'), /value out of range/);
});

test('inside a transaction every read runs alone (it must see the transaction’s writes)', async () => {
  const { read, calls, answer } = fixture(1);
  const tx = { isTransaction: true } as never;
  const reads = [read(tx, 'a'), read(tx, 'b')];
  assert.deepEqual(calls, [['a'], ['b']]);
  answer();
  answer();
  assert.equal((await Promise.all(reads)).flat().length, 4);
});
